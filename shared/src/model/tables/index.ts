/**
 * Table detection and reading. The stages, one module each (see docs/architecture.md, "The table pipeline"):
 * layout readers turn lines into cell items (`readers/`), anchors say where a table may start (`anchors.ts`), the
 * label index of every template (`templateIndex.ts`) matches items to indicators (`match.ts`, `rows.ts`), the best
 * reading over the template variants is kept (`read.ts`), run-together digits are split by the table's arithmetic
 * (`runTogetherRead.ts`, `runSplit.ts`), and `scan.ts` runs them over the document, each table claiming its lines.
 */
export { scanTables, type TableScan } from './scan';
