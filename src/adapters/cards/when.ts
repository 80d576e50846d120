/** Times on cards: UTC, plus how long ago relative to the moment the card is rendered. */

export function utcText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** "12 min ago", "3 h ago", "in 5 min"; empty for an unreadable time. */
export function relativeText(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const seconds = Math.round((now.getTime() - t) / 1000);
  const span = spanText(Math.abs(seconds));
  if (span === 'just now') return span;
  return seconds >= 0 ? `${span} ago` : `in ${span}`;
}

function spanText(seconds: number): string {
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** "2026-11-27 02:16:00 UTC (12 min ago)". */
export function whenText(iso: string, now: Date): string {
  const utc = utcText(iso);
  if (!utc) return '';
  return `${utc} (${relativeText(iso, now)})`;
}
