/**
 * One codec for every button on every platform, so a card and its handler cannot drift apart.
 *
 * An action is a `verb` (`dtb.<intent kind>`) and a flat string map `data`. What each platform
 * makes of them is its adapter's: Adaptive Cards carry them as they are (Action.Execute verb and
 * data, Action.Submit data), Slack shapes an action_id from them (adapters/cards/slack-action-id.ts)
 * and sends the data as the button's value. Decoding validates everything: the data came back from
 * a client and is untrusted.
 */
import { INVESTIGATION_KINDS, VERDICTS, type Intent, type InvestigationKind, type Verdict } from './intent';

export interface EncodedAction {
  verb: string;
  data: Record<string, string>;
}

export type DecodeResult = { ok: true; intent: Intent } | { ok: false; reason: string };

/** Every verb of ours starts so; a platform's other ids (links, other apps) do not. */
export const VERB_PREFIX = 'dtb.';
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
