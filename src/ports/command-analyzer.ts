/**
 * Command analysis off the bot's event loop. Alert text is attacker-controlled: an analysis runs
 * with a time and a memory limit, and one that goes past them is stopped and said so, never waited
 * for (docs/investigations.md, "Analyze").
 */
import type { CommandAnalysis } from '../domain/command-analysis';

export type AnalysisStop =
  /** Took longer than the time limit: the analysis was abandoned. */
  | 'time'
  /** Needed more memory than the limit. */
  | 'memory'
  /** The analysis failed (a bug, not the input's fault), or the analyzer is closed. */
  | 'failed';

export type CommandAnalysisOutcome =
  | { kind: 'analysed'; analysis: CommandAnalysis }
  | { kind: 'stopped'; reason: AnalysisStop; /** For the answer: "analysis stopped after 250 ms". */ note: string };

export interface CommandAnalyzer {
  analyze(commandLine: string): Promise<CommandAnalysisOutcome>;
  /** Ends the analyzer's worker; later calls answer `stopped`. */
  close(): Promise<void>;
}
