// Public API of the analysis engine, for the CLI, the extension host and the bench.
export { analyzeBytes, analyzeFile, type AnalyzeControl } from './engine';
export { AnalysisAbortedError, AnalysisError } from './errors';
export type { EngineOptions } from './options';
export { readingOf } from './reading';
export { firstFlaggedRow, kappaStatistic, stepWindow, summarize, windowFigures, worstRow } from './summary';
export { evaluateFailOn, failOnMetrics, FAIL_ON_METRICS, FailOnSyntaxError, parseFailOn } from './failOn';
export { flagMessage, formatNumber } from './flagMessage';
