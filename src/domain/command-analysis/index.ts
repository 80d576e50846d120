export { analyzeCommand, type CommandAnalysis } from './analyze-command';
export { FINDING_IDS, type Finding, type FindingId } from './findings';
export { extractIocs, mergeIocs, type Iocs } from './iocs';
