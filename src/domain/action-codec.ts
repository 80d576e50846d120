/**
 * One codec for every button on every platform, so a card and its handler cannot drift apart.
 *
 * An action is a `verb` (Adaptive Card Action.Execute verb, Slack action_id prefix) and a flat
 * string map `data` (Action.Execute/Submit data, Slack button value as JSON). Decoding validates
 * everything: the data came back from a client and is untrusted.
 */
import { INVESTIGATION_KINDS, VERDICTS, type Intent, type InvestigationKind, type Verdict } from './intent';

export interface EncodedAction {
  verb: string;
  data: Record<string, string>;
}

export type DecodeResult = { ok: true; intent: Intent } | { ok: false; reason: string };

const VERB_PREFIX = 'dtb.';
const MAX_FIELD = 500;

export function encodeAction(intent: Intent): EncodedAction {
  const verb = `${VERB_PREFIX}${intent.kind}`;
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(intent)) {
    if (key === 'kind' || value === undefined) continue;
    data[key] = String(value);
  }
  return { verb, data };
}

/** Slack needs unique action_ids within a message: the verb plus a discriminating suffix. */
export function actionId(action: EncodedAction): string {
  const suffix = action.data.investigation ?? action.data.verdict ?? action.data.minutes ?? '';
  return suffix ? `${action.verb}.${suffix}` : action.verb;
}

/**
 * Card inputs (e.g. the severity choice) on platforms that send them on their own (a Slack select):
 * `dtb.input.<input id>`. Such an id is not a verb: picking alone does nothing; the input's value
 * joins the data of the button clicked next, as Adaptive Cards merge inputs into action data.
 */
const INPUT_PREFIX = `${VERB_PREFIX}input.`;

export function inputActionId(inputId: string): string {
  return `${INPUT_PREFIX}${inputId}`;
}

/** The input id of an input's action_id, or undefined when the id is not an input's. */
export function inputIdFromActionId(id: string): string | undefined {
  return id.startsWith(INPUT_PREFIX) && id.length > INPUT_PREFIX.length ? id.slice(INPUT_PREFIX.length) : undefined;
}

/** The verb back from a Slack action_id (which may carry a suffix). */
export function verbFromActionId(id: string): string {
  if (!id.startsWith(VERB_PREFIX)) return id;
  const rest = id.slice(VERB_PREFIX.length);
  const dot = rest.indexOf('.');
  return VERB_PREFIX + (dot === -1 ? rest : rest.slice(0, dot));
}

export function isOurVerb(verb: string): boolean {
  return verb.startsWith(VERB_PREFIX);
}

export function decodeAction(verb: string, rawData: unknown): DecodeResult {
  if (!isOurVerb(verb)) return fail(`unknown action "${verb.slice(0, 60)}"`);
  const data = stringMap(rawData);
  const kind = verb.slice(VERB_PREFIX.length);
  const need = (key: string): string | undefined => {
    const v = data[key];
    return typeof v === 'string' && v.length > 0 && v.length <= MAX_FIELD ? v : undefined;
  };
  switch (kind) {
    case 'show-queries':
    case 'investigate': {
      const alertId = need('alertId');
      const investigation = need('investigation');
      if (!alertId) return fail('missing alertId');
      if (!isOneOf(investigation, INVESTIGATION_KINDS)) return fail('unknown investigation');
      return ok({ kind, alertId, investigation: investigation as InvestigationKind });
    }
    case 'vote': {
      const alertId = need('alertId');
      const verdict = need('verdict');
      if (!alertId) return fail('missing alertId');
      if (!isOneOf(verdict, VERDICTS)) return fail('unknown verdict');
      return ok({
        kind,
        alertId,
        verdict: verdict as Verdict,
        severity: need('severity'),
        comment: typeof data.comment === 'string' && data.comment.trim() ? data.comment.slice(0, 2000) : undefined,
      });
    }
    case 'vote-form':
    case 'reopen':
    case 'refresh': {
      const alertId = need('alertId');
      return alertId ? ok({ kind, alertId }) : fail('missing alertId');
    }
    case 'snooze': {
      const alertId = need('alertId');
      const minutes = Number(need('minutes'));
      if (!alertId) return fail('missing alertId');
      if (!Number.isInteger(minutes) || minutes <= 0 || minutes > 7 * 24 * 60) return fail('snooze minutes must be 1..10080');
      return ok({ kind, alertId, minutes });
    }
    case 'handoff-ack': {
      const handoffId = need('handoffId');
      return handoffId ? ok({ kind, handoffId }) : fail('missing handoffId');
    }
    case 'handoff':
      return ok({ kind, note: need('note') });
    case 'triage-list':
      return ok({ kind });
    case 'help':
      return ok({ kind, topic: need('topic') });
    default:
      return fail(`unknown action "${verb.slice(0, 60)}"`);
  }
}

function stringMap(raw: unknown): Record<string, string> {
  if (typeof raw === 'string') {
    try {
      return stringMap(JSON.parse(raw));
    } catch {
      return {};
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function isOneOf<T extends string>(value: string | undefined, options: readonly T[]): value is T {
  return value !== undefined && (options as readonly string[]).includes(value);
}

function ok(intent: Intent): DecodeResult {
  return { ok: true, intent };
}

function fail(reason: string): DecodeResult {
  return { ok: false, reason };
}
