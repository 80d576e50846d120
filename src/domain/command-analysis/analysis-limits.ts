/**
 * The budget of one command line's analysis. Alert text is attacker-controlled and the webhook
 * accepts 1 MB command lines, while Windows caps a real one at 32,767 characters: past these limits
 * there is nothing more an analyst could read on a card, only more work for the bot.
 */

/** Analyse the first 64 K characters: twice the Windows maximum, so every real command line is whole. */
export const MAX_ANALYSED_CHARS = 64 * 1024;

/** Findings shown per command line: a card has room for a table of about this many rows. */
export const MAX_FINDINGS = 50;

/** IOCs of each kind (IPs, URLs, domains, hashes) per command line: each one is a threat-intelligence lookup. */
export const MAX_IOCS_PER_KIND = 100;

/** Nested -EncodedCommand layers decoded and analysed (an encoded script that encodes a script…). */
export const MAX_DECODE_DEPTH = 3;

/** Layers one inside the other (cmd › powershell › base64 › powershell › …): past this, an inner script is not opened. */
export const MAX_LAYER_DEPTH = 8;

/** Layers per command line, and characters read over all of them (an inner script is read again in its own language). */
export const MAX_LAYERS = 64;
export const MAX_LAYER_CHARS = 2 * MAX_ANALYSED_CHARS;

/**
 * Commands read for their program and arguments over all layers: a real command line or script has
 * tens; past this many the text rules still read every character, but no more commands are opened.
 */
export const MAX_COMMANDS = 1000;

/** What was left out of an analysis to keep it within the budget; absent when nothing was. */
export interface AnalysisLimits {
  /** Characters analysed (the first ones) and the command line's length. */
  analysedChars: number;
  totalChars: number;
  /** Findings and IOCs found but not listed. */
  findingsOmitted: number;
  iocsOmitted: number;
}

/** The note a card or answer carries: "analysed the first 64 KB of 1,000 KB; 3 more findings not shown". */
export function limitsNote(limits: AnalysisLimits | undefined): string | undefined {
  if (!limits) return undefined;
  const parts: string[] = [];
  if (limits.analysedChars < limits.totalChars) parts.push(`analysed the first ${kb(limits.analysedChars)} of ${kb(limits.totalChars)}`);
  if (limits.findingsOmitted) parts.push(`${count(limits.findingsOmitted)} more finding${limits.findingsOmitted === 1 ? '' : 's'} not shown`);
  if (limits.iocsOmitted) parts.push(`${count(limits.iocsOmitted)} more IOC${limits.iocsOmitted === 1 ? '' : 's'} not shown`);
  return parts.length ? parts.join('; ') : undefined;
}

function kb(chars: number): string {
  return `${count(Math.ceil(chars / 1024))} KB`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
