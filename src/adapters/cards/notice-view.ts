/** A notice (title + text coloured by tone) → the data cards/notice.json binds to. */
import type { Budget } from './budget';
import { cut, mdLine, mdText, plainLine, toText } from './text';

const TONE_COLORS: Record<string, string> = { info: 'default', good: 'good', warning: 'warning', attention: 'attention' };

/** `markdown`: the text is our own markdown (help) and keeps its formatting; anything else is escaped. */
export function noticeViewData(title: string | undefined, text: string, tone: string, budget: Budget, markdown = false): Record<string, unknown> {
  const titleText = mdLine(title, 200);
  const body = markdown ? cut(toText(text), budget.text * 2) : mdText(text, budget.text * 2);
  return {
    // Escaped and defanged like every fallback text; our own markdown (help) loses its bold markers first.
    fallbackText: plainLine(title ? `${title}: ${fallbackOf(text, markdown)}` : fallbackOf(text, markdown), 300),
    hasTitle: titleText.length > 0,
    title: titleText,
    text: body || mdText('(empty notice)', 20),
    color: TONE_COLORS[tone] ?? 'default',
  };
}

function fallbackOf(text: string, markdown: boolean): string {
  return markdown ? text.replace(/\*\*/g, '') : text;
}
