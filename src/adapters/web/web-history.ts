/**
 * What a page of the local channel is sent: the newest threads, not the whole history (after
 * 10,000 alerts the whole history was a 34.7 MB snapshot for every page that connected). A page of
 * history is the `threads` newest alert threads before `before` (a root message id), each root with
 * at most its `repliesPerThread` newest replies (and the private answers kept in it); the page asks
 * for the next page back when wanted. The page shows them oldest first, as a chat channel does.
 */
import type { WebMessage } from './web-channel';

export interface HistoryPage {
  /** Chronological: each root followed by the replies shown of its thread. */
  messages: WebMessage[];
  /** Threads older than this page (the page offers to show them). */
  olderThreads: number;
  /** Per shown thread, how many of its earlier replies are not in this page. */
  hiddenReplies: Record<string, number>;
}

export interface HistoryOptions {
  /** Root message id: only threads older than it. */
  before?: string;
  threads: number;
  repliesPerThread: number;
}

export const SNAPSHOT_THREADS = 30;
export const SNAPSHOT_REPLIES_PER_THREAD = 20;

export function historyPage(all: Iterable<WebMessage>, o: HistoryOptions): HistoryPage {
  const roots: WebMessage[] = [];
  const threads = new Map<string, WebMessage[]>();
  for (const m of all) {
    if (m.id === m.threadId) roots.push(m);
    else {
      const thread = threads.get(m.threadId);
      if (thread) thread.push(m);
      else threads.set(m.threadId, [m]);
    }
  }
  const end = o.before === undefined ? roots.length : Math.max(0, roots.findIndex((r) => r.id === o.before));
  const start = Math.max(0, end - o.threads);
  const messages: WebMessage[] = [];
  const hiddenReplies: Record<string, number> = {};
  for (const root of roots.slice(start, end)) {
    const { shown, hidden } = newestReplies(threads.get(root.id) ?? [], o.repliesPerThread);
    messages.push(root, ...shown);
    if (hidden) hiddenReplies[root.id] = hidden;
  }
  // Private answers to typed commands belong to no thread: the connecting page gets them all.
  if (o.before === undefined) {
    const rootIds = new Set(roots.map((r) => r.id));
    for (const [threadId, thread] of threads) if (!rootIds.has(threadId)) messages.push(...thread.filter((m) => m.privateTo !== undefined));
  }
  return { messages, olderThreads: start, hiddenReplies };
}

/**
 * A thread's newest `limit` replies, in order, with every private answer kept in it (a few per user:
 * web-channel.ts) — they stay beside what they answer until dismissed, and do not push replies out.
 */
function newestReplies(thread: WebMessage[], limit: number): { shown: WebMessage[]; hidden: number } {
  const replies = thread.filter((m) => m.privateTo === undefined);
  const kept = new Set(replies.slice(-limit));
  return { shown: thread.filter((m) => m.privateTo !== undefined || kept.has(m)), hidden: replies.length - kept.size };
}
