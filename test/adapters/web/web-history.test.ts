/**
 * The local channel's event stream is bounded: a page that connects gets the newest threads (each
 * with its newest replies), not the whole history, and pages back on request; and only so many
 * pages may hold a stream open at once. Over real HTTP against mountWebChannel.
 */
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { WebChannel } from '../../../src/adapters/web/web-channel';
import { MAX_EVENT_STREAMS, mountWebChannel } from '../../../src/adapters/web/web-routes';
import { SNAPSHOT_REPLIES_PER_THREAD, SNAPSHOT_THREADS } from '../../../src/adapters/web/web-history';
import type { CardModel } from '../../../src/ports/card-model';

const notice = (text: string): CardModel => ({ kind: 'notice', tone: 'info', text });

interface Page {
  type?: string;
  messages: { id: string; threadId: string; card: { text?: string } }[];
  olderThreads: number;
  hiddenReplies: Record<string, number>;
}

describe('local channel history', () => {
  let host: HttpHost;
  let channel: WebChannel;
  let base: string;
  const roots: string[] = [];

  beforeAll(async () => {
    // A card that says which message it is, so the test can read the order back.
    channel = new WebChannel({ render: (model) => ({ type: 'AdaptiveCard', text: model.kind === 'notice' ? model.text : '' }) });
    for (let i = 0; i < 1000; i++) roots.push((await channel.post('alerts', notice(`alert ${i}`), { alertId: `a${i}` })).messageId);
    // A storm thread under the newest alert: far more replies than a page shows.
    const storm = { platform: 'web' as const, channelId: 'alerts', messageId: roots[999]!, threadId: roots[999]! };
    for (let i = 0; i < 100; i++) await channel.reply(storm, notice(`member ${i}`), { alertId: `m${i}`, role: 'storm-member' });
    host = createHttpHost();
    mountWebChannel(host.app, channel, { handle: async () => ({ followUp: Promise.resolve() }), logWarn: () => {} });
    base = `http://127.0.0.1:${(await host.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => host.close());

  async function openStream(): Promise<{ snapshot: Page; bytes: number; close: () => void; status: number }> {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/web/events`, { signal: controller.signal });
    if (res.status !== 200) return { snapshot: { messages: [], olderThreads: 0, hiddenReplies: {} }, bytes: 0, close: () => controller.abort(), status: res.status };
    const reader = res.body!.getReader();
    let buffer = '';
    while (!buffer.includes('\n\n')) buffer += new TextDecoder().decode((await reader.read()).value);
    const chunk = buffer.slice(0, buffer.indexOf('\n\n'));
    return { snapshot: JSON.parse(chunk.replace(/^data: /, '')) as Page, bytes: chunk.length, close: () => controller.abort(), status: 200 };
  }

  it('sends a connecting page the newest threads, each with its newest replies, and how much is older', async () => {
    const stream = await openStream();
    const { snapshot } = stream;
    stream.close();
    expect(snapshot.type).toBe('snapshot');
    const shownRoots = snapshot.messages.filter((m) => m.id === m.threadId).map((m) => m.id);
    expect(shownRoots).toEqual(roots.slice(-SNAPSHOT_THREADS));
    const replies = snapshot.messages.filter((m) => m.id !== m.threadId);
    expect(replies.map((m) => m.card.text)).toEqual(Array.from({ length: SNAPSHOT_REPLIES_PER_THREAD }, (_, k) => `member ${100 - SNAPSHOT_REPLIES_PER_THREAD + k}`));
    expect(snapshot.olderThreads).toBe(1000 - SNAPSHOT_THREADS);
    expect(snapshot.hiddenReplies).toEqual({ [roots[999]!]: 100 - SNAPSHOT_REPLIES_PER_THREAD });
    // The whole history is 1,100 messages; the snapshot about a twentieth of it.
    expect(stream.bytes).toBeLessThan(JSON.stringify(channel.list()).length / 15);
  });

  it('pages back, thread by thread, to the first alert', async () => {
    let before = roots[1000 - SNAPSHOT_THREADS]!;
    const seen: string[] = [];
    for (;;) {
      const page = (await (await fetch(`${base}/api/web/history?before=${encodeURIComponent(before)}`)).json()) as Page;
      const pageRoots = page.messages.filter((m) => m.id === m.threadId).map((m) => m.id);
      seen.unshift(...pageRoots);
      if (!page.olderThreads) break;
      before = pageRoots[0]!;
    }
    expect(seen).toEqual(roots.slice(0, 1000 - SNAPSHOT_THREADS));
    const unknown = (await (await fetch(`${base}/api/web/history?before=web-nonexistent`)).json()) as Page;
    expect(unknown).toEqual({ messages: [], olderThreads: 0, hiddenReplies: {} });
  });

  it(`keeps at most ${MAX_EVENT_STREAMS} streams open; a closed one frees its place`, async () => {
    const streams = [];
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) streams.push(await openStream());
    expect(streams.every((s) => s.status === 200)).toBe(true);
    const refused = await fetch(`${base}/api/web/events`);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toMatch(/pages of the local channel are open already: close one and reload/);
    streams.pop()!.close();
    // The server hears the close a moment later.
    let again = await openStream();
    for (let i = 0; again.status !== 200 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await openStream();
    }
    expect(again.status).toBe(200);
    again.close();
    for (const s of streams) s.close();
  });
});
