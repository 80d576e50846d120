export { analyzeCommand, type CommandAnalysis } from './analyze-command';
export { FINDING_IDS, type Finding, type FindingId } from './findings';
export { extractIocs, mergeIocs, type Iocs } from './iocs';
export { limitsNote, MAX_ANALYSED_CHARS, MAX_FINDINGS, MAX_IOCS_PER_KIND, type AnalysisLimits } from './analysis-limits';
export { analyzeContainerImage, registryIoc, type ContainerImage } from './container-image';
