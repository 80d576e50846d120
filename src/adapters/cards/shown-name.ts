/**
 * Host and account names as cards show them: invisible and bidi characters made visible
 * (⟨U+200B⟩), and a warning when a name mixes scripts or hides characters (a look-alike).
 */
import { inspectName } from '../../domain/lookalike-text';
import { oneLine, toText } from './text';

/** A host or account name as the card shows it: invisible characters made visible (⟨U+200B⟩). */
export function shownName(value: unknown): string {
  return oneLine(inspectName(rawName(value)).shown);
}

/** Warnings about a name that is not what it looks like (invisible or mixed-script characters). */
export function nameWarnings(label: string, values: unknown[]): string[] {
  return values.flatMap((v) => {
    const { shown, warnings } = inspectName(rawName(v));
    return warnings.length ? [`⚠ ${label} "${oneLine(shown)}" ${warnings.join('; ')}`] : [];
  });
}

/** The name before toText drops control and bidi characters: those are what the warning is about. */
function rawName(value: unknown): string {
  return typeof value === 'string' ? value : toText(value);
}
