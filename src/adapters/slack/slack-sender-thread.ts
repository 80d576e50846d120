/**
 * The worker-thread side of ThreadedSlackSender: a WebApiSender (WebClient, per-channel outbox) of
 * its own, answering the main thread's calls. Started by threaded-slack-sender.ts; nothing else
 * imports this file. Messages are described in slack-thread-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../../app/deps';
import { ChannelOutbox } from './channel-outbox';
import { createSlackClient } from './slack-client';
import { WebApiSender } from './slack-sender';
import { toThreadError, type SlackThreadOptions, type ThreadCall, type ThreadReply } from './slack-thread-protocol';

function main(port: NonNullable<typeof parentPort>, options: SlackThreadOptions): void {
  const send = (reply: ThreadReply) => port.postMessage(reply);
  const sender = new WebApiSender(createSlackClient(options.token, options.apiUrl, threadLogger(send)), new ChannelOutbox(options.outbox));
  port.on('message', (call: ThreadCall) => {
    run(sender, call).then(
      (value) => send({ id: call.id, value }),
      (err: unknown) => send({ id: call.id, error: toThreadError(err) }),
    );
  });
}

function run(sender: WebApiSender, call: ThreadCall): Promise<unknown> {
  switch (call.op) {
    case 'post':
      return sender.post(...call.args);
    case 'update':
      return sender.update(...call.args);
    case 'postEphemeral':
      return sender.postEphemeral(...call.args);
    case 'findPosted':
      return sender.findPosted(...call.args);
    case 'findReply':
      return sender.findReply(...call.args);
  }
}

/** Warnings and errors go to the main thread's logger; the SDK's debug chatter stays here. */
function threadLogger(send: (reply: ThreadReply) => void): Logger {
  const forward = (level: 'warn' | 'error') => (obj: object | string, msg?: string) => {
    try {
      send({ log: { level, obj: typeof obj === 'string' ? { text: obj } : obj, msg } });
    } catch {
      send({ log: { level, obj: { text: JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v)) }, msg } }); // not cloneable
    }
  };
  return { debug() {}, info() {}, warn: forward('warn'), error: forward('error') };
}

if (parentPort) main(parentPort, workerData as SlackThreadOptions);
