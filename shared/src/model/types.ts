/**
 * The report model. Plain readonly data; every offset is a UTF-16 code unit index into the
 * original text (a JavaScript string index), never a code point index.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the report text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type TemplateId = 'gov2014' | 'gov2019' | 'gov2021';

/** How close a figure in prose is meant to be: `exact`, or one of the approximation words. */
export type Approximation =
  | 'exact'
  /** 余 / 多 / 以上 / 超过: the true value is larger than the number written. */
  | 'more'
  /** 近 / 将近 / 不到 / 以下: the true value is at most the number written. */
  | 'less'
  /** 约 / 左右 / 大约 / 上下 / 近百 … : only roughly the number written. */
  | 'about';

/** A figure in prose such as `31件`, `5065 条`, `127.6 万元`, `1,607`, `６.５%`, `100余条`. */
export interface Figure {
  /** The whole mention, e.g. `100余条` or `31 件`. */
  readonly span: Span;
  /** Just the digits, e.g. `100` in `100余条`; a fix replaces exactly this span. */
  readonly numberSpan: Span;
  /** The number as written, e.g. `1,607` or `５０６５`. */
  readonly raw: string;
  /** The value with any scale word applied (`1.2万` → 12000); percentages keep their number (`6.5%` → 6.5). */
  readonly value: number;
  /** The unit as written after the number (`件`, `条`, `万元`, `%`, `人次`…), or '' if none. */
  readonly unit: string;
  readonly approx: Approximation;
  /** The sentence (up to 。；！？ or a line end) that holds the figure. */
  readonly sentenceSpan: Span;
}

/** Section numbering levels: 1 `一、`, 2 `（一）`, 3 `1.` `1、` `1．`, 4 `（1）`. */
export type SectionLevel = 1 | 2 | 3 | 4;

/** A numbered heading and everything under it. */
export interface Section {
  readonly level: SectionLevel;
  /** The number as an integer: `（三）` → 3. */
  readonly ordinal: number;
  /** The number with its punctuation, e.g. `（三）`, `3.`, `三、`. */
  readonly numberText: string;
  /** The number with its punctuation, e.g. `（三）`. */
  readonly numberSpan: Span;
  /** The heading text after the number, up to the first 。；： or the line end, e.g. `加强组织领导`. */
  readonly title: string;
  readonly titleSpan: Span;
  /** The heading line from its first non-blank character to its end. */
  readonly headingSpan: Span;
  /** The heading through the end of the section (the start of the next heading of the same or a higher level). */
  readonly span: Span;
  readonly children: readonly Section[];
}

/** A table cell. A blank, `—`, `/`, `-` or `无` cell is missing, never zero. */
export interface Cell {
  /** The column id from the template (`value` for the old single-value table, `np`, `tot`, `rev.sum`…). */
  readonly column: string;
  /** The cell text as written, trimmed. */
  readonly raw: string;
  /** The trimmed cell text; for a missing cell an empty span where the value belongs. */
  readonly span: Span;
  readonly state: 'number' | 'missing' | 'invalid';
  /** Set when `state` is `number`. */
  readonly value?: number;
  /**
   * Set when the cell was cut out of a run of digits that held several cells (a web page copied as text,
   * `1020300` for 1|0|2|0|3|0|0) and its value is the unique split that satisfies the table's own identities
   * (`model/tables/runSplit.ts`). Its sums were used to read it, so they were not checked independently.
   */
  readonly inferred?: true;
}

/** A table row matched (or not) to a template indicator. */
export interface TableRow {
  /** Indicator id from the template, e.g. `C3` or `R3.7`; undefined for a row that matched nothing. */
  readonly indicator?: string;
  /** The label as written, e.g. `（三）申请答复数`. */
  readonly label: string;
  /** The label as written (first line of a wrapped label). */
  readonly labelSpan: Span;
  /** The unit cell when the layout has one (`件`, `——`). */
  readonly unit?: string;
  readonly cells: readonly Cell[];
  /** From the start of the label to the end of its last cell. */
  readonly span: Span;
}

/** Which official table a table is. */
export type TableKind =
  /** The single 统计表 of 2014–2018 (`gov2014`). */
  | 'stats'
  /** 二、主动公开政府信息情况 (2019/2021). */
  | 'active'
  /** 三、收到和处理政府信息公开申请情况 (2019/2021). */
  | 'requests'
  /** 四、政府信息公开行政复议、行政诉讼情况 (2019/2021). */
  | 'review';

/** `run-together`: labels followed by runs of digits with the space between cells lost (a web page's text dump). */
export type TableLayout = 'tabs' | 'pipes' | 'html' | 'spaces' | 'cell-lines' | 'run-together';

export interface Table {
  readonly kind: TableKind;
  /** The template whose indicators the rows were matched against. */
  readonly template: TemplateId;
  readonly layout: TableLayout;
  /** From the table's header (or first row) to its last cell. */
  readonly span: Span;
  /** Column ids of the data columns, in template order. */
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

/** A statement of the report year or period. */
export interface YearMention {
  readonly year: number;
  /** The four digits of the year. */
  readonly span: Span;
}

export interface Report {
  readonly text: string;
  /** The title line, e.g. `2017 年政府信息公开工作年度报告`. */
  readonly title?: { readonly text: string; readonly span: Span };
  /** The report year: from the title, else from the statistical period. */
  readonly year?: number;
  /** The year named in the title. */
  readonly titleYear?: YearMention;
  /** 统计期限 `2017 年 1 月 1 日起至 2017 年 12 月 31 日`: the years of its start and end. */
  readonly period?: { readonly start: YearMention; readonly end: YearMention; readonly span: Span };
  /** A declaration like `共六个部分` / `本报告包括…等六个部分`. */
  readonly declaredParts?: { readonly count: number; readonly span: Span };
  /** Top-level numbered sections of the narrative (table rows are never sections). */
  readonly sections: readonly Section[];
  readonly tables: readonly Table[];
  /** Figures in the narrative (never inside a table). */
  readonly figures: readonly Figure[];
  /** The template detected from the tables and wording, or set by the caller. */
  readonly template?: TemplateId;
  /** Why that template: the marker phrases found, for hover and the wrong-template rule. */
  readonly templateEvidence: readonly { readonly template: TemplateId; readonly marker: string; readonly span: Span }[];
  /** Spans of the table regions; narrative figures and sections are never taken from inside them. */
  readonly tableRegions: readonly Span[];
  /** Comment directives that switch rules off. */
  readonly suppressions: readonly Suppression[];
}

/** `<!-- xxgk-disable-next-line rule-id -->`, `<!-- xxgk-disable rule-id -->` (to the end of the section), `<!-- xxgk-disable-file rule-id -->`. */
export interface Suppression {
  readonly scope: 'line' | 'section' | 'file';
  /** Empty means every rule. */
  readonly rules: readonly string[];
  /** The text the directive covers. */
  readonly span: Span;
  /** The directive itself. */
  readonly directiveSpan: Span;
  /**
   * Set when the directive has no effect: written inside a table (it would break the table or be read as a
   * row), or beyond the first 200 columns of its line (where a reader would not see it). Reported by the rule
   * `directive-ignored`.
   */
  readonly ignored?: 'in-table' | 'hidden';
}

/** A problem found while parsing; reported like a rule finding. */
export interface ParseProblem {
  readonly code: string;
  readonly span: Span;
  readonly message: { readonly zh: string; readonly en: string };
}
