/**
 * The zod schema of an indicator template: the official tables of one report format, their
 * indicators (rows), columns, and the arithmetic between cells. Templates are data; the parser
 * and the rules read them and never hard-code a row.
 */
import { z } from 'zod';

export const LocalizedText = z.object({
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** How a numeric cell may be written: whole non-negative counts, non-negative decimals (money), or signed counts (本年增/减). */
export const NumericKind = z.enum(['count', 'decimal', 'signed']);
export type NumericKind = z.infer<typeof NumericKind>;

export const Column = z.object({
  /** Stable column id, e.g. `value`, `np`, `tot`, `rev.keep`. */
  id: z.string().regex(/^[a-z][a-z0-9.]*$/),
  /** Header text as printed, e.g. `自然人`. */
  label: z.string(),
  aliases: z.array(z.string()).default([]),
  numeric: NumericKind.default('count'),
  hover: LocalizedText,
});
export type Column = z.infer<typeof Column>;

export const Indicator = z.object({
  /** Stable id, e.g. `C3`, `C3.4a`, `R3.7`. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/),
  /** The label as printed in the official table, with its numbering, e.g. `（三）申请答复数`. */
  label: z.string(),
  /**
   * Other spellings met in real reports (typos, local wording). Matching normalises width, spacing,
   * numbering, `其中：` and parenthesised notes first, so aliases only need real wording differences.
   */
  aliases: z.array(z.string()).default([]),
  /** `value`: a row with numbers; `title`: a heading row that should stay empty; `group`: a label spanning rows, no numbers of its own. */
  role: z.enum(['value', 'title', 'group']).default('value'),
  /** The unit printed in the unit column, e.g. `件`, `万元`, `人次`. */
  unit: z.string().optional(),
  numeric: NumericKind.default('count'),
  /** Column ids this row has; defaults to all the table's columns. */
  columns: z.array(z.string()).optional(),
  /** The indicator this one sits under in the official table (for hover and the outline). */
  parent: z.string().optional(),
  /** A local variant of the old table this row belongs to (`shandong`, `gaoqing`); absent = national. */
  variant: z.string().optional(),
  /** What the indicator counts, in one or two sentences. */
  hover: LocalizedText,
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * An arithmetic relation between cells.
 * - `sum`: `total` equals the sum of `parts`, in every column (`axis: rows`) or in every row (`axis: columns`).
 * - `balance`: the sum of `left` equals the sum of `right`, in every column.
 * - `subset`: each of `parts` is at most `total`.
 * - `title-sum`: a title row that carries a figure should equal the sum of its numbered children.
 */
export const Check = z.object({
  /** Which rule reports a failure of this check (a rule id). */
  rule: z.string().regex(/^[a-z][a-z0-9-]*$/),
  kind: z.enum(['sum', 'balance', 'subset', 'title-sum']),
  axis: z.enum(['rows', 'columns']).default('rows'),
  total: z.string().optional(),
  parts: z.array(z.string()).default([]),
  left: z.array(z.string()).default([]),
  right: z.array(z.string()).default([]),
  /**
   * `exact`: any difference is reported. `at-least`: only a sum of parts larger than the total is
   * certain (the total may include cases the parts do not list, e.g. undecided appeals); a smaller
   * sum is reported by the rule at its softer level.
   */
  strictness: z.enum(['exact', 'at-least']).default('exact'),
  /** Why the relation holds, shown in hover and messages. */
  reason: LocalizedText,
});
export type Check = z.infer<typeof Check>;

export const TableTemplate = z.object({
  kind: z.enum(['stats', 'active', 'requests', 'review']),
  /** The caption or section heading that introduces the table. */
  title: z.string(),
  /** Header words whose presence marks this table (used to find and classify tables). */
  headerMarkers: z.array(z.string()).min(1),
  columns: z.array(Column).min(1),
  indicators: z.array(Indicator).min(1),
  checks: z.array(Check).default([]),
});
export type TableTemplate = z.infer<typeof TableTemplate>;

export const RequiredSection = z.object({
  ordinal: z.number().int().min(1),
  /** Accepted heading wordings (normalised, without the number). */
  titles: z.array(z.string()).min(1),
  /** Keywords any of which in a level-1 heading counts as covering the topic. */
  keywords: z.array(z.string()).min(1),
});
export type RequiredSection = z.infer<typeof RequiredSection>;

export const Template = z.object({
  id: z.enum(['gov2014', 'gov2019', 'gov2021']),
  name: LocalizedText,
  /** Legal basis and source of the format. */
  basis: LocalizedText,
  /** Report years the format is meant for, inclusive; `to` absent = still current. */
  years: z.object({ from: z.number().int(), to: z.number().int().optional() }),
  /** Phrases that only this format uses (for detection and for the wrong-template rule). */
  markers: z.array(z.string()).min(1),
  tables: z.array(TableTemplate).min(1),
  requiredSections: z.array(RequiredSection).default([]),
});
export type Template = z.infer<typeof Template>;

export const TemplateFile = z.array(Template);
