/**
 * Where a findings line's full answer is, as a link on the surface that shows the card: a Slack
 * permalink (the workspace's URL from auth.test, the answer's channel and ts), a Teams link to the
 * reply message, an anchor to the reply in the local channel. Built by us from the refs the
 * platform gave us when the answer was posted — never from alert text — and each piece is checked
 * against the shape that platform uses before it goes into a URL.
 */
import type { MessageRef } from '../../ports/chat-surface';

/** The link to the answer among `answers` (one per surface it was posted on) for this surface, if any. */
export type AnswerLink = (answers: readonly MessageRef[]) => string | undefined;

const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,40}$/;
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

/** `workspaceUrl`: auth.test's `url` ("https://acme.slack.com/"); no link without it. */
export function slackAnswerLink(workspaceUrl: () => string | undefined): AnswerLink {
  return (answers) => {
    const base = httpsBase(workspaceUrl());
    const ref = answers.find((a) => a.platform === 'slack');
    if (!base || !ref || !SLACK_CHANNEL.test(ref.channelId) || !SLACK_TS.test(ref.messageId)) return undefined;
    const url = new URL(`archives/${ref.channelId}/p${ref.messageId.replace('.', '')}`, base);
    if (ref.threadId && ref.threadId !== ref.messageId && SLACK_TS.test(ref.threadId)) {
      url.searchParams.set('thread_ts', ref.threadId);
      url.searchParams.set('cid', ref.channelId);
    }
    return url.href;
  };
}

const TEAMS_ID = /^[\w.:@-]{1,200}$/;

/** Teams' link to a message: the channel, the reply's id and its thread's root. */
export function teamsAnswerLink(): AnswerLink {
  return (answers) => {
    const ref = answers.find((a) => a.platform === 'teams');
    if (!ref || !TEAMS_ID.test(ref.channelId) || !/^\d{1,20}$/.test(ref.messageId)) return undefined;
    const url = new URL(`https://teams.microsoft.com/l/message/${encodeURIComponent(ref.channelId)}/${ref.messageId}`);
    if (ref.threadId && ref.threadId !== ref.messageId && /^\d{1,20}$/.test(ref.threadId)) url.searchParams.set('parentMessageId', ref.threadId);
    return url.href;
  };
}

/** The local channel's page: an anchor on the reply (app.js gives each message the id `message-<id>`). */
export function webAnswerLink(): AnswerLink {
  return (answers) => {
    const ref = answers.find((a) => a.platform === 'web');
    return ref && /^web-[0-9a-f-]{36}$/.test(ref.messageId) ? `#message-${ref.messageId}` : undefined;
  };
}

function httpsBase(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.search && !url.hash ? `${url.origin}/` : undefined;
  } catch {
    return undefined;
  }
}
