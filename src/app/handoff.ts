/**
 * Shift handoff: `/handoff` (Intent 'handoff') posts the current shift's handoff in the channel it
 * was asked from; the scheduler (handoff-scheduler.ts) posts the ended shift's at each boundary.
 * `/handoff note …` (Intent 'handoff-note') leaves a note for the next shift; the Acknowledge button
 * (Intent 'handoff-ack') records who took over, in the audit log.
 */
import { DEFAULT_SHIFTS, shiftAt, type Shift } from '../domain/handoff/shifts';
import type { HandoffSummary, SnoozedStormItem } from '../domain/handoff/summary';
import type { Actor } from '../domain/intent';
import { primaryHostName } from '../domain/alert';
import type { CardModel } from '../ports/card-model';
import type { MessageRef } from '../ports/chat-surface';
import { isPrivateRef } from './confined-surfaces';
import type { AppDeps, Route, UseCase } from './deps';
import { caseLines } from './case-findings';
import { handoffMessages, type HandoffMessages } from './handoff-card';
import { scopeLabel } from './customer-scope';
import { shiftFacts, throughNow } from './shift-facts';
import { auditActor } from './triage-state';

export const requestHandoff: UseCase<'handoff'> = async ({ intent, actor, origin }, deps) => {
  const now = deps.clock.now();
  if (intent.note) await saveNote(intent.note, actor, deps);
  const current = shiftAt(deps.settings.shifts ?? DEFAULT_SHIFTS, now);
  const shift: Shift = { ...current, end: throughNow(now) };
  const id = `m${compact(now)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    reply: { kind: 'notice', tone: 'info', text: `Posting the handoff for ${current.label} (so far)…` },
    followUp: postHandoff(deps, { id, shift, postedBy: auditActor(actor), routes: [{ platform: origin.platform, channelId: origin.channelId }] }).then(() => undefined),
  };
};

export const addHandoffNote: UseCase<'handoff-note'> = async ({ intent, actor }, deps) => {
  const text = intent.note.trim().slice(0, 2000);
  if (!text) return { reply: { kind: 'notice', tone: 'warning', text: 'The note is empty; write it after "handoff note".' } };
  await saveNote(text, actor, deps);
  const shift = shiftAt(deps.settings.shifts ?? DEFAULT_SHIFTS, deps.clock.now());
  return { reply: { kind: 'notice', tone: 'good', text: `Note saved for the handoff of ${shift.label}.` } };
};

export const acknowledgeHandoff: UseCase<'handoff-ack'> = async ({ intent, actor }, deps) => {
  const existing = await deps.store.handoffs.get(intent.handoffId);
  if (!existing) return { reply: { kind: 'notice', tone: 'warning', text: 'This handoff is not known to the bot; nothing was recorded.' } };
  if (existing.acknowledgedBy)
    return { reply: { kind: 'notice', tone: 'info', text: `Already acknowledged by ${existing.acknowledgedBy} at ${existing.acknowledgedAt}.` } };
  const at = deps.clock.now().toISOString();
  const who = auditActor(actor);
  const after = await deps.store.handoffs.acknowledge(intent.handoffId, who, at);
  if (after?.acknowledgedBy !== who)
    return { reply: { kind: 'notice', tone: 'info', text: `Already acknowledged by ${after?.acknowledgedBy ?? 'someone else'}.` } };
  await deps.store.audit.append({ at, actor: who, action: 'handoff-ack', before: { handoffId: intent.handoffId, acknowledgedBy: null }, after: { handoffId: intent.handoffId, acknowledgedBy: who } });
  const text = `Acknowledged by ${actor.displayName} at ${at.slice(11, 16)} UTC`;
  return {
    reply: { kind: 'notice', tone: 'good', text: `Handoff acknowledged. ${text}.` },
    followUp: markAcknowledged(intent.handoffId, after.cardJson, text, deps),
  };
};

export interface HandoffPost {
  id: string;
  shift: Shift;
  postedBy: string;
  routes: Route[];
}

/** Builds and posts a handoff; false when another replica already posted this id. */
export async function postHandoff(deps: AppDeps, post: HandoffPost): Promise<boolean> {
  const summary = await summarize(post.shift, deps);
  const messages = forWhom(handoffMessages(summary, post.id), scopeLabel(deps.settings));
  const claimed = await deps.store.handoffs.claim({
    id: post.id,
    shiftStart: post.shift.start.toISOString(),
    shiftEnd: post.shift.end.toISOString(),
    postedAt: deps.clock.now().toISOString(),
    postedBy: post.postedBy,
    cardJson: JSON.stringify(messages.root),
  });
  if (!claimed) return false;
  for (const route of post.routes) {
    const surface = deps.surfaces[route.platform];
    if (!surface) continue;
    const root = await surface.post(route.channelId, messages.root);
    // Asked outside the triage channels: it went to the asker alone, there is no thread to keep.
    if (!isPrivateRef(root)) await deps.store.messages.save({ ...root, alertId: handoffThreadKey(post.id), role: 'handoff', createdAt: deps.clock.now().toISOString() });
    for (const card of messages.thread) await surface.reply(root, card);
  }
  return true;
}

export async function summarize(shift: Shift, deps: AppDeps): Promise<HandoffSummary> {
  const notes = await deps.store.handoffs.notes(shift.start.toISOString(), shift.end.toISOString(), deps.settings.scope);
  const summary = await shiftFacts(shift, deps, {
    notes: notes.map((n) => ({ author: n.displayName, text: n.text, at: n.at })),
    snoozed: await snoozedStorms(shift, deps),
  });
  // The handoff reads the card: each open item carries its findings lines and the suggestion.
  const open = await Promise.all(summary.open.map(async (o) => ({ ...o, ...(await caseLines(o.alertId, deps)) })));
  return { ...summary, open };
}

/** The shift's snoozed storms, named by their group card's alert (or, if it is gone, by the storm key). */
async function snoozedStorms(shift: Shift, deps: AppDeps): Promise<SnoozedStormItem[]> {
  const reports = await deps.store.storms.snoozesDuring(shift.start.toISOString(), shift.end.toISOString());
  return Promise.all(
    reports.map(async (r) => {
      const alert = await deps.store.alerts.get(r.anchorAlertId);
      const [keyType = '', keyResource = ''] = r.stormKey.split('|');
      return {
        alertId: r.anchorAlertId,
        title: alert?.displayName || keyType,
        alertType: alert?.alertType || keyType,
        resource: (alert && (alert.resourceName || primaryHostName(alert) || alert.resourceId)) || keyResource,
        by: r.by,
        setAt: r.setAt,
        until: r.until,
        held: r.held,
      };
    }),
  );
}

/** Handoff messages are kept with the message refs under this key (they belong to no alert). */
export function handoffThreadKey(handoffId: string): string {
  return `handoff:${handoffId}`;
}

async function markAcknowledged(handoffId: string, cardJson: string | undefined, text: string, deps: AppDeps): Promise<void> {
  const refs = await deps.store.messages.listForAlert(handoffThreadKey(handoffId));
  const card = cardJson ? withAcknowledgment(JSON.parse(cardJson) as CardModel, text) : undefined;
  for (const ref of refs) {
    const surface = deps.surfaces[ref.platform];
    if (!surface) continue;
    const root: MessageRef = { platform: ref.platform, channelId: ref.channelId, messageId: ref.messageId, threadId: ref.threadId };
    if (card) await surface.update(root, card).catch((err: unknown) => deps.logger.warn({ err, handoffId }, 'handoff card update failed'));
    await surface.reply(root, { kind: 'notice', tone: 'good', text });
  }
}

/** With CUSTOMERS the handoff names whose it is ("Shift handoff: Early — Contoso"). */
function forWhom(messages: HandoffMessages, label: string | undefined): HandoffMessages {
  const root = messages.root;
  if (!label || root.kind !== 'custom') return messages;
  const title = `${String(root.data.title)} — ${label}`;
  return { ...messages, root: { ...root, data: { ...root.data, title }, fallbackText: `${label}: ${root.fallbackText ?? ''}` } };
}

function withAcknowledgment(card: CardModel, text: string): CardModel {
  return card.kind === 'custom' ? { ...card, data: { ...card.data, acknowledged: text } } : card;
}

async function saveNote(text: string, actor: Actor, deps: AppDeps) {
  // A customer's request (CUSTOMERS) has that one customer in its scope: the note is for its handoff.
  const scope = deps.settings.scope?.customers;
  const customer = scope?.length === 1 ? scope[0] : undefined;
  await deps.store.handoffs.addNote({
    platform: actor.platform,
    userId: actor.userId,
    displayName: actor.displayName,
    text: text.slice(0, 2000),
    at: deps.clock.now().toISOString(),
    ...(customer ? { customer } : {}),
  });
}

function compact(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
