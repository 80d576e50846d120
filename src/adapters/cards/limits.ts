/**
 * Platform limits in one place, and checks that list every violation of a message. Renderers use
 * these to cut; tests (ours and other engineers') use the check functions to prove outputs fit.
 */
export const SLACK = {
  maxBlocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholderText: 150,
  /** The table block (docs.slack.dev, "Table block"): ≤ 100 rows of ≤ 20 cells; one table per message. */
  tableRows: 100,
  tableCells: 20,
  /** Our own cap per table cell: a compact table, not a document. */
  tableCellText: 300,
  /** chat.postMessage truncates `text` beyond 40,000 characters; keep the fallback short. */
  fallbackText: 3000,
} as const;

export const TEAMS = {
  /** Teams takes messages up to ~100 KB; cards are kept ≤ 28 KB so a reply with text still fits. */
  maxCardBytes: 28 * 1024,
  cardVersion: '1.5',
  refreshUserIds: 60,
} as const;

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock = { type: string; [property: string]: unknown };

type Obj = Record<string, unknown>;

export function checkBlockKitLimits(msg: SlackMessage): string[] {
  const problems: string[] = [];
  if (typeof msg.text !== 'string' || msg.text.length === 0) problems.push('text: missing fallback text');
  else if (msg.text.length > SLACK.fallbackText) problems.push(`text: ${msg.text.length} > ${SLACK.fallbackText} characters`);
  if (!Array.isArray(msg.blocks)) return [...problems, 'blocks: not an array'];
  if (msg.blocks.length > SLACK.maxBlocks) problems.push(`blocks: ${msg.blocks.length} > ${SLACK.maxBlocks}`);
  msg.blocks.forEach((block, i) => problems.push(...checkBlock(block, `blocks[${i}]`)));
  if (msg.blocks.filter((b) => b.type === 'table').length > 1) problems.push('blocks: more than one table');
  return problems;
}

function checkBlock(block: SlackBlock, at: string): string[] {
  switch (block.type) {
    case 'header':
      return checkText(block.text, `${at}.text`, SLACK.headerText, 'plain_text');
    case 'section':
      return checkSection(block, at);
    case 'context':
      return checkContext(block, at);
    case 'actions':
      return checkActions(block, at);
    case 'divider':
      return [];
    case 'table':
      return checkTable(block, at);
    default:
      return [`${at}: block type "${block.type}" is not one this renderer produces`];
  }
}

function checkSection(block: SlackBlock, at: string): string[] {
  const problems: string[] = [];
  const fields = block.fields as unknown[] | undefined;
  if (block.text === undefined && !fields?.length) problems.push(`${at}: section needs text or fields`);
  if (block.text !== undefined) problems.push(...checkText(block.text, `${at}.text`, SLACK.sectionText));
  if (fields) {
    if (fields.length > SLACK.fields) problems.push(`${at}.fields: ${fields.length} > ${SLACK.fields}`);
    fields.forEach((f, i) => problems.push(...checkText(f, `${at}.fields[${i}]`, SLACK.fieldText)));
  }
  return problems;
}

function checkTable(block: SlackBlock, at: string): string[] {
  const rows = Array.isArray(block.rows) ? (block.rows as Obj[][]) : [];
  const problems = rows.length === 0 || rows.length > SLACK.tableRows ? [`${at}.rows: ${rows.length}, expected 1..${SLACK.tableRows}`] : [];
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length === 0 || row.length > SLACK.tableCells) problems.push(`${at}.rows[${r}]: expected 1..${SLACK.tableCells} cells`);
    (Array.isArray(row) ? row : []).forEach((cell, c) => {
      const where = `${at}.rows[${r}][${c}]`;
      if (cell.type === 'raw_text') {
        if (typeof cell.text !== 'string' || cell.text.length > SLACK.tableCellText) problems.push(`${where}.text: missing or > ${SLACK.tableCellText}`);
      } else if (cell.type !== 'rich_text') problems.push(`${where}.type: "${String(cell.type)}"`);
    });
  });
  return problems;
}

