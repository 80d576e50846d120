/**
 * Validates a card against the official Adaptive Card 1.5 schema (test/fixtures/schemas, copied from the workplace's shared/) with ajv, per
 * DESIGN.md: the schema declares draft-06 but uses `id`, so `$schema`/`id` are removed and it is
 * compiled with strict: false; Teams' `msteams` property is allowed on the root card. Shared helper.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The schema is the repository's own copy (test/fixtures/README.md names its source). */
export const ADAPTIVE_CARD_SCHEMA_PATH =
  process.env.ADAPTIVE_CARD_SCHEMA ?? path.resolve(__dirname, '../fixtures/schemas/adaptive-card-1.5.json');

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  const definitions = schema.definitions as Record<string, { properties: Record<string, unknown> }>;
  definitions.AdaptiveCard!.properties.msteams = { type: 'object' };
  // Formats (uri, uri-reference) are not checked: ajv needs ajv-formats for them; our links are
  // built and checked by safeHttpsUrl instead.
  validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return validate;
}

/** Schema errors of the card ("" when valid), one line each. */
export function adaptiveCardSchemaErrors(card: unknown): string[] {
  const check = validator();
  if (check(card)) return [];
  return (check.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
