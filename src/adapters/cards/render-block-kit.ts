/**
 * CardModel → Slack Block Kit, rendered from the EXPANDED Adaptive Card (one card source).
 *
 * Documented subset: TextBlock → header (Large/ExtraLarge) | context (isSubtle) | section
 * (Monospace as a code block, Bolder/heading as bold); FactSet → section fields (10 per section);
 * Table → section text, one line per row (or, with `tables`, the first fitting one as a table block); Container / ColumnSet / Column → flattened;
 * ActionSet and card actions → actions blocks (Action.Execute / Action.Submit → buttons with
 * action_id shaped by slack-action-id.ts and value = JSON of the data; Action.OpenUrl → link buttons);
 * Input.ChoiceSet (single choice) → static_select with action_id `dtb.input.<id>`, joined to the
 * buttons that follow it (the Slack click handler merges its value into their data).
 * Other elements are skipped. Text is converted back from the card's escaped markdown and
 * re-escaped for Slack (slack-text.ts). Every block is cut to Slack's limits (limits.ts).
 */
import { actionId, inputActionId } from './slack-action-id';
import type { CardModel } from '../../ports/card-model';
import type { AcElement, AdaptiveCard } from './adaptive-card';
import type { AnswerLink } from './answer-links';
import { SLACK, type SlackBlock, type SlackMessage } from './limits';
import { renderAdaptiveCard } from './render-adaptive-card';
import { acToPlain, acToSlackLinked, acToSlackRaw, fitSlack, slackCode } from './slack-text';
import { toText } from './text';

export type { SlackBlock, SlackMessage } from './limits';

export interface BlockKitOptions {
  /** How this workspace links to a findings line's answer (a permalink). */
  answerLink?: AnswerLink;
  /** Slack's table block for the message's first compact table (chat.postMessage / chat.update); off: text lines. */
  tables?: boolean;
}

export function renderBlockKit(model: CardModel, now: Date = new Date(), options: BlockKitOptions = {}): SlackMessage {
  return adaptiveCardToBlockKit(renderAdaptiveCard(model, now, options.answerLink), options);
}

/** The Block Kit rendering of any expanded card this module produced (same subset, same limits). */
export function adaptiveCardToBlockKit(card: AdaptiveCard, options: Pick<BlockKitOptions, 'tables'> = {}): SlackMessage {
  const blocks = useTableBlock(joinInputsToButtons([...elementsToBlocks(card.body), ...actionBlocks(card.actions ?? [])]), options.tables === true);
  const summary = acToPlain(toText(card.fallbackText)) || 'Message from the Defender triage bot';
  return { text: fitSlack(summary, SLACK.fallbackText), blocks: numberLinks(withinBlockLimit(mergeHeadings(blocks))) };
}

type Block = SlackBlock & { heading?: boolean; tableBlock?: SlackBlock };

function elementsToBlocks(elements: unknown): Block[] {
  if (!Array.isArray(elements)) return [];
  return elements.flatMap((e) => (isElement(e) ? elementToBlocks(e) : []));
}

function elementToBlocks(e: AcElement): Block[] {
  switch (e.type) {
    case 'TextBlock':
      return textBlock(e);
    case 'FactSet':
      return factSet(e);
    case 'Table':
      return table(e);
    case 'Container':
      return elementsToBlocks(e.items);
    case 'ColumnSet':
      return elementsToBlocks(e.columns);
    case 'Column':
      return elementsToBlocks(e.items);
    case 'ActionSet':
      return actionBlocks(e.actions);
    case 'Input.ChoiceSet':
      return choiceSet(e);
    default:
      return [];
  }
}

function textBlock(e: AcElement): Block[] {
  const text = toText(e.text);
  if (!text.trim()) return [];
  if (e.size === 'Large' || e.size === 'ExtraLarge') {
    return [{ type: 'header', text: { type: 'plain_text', text: fitSlack(acToPlain(text), SLACK.headerText), emoji: true } }];
  }
  if (e.isSubtle === true) return [{ type: 'context', elements: [mrkdwn(fitSlack(acToSlackRaw(text), SLACK.sectionText))] }];
  if (e.fontType === 'Monospace') return [section(slackCode(acToPlain(text), SLACK.sectionText))];
  if (e.weight === 'Bolder' || e.style === 'heading') {
    return [{ ...section(`*${fitSlack(acToPlain(text), SLACK.sectionText - 2)}*`), heading: e.style === 'heading' }];
  }
  return [section(fitSlack(acToSlackRaw(text), SLACK.sectionText))];
}

