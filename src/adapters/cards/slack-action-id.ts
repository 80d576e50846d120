/**
 * Slack's action_id for our buttons and card inputs: the Block Kit renderer's and the Slack click
 * handler's (adapters/slack/button-click.ts) business, not the domain's. The action codec
 * (domain/action-codec.ts) gives a verb and data; Teams and the web page carry those as they are
 * (Action.Execute verb and data, Action.Submit data), Slack needs them shaped:
 *
 * - a button: `<verb>` or `<verb>.<suffix>`: Slack wants action_ids unique within a message, and
 *   several buttons share a verb (one per investigation, per verdict, per snooze length);
 * - a card input (a select, which Slack sends on its own when picked): `dtb.input.<input id>`, not
 *   a verb: picking does nothing, its value joins the data of the button clicked next;
 * - at most 255 characters (SLACK.actionId): the renderer leaves out an element whose id is longer.
 *
 * The format is a contract with every card already posted in Slack: add, never change.
 */
import { isOurVerb, VERB_PREFIX, type EncodedAction } from '../../domain/action-codec';

const INPUT_PREFIX = `${VERB_PREFIX}input.`;

/** A button's action_id: the verb plus a suffix that tells apart the buttons sharing it. */
export function actionId(action: EncodedAction): string {
  const suffix = action.data.investigation ?? action.data.verdict ?? action.data.minutes ?? '';
  return suffix ? `${action.verb}.${suffix}` : action.verb;
}

export function inputActionId(inputId: string): string {
  return `${INPUT_PREFIX}${inputId}`;
}

/** The input id of an input's action_id, or undefined when the id is not an input's. */
export function inputIdFromActionId(id: string): string | undefined {
  return id.startsWith(INPUT_PREFIX) && id.length > INPUT_PREFIX.length ? id.slice(INPUT_PREFIX.length) : undefined;
}

/**
 * The verb of a button's action_id, without its suffix (verbs are `dtb.<kind>`, and kinds have no
 * dot); undefined for a card input's id and for ids that are not ours (link buttons, other apps').
 */
export function verbFromActionId(id: string): string | undefined {
  if (!isOurVerb(id) || inputIdFromActionId(id)) return undefined;
  const dot = id.indexOf('.', VERB_PREFIX.length);
  return dot === -1 ? id : id.slice(0, dot);
}
