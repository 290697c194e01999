/**
 * The messages between the extension and the table view's webview (client/webview/tableView.ts). Types only: the
 * webview bundle carries none of the core.
 */
import type { TableComparison, TableViewData } from '../../shared/src/index';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** One report's tables, as `xxgk-report/tables` answers (ranges in the document `uri`). */
export interface ReportTables {
  readonly uri: string;
  readonly version?: number;
  readonly data: TableViewData<Range>;
}

/** The words of the view, in the user's language (the data's own words come localised from the server). */
export interface ViewStrings {
  readonly lang: string;
  readonly title: string;
  readonly compareTitle: string;
  readonly legend: string;
  readonly ok: string;
  readonly wrong: string;
  readonly empty: string;
  readonly inferred: string;
  readonly invalid: string;
  readonly changed: string;
  readonly carry: string;
  readonly carryEqual: string;
  readonly carryDiffers: string;
  readonly carryNone: string;
  readonly thisYear: string;
  readonly lastYear: string;
  readonly noTables: string;
  readonly notInLastYear: string;
  readonly clickHint: string;
  readonly indicator: string;
  readonly previousError: string;
}

export type ToWebview =
  | {
    readonly type: 'data';
    readonly mode: 'single' | 'compare';
    readonly strings: ViewStrings;
    readonly current: ReportTables;
    readonly previous?: ReportTables | { readonly error: string };
    readonly comparison?: TableComparison;
    /** Scroll this table (its index) into view once. */
    readonly focus?: number;
  }
  | { readonly type: 'error'; readonly strings: ViewStrings; readonly message: string };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly uri: string; readonly range: Range };