function factSet(e: AcElement): Block[] {
  const facts = Array.isArray(e.facts) ? (e.facts as { title?: unknown; value?: unknown }[]) : [];
  const fields = facts.map((f) => {
    const title = fitSlack(acToPlain(toText(f.title)), 200);
    return mrkdwn(`*${title}*\n${acToSlackLinked(toText(f.value), SLACK.fieldText - title.length - 3)}`);
  });
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i += SLACK.fields) blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK.fields) });
  return blocks;
}

/** A Table as text lines ("a | b"), carrying its table-block form for useTableBlock to pick. */
function table(e: AcElement): Block[] {
  const rows = Array.isArray(e.rows) ? (e.rows as { cells?: unknown }[]) : [];
  const cellsOf = (row: { cells?: unknown }) => (Array.isArray(row.cells) ? (row.cells as { items?: unknown }[]) : []);
  const lines = rows.map((row) => cellsOf(row).map((c) => cellText(c.items)).join(' | '));
  const text = lines.filter((l) => l.trim()).join('\n');
  if (!text) return [];
  const grid = rows.map((row) => cellsOf(row).map((c) => cellPlain(c.items)));
  const fits = grid.length <= SLACK.tableRows && grid.every((r) => r.length > 0 && r.length <= SLACK.tableCells);
  return [{ ...section(fitSlack(text, SLACK.sectionText)), ...(fits ? { tableBlock: tableBlock(grid, e.firstRowAsHeader === true) } : {}) }];
}

/** Slack's table block: raw_text cells, a bold header row (rich_text), every column wrapped. */
function tableBlock(grid: string[][], header: boolean): SlackBlock {
  const cell = (text: string): Record<string, unknown> => ({ type: 'raw_text', text: text || ' ' });
  const bold = (text: string): Record<string, unknown> => ({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: text || ' ', style: { bold: true } }] }] });
  const rows = grid.map((row, i) => row.map(header && i === 0 ? bold : cell));
  const columns = Math.max(...grid.map((r) => r.length));
  return { type: 'table', rows, column_settings: Array.from({ length: columns }, () => ({ is_wrapped: true })) };
}

function cellPlain(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return fitSlack(items.map((i) => acToPlain(toText((i as { text?: unknown }).text)).replace(/\n/g, ' ')).join(' '), SLACK.tableCellText);
}

/**
 * `tables` on: the message's first table that fits Slack's table block becomes one (Slack allows
 * one per message); every other table keeps its text lines.
 */
function useTableBlock(blocks: Block[], tables: boolean): Block[] {
  let used = !tables;
  return blocks.map(({ tableBlock: alt, ...block }) => {
    if (!alt || used) return block;
    used = true;
    return alt as Block;
  });
}

function cellText(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items.map((i) => acToSlackRaw(toText((i as { text?: unknown }).text)).replace(/\n/g, ' ')).join(' ');
}

function actionBlocks(actions: unknown): Block[] {
  if (!Array.isArray(actions)) return [];
  const buttons = actions.flatMap((a) => (isElement(a) ? toButton(a) : []));
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += SLACK.actionsElements) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + SLACK.actionsElements) });
  }
  return blocks;
}

function toButton(a: AcElement): Record<string, unknown>[] {
  const text = { type: 'plain_text', text: fitSlack(acToPlain(toText(a.title)) || 'Open', SLACK.buttonText), emoji: true };
  if (a.type === 'Action.OpenUrl') {
    const url = toText(a.url);
    if (!url || url.length > SLACK.buttonUrl) return [];
    return [{ type: 'button', text, url, action_id: 'link' }];
  }
  const data = stringData(a.data);
  const verb = a.type === 'Action.Execute' ? toText(a.verb) : data.verb;
  if ((a.type !== 'Action.Execute' && a.type !== 'Action.Submit') || !verb) return [];
  delete data.verb;
  const value = JSON.stringify(data);
  const id = actionId({ verb, data });
  if (value.length > SLACK.buttonValue || id.length > SLACK.actionId) return [];
  return [{ type: 'button', text, action_id: id, value }];
}

