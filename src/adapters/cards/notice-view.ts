/** A notice (title + text coloured by tone) → the data cards/notice.json binds to. */
import type { Budget } from './budget';
import { mdLine, mdText, plainLine } from './text';

const TONE_COLORS: Record<string, string> = { info: 'default', good: 'good', warning: 'warning', attention: 'attention' };

export function noticeViewData(title: string | undefined, text: string, tone: string, budget: Budget): Record<string, unknown> {
  const titleText = mdLine(title, 200);
  return {
    fallbackText: plainLine(title ? `${title}: ${text}` : text, 300),
    hasTitle: titleText.length > 0,
    title: titleText,
    text: mdText(text, budget.text * 2) || mdText('(empty notice)', 20),
    color: TONE_COLORS[tone] ?? 'default',
  };
}
