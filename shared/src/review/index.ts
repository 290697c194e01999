/** `xxgk-report review`'s pure part: shaping checked reports into the review data and writing it as HTML or CSV. */
export * from './schema';
export { reviewIdentity, pairReports, reviewEntry, stubEntry, reviewData, reviewMetrics, entryName, plainCoverage, type ReviewInput, type ReviewStub, type ReviewLang, type PreviousEntry } from './build';
export { reviewHtml } from './html';
export { reviewCsv } from './csv';
export { quantile, outliers, type StripPoint } from './charts';
export { escapeHtml, csvField } from './escape';
