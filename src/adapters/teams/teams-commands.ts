/**
 * Commands typed to the bot: `@Triage Bot investigate web-vm-01 2h` in a channel, or the same
 * without the mention in personal chat. Parsed by the shared command parser, answered in the
 * thread of the message (channel) or in the chat.
 */
import type { Activity } from '@microsoft/agents-activity';
import { isCommandError, parseCommand } from '../../domain/command-parser';
import type { AppDeps } from '../../app/deps';
import { handleIntent } from '../../app/handle-intent';
import { actorOf, commandText, originOf } from './incoming-activity';
import { replyAtOrigin, replyPrivately } from './teams-actions';

/** Resolves once the immediate answer is posted; `afterAnswer` carries the slow part. */
export async function runCommand(activity: Activity, deps: AppDeps): Promise<{ afterAnswer: Promise<void> }> {
  const origin = originOf(activity);
  const text = commandText(activity);
  const parsed = parseCommand(text || 'help');
  if (isCommandError(parsed)) {
    await replyAtOrigin({ kind: 'notice', tone: 'warning', title: 'Command not understood', text: parsed.error }, origin, deps);
    return { afterAnswer: Promise.resolve() };
  }
  const request = { actor: actorOf(activity), origin };
  const result = await handleIntent({ ...request, intent: parsed }, deps);
  if (result.reply && result.private) await replyPrivately(result.reply, request, deps);
  else if (result.reply) await replyAtOrigin(result.reply, origin, deps);
  return { afterAnswer: result.followUp ?? Promise.resolve() };
}