function checkContext(block: SlackBlock, at: string): string[] {
  const elements = (block.elements as unknown[]) ?? [];
  const problems = elements.length > SLACK.contextElements ? [`${at}.elements: ${elements.length} > ${SLACK.contextElements}`] : [];
  if (elements.length === 0) problems.push(`${at}.elements: empty`);
  elements.forEach((e, i) => problems.push(...checkText(e, `${at}.elements[${i}]`, SLACK.sectionText)));
  return problems;
}

function checkActions(block: SlackBlock, at: string): string[] {
  const elements = ((block.elements as Obj[]) ?? []) as Obj[];
  const problems = elements.length > SLACK.actionsElements ? [`${at}.elements: ${elements.length} > ${SLACK.actionsElements}`] : [];
  if (elements.length === 0) problems.push(`${at}.elements: empty`);
  const ids = new Set<string>();
  elements.forEach((e, i) => {
    const where = `${at}.elements[${i}]`;
    if (e.type === 'static_select') problems.push(...checkSelect(e, where));
    else problems.push(...checkText(e.text, `${where}.text`, SLACK.buttonText, 'plain_text'));
    const id = e.action_id;
    if (typeof id !== 'string' || id.length === 0 || id.length > SLACK.actionId) problems.push(`${where}.action_id: missing or > ${SLACK.actionId}`);
    else if (ids.has(id)) problems.push(`${where}.action_id: "${id}" repeated in the block`);
    else ids.add(id);
    if (typeof e.value === 'string' && e.value.length > SLACK.buttonValue) problems.push(`${where}.value: ${e.value.length} > ${SLACK.buttonValue}`);
    if (typeof e.url === 'string' && e.url.length > SLACK.buttonUrl) problems.push(`${where}.url: ${e.url.length} > ${SLACK.buttonUrl}`);
  });
  return problems;
}

function checkSelect(e: Obj, at: string): string[] {
  const options = Array.isArray(e.options) ? (e.options as Obj[]) : [];
  const problems = checkText(e.placeholder, `${at}.placeholder`, SLACK.placeholderText, 'plain_text');
  if (options.length === 0 || options.length > SLACK.selectOptions) problems.push(`${at}.options: ${options.length}, expected 1..${SLACK.selectOptions}`);
  options.forEach((o, i) => {
    problems.push(...checkText(o.text, `${at}.options[${i}].text`, SLACK.optionText, 'plain_text'));
    if (typeof o.value !== 'string' || !o.value || o.value.length > SLACK.optionValue) problems.push(`${at}.options[${i}].value: missing or > ${SLACK.optionValue}`);
  });
  const initial = e.initial_option as Obj | undefined;
  if (initial && !options.some((o) => o.value === initial.value && JSON.stringify(o.text) === JSON.stringify(initial.text))) {
    problems.push(`${at}.initial_option: not one of the options`);
  }
  return problems;
}

function checkText(value: unknown, at: string, max: number, type?: 'plain_text'): string[] {
  const t = value as Obj | undefined;
  if (!t || typeof t.text !== 'string') return [`${at}: missing text object`];
  const problems: string[] = [];
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') problems.push(`${at}.type: "${String(t.type)}"`);
  if (type && t.type !== type) problems.push(`${at}.type: must be ${type}`);
  if (t.text.length === 0) problems.push(`${at}.text: empty`);
  if (t.text.length > max) problems.push(`${at}.text: ${t.text.length} > ${max} characters`);
  return problems;
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function checkTeamsCardLimits(card: unknown): string[] {
  const c = card as Obj | undefined;
  if (!c || c.type !== 'AdaptiveCard') return ['type: not an AdaptiveCard'];
  const problems: string[] = [];
  if (c.version !== TEAMS.cardVersion) problems.push(`version: "${String(c.version)}", expected ${TEAMS.cardVersion}`);
  const bytes = cardBytes(card);
  if (bytes > TEAMS.maxCardBytes) problems.push(`size: ${bytes} bytes > ${TEAMS.maxCardBytes}`);
  const userIds = (c.refresh as Obj | undefined)?.userIds;
  if (Array.isArray(userIds) && userIds.length > TEAMS.refreshUserIds) problems.push(`refresh.userIds: ${userIds.length} > ${TEAMS.refreshUserIds}`);
  return problems;
}
