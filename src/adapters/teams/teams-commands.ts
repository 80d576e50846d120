/**
 * Commands typed to the bot: `@Triage Bot investigate web-vm-01 2h` in a channel, or the same
 * without the mention in personal chat. Parsed by the shared command parser, dispatched, and handed
 * to the presenter (app/present.ts): the asker's answer is theirs alone (the personal chat with the
 * bot; a typed message has no invoke answer to carry it), thread posts go in the thread.
 */
import type { Activity } from '@microsoft/agents-activity';
import { isCommandError, parseCommand } from '../../domain/command-parser';
import type { AppDeps } from '../../app/deps';
import { answerIntent } from '../../app/answer-intent';
import { present } from '../../app/present';
import { actorOf, commandText, originOf } from './incoming-activity';

/** Resolves once the immediate answer is posted; `afterAnswer` carries the slow part. */
export async function runCommand(activity: Activity, deps: AppDeps): Promise<{ afterAnswer: Promise<void> }> {
  const asked = { actor: actorOf(activity), origin: originOf(activity) };
  const parsed = parseCommand(commandText(activity) || 'help');
  if (isCommandError(parsed)) {
    await present([{ to: 'actor', card: { kind: 'notice', tone: 'warning', title: 'Command not understood', text: parsed.error } }], asked, deps);
    return { afterAnswer: Promise.resolve() };
  }
  const request = { ...asked, intent: parsed };
  const { followUp } = await answerIntent(request, deps);
  return { afterAnswer: followUp };
}
