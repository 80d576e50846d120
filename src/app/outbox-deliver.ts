/**
 * Sends one outbox row, exactly once: before sending, it looks for proof that an earlier attempt
 * (perhaps by a process that then crashed) already sent it — the stored message refs, then the
 * platform itself (`findPosted` for a card, `findReply` for a storm member's reply in its group
 * card's thread: Slack's message metadata). A delivery that posted returns the ref
 * to record; the worker records it and completes the row in one transaction, so whoever retries the
 * row finds it.
 */
import type { MessageRole } from '../domain/message-role';
import type { MessageRef } from '../ports/chat-surface';
import type { MessageRefRecord } from '../ports/message-ref-repository';
import type { OutboxRow } from '../ports/outbox';
import { alertCard } from './alert-card';
import type { AppDeps } from './deps';

/** What happened to a row: sent (or found sent), wait and try again, or give up. */
export type DeliveryOutcome =
  | { kind: 'done'; how: 'sent' | 'already-sent' | 'reconciled'; record?: MessageRefRecord }
  | { kind: 'wait'; reason: string; retryInMs: number }
  | { kind: 'give-up'; reason: string };

const ANCHOR_WAIT_MS = 1000;

export async function deliver(row: OutboxRow, deps: AppDeps): Promise<DeliveryOutcome> {
  const surface = deps.surfaces[row.platform];
  if (!surface) return { kind: 'give-up', reason: `no ${row.platform} surface is configured on this replica` };
  switch (row.kind) {
    case 'post':
      return deliverPost(row, deps);
    case 'reply':
      return deliverReply(row, deps);
    case 'update':
      return deliverUpdate(row, deps);
  }
}

async function deliverPost(row: OutboxRow, deps: AppDeps): Promise<DeliveryOutcome> {
  const surface = deps.surfaces[row.platform]!;
  if (await deps.store.messages.findRoot(row.alertId, row.platform, row.channelId)) return { kind: 'done', how: 'already-sent' };
  // Only a row tried before can have been sent without being recorded: ask the platform then.
  if (row.attempts > 1 && surface.findPosted) {
    const found = await surface.findPosted(row.channelId, row.alertId);
    if (found) return { kind: 'done', how: 'reconciled', record: record(found, row.alertId, 'root', deps) };
  }
  const card = await alertCard(row.alertId, deps);
  if (!card) return { kind: 'give-up', reason: `alert ${row.alertId} is not in the store` };
  const ref = await surface.post(row.channelId, card, { alertId: row.alertId });
  return { kind: 'done', how: 'sent', record: record(ref, row.alertId, 'root', deps) };
}

async function deliverReply(row: OutboxRow, deps: AppDeps): Promise<DeliveryOutcome> {
  const surface = deps.surfaces[row.platform]!;
  const mine = await deps.store.messages.listForAlert(row.alertId);
  if (mine.some((r) => r.role === 'storm-member' && r.platform === row.platform && r.channelId === row.channelId))
    return { kind: 'done', how: 'already-sent' };
  const root = await deps.store.messages.findRoot(row.anchorAlertId!, row.platform, row.channelId);
  if (!root) return { kind: 'wait', reason: 'the group card is not posted yet', retryInMs: ANCHOR_WAIT_MS };
  // As for a card: a row tried before may have been sent without being recorded; look in the thread.
  if (row.attempts > 1 && surface.findReply) {
    const found = await surface.findReply(root, row.alertId, 'storm-member', row.createdAt);
    if (found) return { kind: 'done', how: 'reconciled', record: record(found, row.alertId, 'storm-member', deps) };
  }
  const card = await alertCard(row.alertId, deps);
  if (!card) return { kind: 'give-up', reason: `alert ${row.alertId} is not in the store` };
  const ref = await surface.reply(root, card, { alertId: row.alertId, role: 'storm-member' });
  return { kind: 'done', how: 'sent', record: record(ref, row.alertId, 'storm-member', deps) };
}

async function deliverUpdate(row: OutboxRow, deps: AppDeps): Promise<DeliveryOutcome> {
  const surface = deps.surfaces[row.platform]!;
  const alertId = row.anchorAlertId ?? row.alertId;
  const refs = (await deps.store.messages.listForAlert(alertId)).filter((r) => r.platform === row.platform && r.channelId === row.channelId);
  // Its own card, or (a storm member) its reply in the group card's thread.
  const target = refs.find((r) => r.role === 'root') ?? refs.find((r) => r.role === 'storm-member');
  if (!target) {
    const placement = await deps.store.storms.placement(alertId);
    if (placement?.snoozed) return { kind: 'done', how: 'already-sent' }; // never shown: counted on the group card only
    return { kind: 'wait', reason: 'the card is not posted yet', retryInMs: ANCHOR_WAIT_MS };
  }
  const card = await alertCard(alertId, deps);
  if (!card) return { kind: 'give-up', reason: `alert ${alertId} is not in the store` };
  await surface.update(target, card);
  return { kind: 'done', how: 'sent' };
}

function record(ref: MessageRef, alertId: string, role: MessageRole, deps: AppDeps): MessageRefRecord {
  return { ...ref, alertId, role, createdAt: deps.clock.now().toISOString() };
}