function stringData(data: unknown): Record<string, string> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, toText(v)]));
}

/**
 * A single-choice ChoiceSet as a select. Its label prefixes each option ("Severity: High"): a select
 * inside an actions block has no label of its own, and the placeholder is hidden once one is chosen.
 */
function choiceSet(e: AcElement): Block[] {
  const id = toText(e.id);
  if (!id || e.isMultiSelect === true || !Array.isArray(e.choices)) return [];
  const label = acToPlain(toText(e.label));
  const options = (e.choices as { title?: unknown; value?: unknown }[])
    .map((c) => ({ title: acToPlain(toText(c.title)), value: toText(c.value) }))
    .filter((c) => c.value && c.value.length <= SLACK.optionValue)
    .slice(0, SLACK.selectOptions)
    .map((c) => ({ text: plain(label ? `${label}: ${c.title || c.value}` : c.title || c.value, SLACK.optionText), value: c.value }));
  const actionIdOfInput = inputActionId(id);
  if (!options.length || actionIdOfInput.length > SLACK.actionId) return [];
  const initial = options.find((o) => o.value === toText(e.value));
  const placeholder = plain(label || toText(e.placeholder) || 'Choose', SLACK.placeholderText);
  const select = { type: 'static_select', action_id: actionIdOfInput, placeholder, options, ...(initial ? { initial_option: initial } : {}) };
  return [{ type: 'actions', elements: [select] }];
}

function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: fitSlack(text, max), emoji: true };
}

const isInputsBlock = (b: Block | undefined): boolean =>
  b?.type === 'actions' && (b.elements as { type?: string }[]).every((e) => e.type === 'static_select');

/** Inputs share the row of the buttons right after them (one row: "Severity: Medium  True positive …"). */
function joinInputsToButtons(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    const elements = [...((block.elements as unknown[]) ?? []), ...((next?.elements as unknown[]) ?? [])];
    if (isInputsBlock(block) && next?.type === 'actions' && !isInputsBlock(next) && elements.length <= SLACK.actionsElements) {
      out.push({ type: 'actions', elements });
      i += 1;
    } else {
      out.push(block);
    }
  }
  return out;
}

/** A section heading directly followed by its facts becomes one section: fewer blocks. */
function mergeHeadings(blocks: Block[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const { heading, ...block } = blocks[i]!;
    const next = blocks[i + 1];
    if (heading && next?.type === 'section' && next.fields && next.text === undefined) {
      out.push({ ...next, text: block.text });
      i += 1;
    } else {
      out.push(block);
    }
  }
  return out.map(({ heading: _heading, ...b }) => b as SlackBlock);
}

/** Over 50 blocks: keep the first ones and every actions block, and say what was left out. */
function withinBlockLimit(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK.maxBlocks) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions').slice(0, SLACK.maxBlocks - 2);
  const room = SLACK.maxBlocks - actions.length - 1;
  const content = blocks.filter((b) => b.type !== 'actions');
  const note: SlackBlock = { type: 'context', elements: [mrkdwn(`… ${content.length - room} more blocks not shown`)] };
  return [...content.slice(0, room), note, ...actions];
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(text) };
}

/**
 * verbatim: Slack otherwise auto-links URLs and channel names and parses some bare mentions in
 * mrkdwn; alert text must arrive exactly as written (the only links we make are buttons and the
 * findings lines' permalinks, which acToSlackLinked writes as `<url|label>` from our own markdown).
 */
function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

/**
 * Link buttons need unique action_ids too (Slack still sends a click event for them); they are
 * numbered per message and carry no `dtb.` verb, so the action codec ignores their clicks.
 */
function numberLinks(blocks: SlackBlock[]): SlackBlock[] {
  let n = 0;
  return blocks.map((b) => {
    if (b.type !== 'actions') return b;
    const elements = (b.elements as Record<string, unknown>[]).map((e) => (e.url ? { ...e, action_id: `link.${(n += 1)}` } : e));
    return { ...b, elements };
  });
}

function isElement(e: unknown): e is AcElement {
  return typeof e === 'object' && e !== null && typeof (e as AcElement).type === 'string';
}
