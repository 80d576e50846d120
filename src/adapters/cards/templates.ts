/**
 * The card templates in cards/<name>.json, expanded with adaptivecards-templating.
 *
 * Safety rule: a template is expanded exactly ONCE, with the data as data. The templating engine
 * evaluates `${…}` only in the template; a `${…}` inside a data value is copied as text (a test
 * proves it). Data values are built by the view modules as strings already escaped for markdown;
 * the only objects in the data are ones this code built (encoded button data, column widths).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { TriageError } from '../../domain/errors';
import type { AdaptiveCard } from './adaptive-card';

export const CARDS_DIR = path.resolve(__dirname, '../../../cards');

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const cache = new Map<string, unknown>();

/** The parsed template cards/<name>.json (cached: templates do not change while running). */
export function loadTemplate(name: string): unknown {
  if (!TEMPLATE_NAME.test(name)) {
    throw new TriageError('bad_card_template', `card template name "${name.slice(0, 80)}" must be a file name in cards/ (a-z, 0-9, -)`);
  }
  const cached = cache.get(name);
  if (cached) return cached;
  const file = path.join(CARDS_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new TriageError('bad_card_template', `no card template cards/${name}.json`);
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  cache.set(name, parsed);
  return parsed;
}

/**
 * Prepared templates: `new Template()` parses every `${…}` of the template (most of the cost of a
 * card, measured by `npm run bench`); a prepared one expands again and again into new objects, as
 * adaptivecards-templating intends. Each expansion is still one expansion of the template itself.
 */
const prepared = new Map<string, Template>();

export function expandTemplate(name: string, data: Record<string, unknown>): AdaptiveCard {
  let template = prepared.get(name);
  if (!template) {
    template = new Template(structuredClone(loadTemplate(name)));
    prepared.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}
