/**
 * The alert's command lines analysed through the CommandAnalyzer port (a worker with a time and a
 * memory limit, off the event loop), with a sentence for each one the budget cut short.
 */
import { analyzeCommand, limitsNote, type CommandAnalysis } from '../domain/command-analysis';
import type { CommandAnalysisOutcome, CommandAnalyzer } from '../ports/command-analyzer';
import type { AppDeps } from './deps';

export interface AnalysedCommands {
  analyses: CommandAnalysis[];
  /** "Analysed the first 64 KB of 1,024 KB.", "Command line 2: analysis stopped after 250 ms — none." */
  notes: string[];
}

/**
 * Without a configured analyzer (use-case tests), the bounded domain analysis in the process: its
 * input and output caps hold either way; only the bot's own analyzer runs off the event loop.
 */
const inProcess: Pick<CommandAnalyzer, 'analyze'> = {
  analyze: (commandLine) => Promise.resolve({ kind: 'analysed', analysis: analyzeCommand(commandLine) }),
};

export async function analyzeCommands(commandLines: string[], deps: AppDeps): Promise<AnalysedCommands> {
  const analyzer = deps.commandAnalyzer ?? inProcess;
  const outcomes = await Promise.all(commandLines.map((c) => analyzer.analyze(c)));
  const analyses: CommandAnalysis[] = [];
  const notes: string[] = [];
  outcomes.forEach((outcome, i) => {
    const note = noteOf(outcome);
    if (outcome.kind === 'analysed') analyses.push(outcome.analysis);
    if (note) notes.push(`${commandLines.length > 1 ? `Command line ${i + 1}: ${note}` : capitalized(note)}.`);
  });
  return { analyses, notes };
}

function noteOf(outcome: CommandAnalysisOutcome): string | undefined {
  return outcome.kind === 'stopped' ? outcome.note : limitsNote(outcome.analysis.limits);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
