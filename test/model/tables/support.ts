/**
 * Shared helpers of the table-stage tests (test/model/tables/*.test.ts): fixtures without their `%%` annotation
 * lines, their lines, the prepared tables of the built-in templates, and checks of item spans.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableKind, TableLayout, TemplateId } from '../../../shared/src/model/types';
import { type Line, lineAt, splitLines } from '../../../shared/src/model/lines';
import type { Item } from '../../../shared/src/model/tables/items';
import { lineItems } from '../../../shared/src/model/tables/readers/lines';
import { type PreparedTable, preparedAll } from '../../../shared/src/model/tables/templateIndex';
import { builtinTemplates } from '../../../shared/src/templates/load';
import { ROOT } from '../../support/walk';

/** The header note of table 三, the first line of its header in every layout. */
export const HEADER_3 = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The built-in templates, in the order `parseReport` passes them. */
export const TEMPLATES = [...builtinTemplates().values()];

/** Every template table, newest format first (what `scanTables` reads with). */
export const ALL: readonly PreparedTable[] = preparedAll(TEMPLATES);

export function prepared(template: TemplateId, kind: TableKind): PreparedTable {
  const pt = ALL.find((p) => p.template.id === template && p.table.kind === kind);
  assert.ok(pt, `${template} has a ${kind} table`);
  return pt;
}

/** A fixture's text as the checker reads it: annotation lines (`%% …`) dropped. */
export function fixture(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8').split('\n').filter((l) => !l.startsWith('%%')).join('\n');
}

export interface Doc {
  readonly text: string;
  readonly lines: Line[];
  readonly lineOf: (offset: number) => number;
}

export function doc(text: string): Doc {
  const lines = splitLines(text);
  return { text, lines, lineOf: (offset) => lineAt(lines, offset) };
}

export function fixtureDoc(rel: string): Doc {
  return doc(fixture(rel));
}

/** The index of the first line whose text starts with `prefix` (at or after `from`). */
export function lineIndex(d: Doc, prefix: string, from = 0): number {
  const i = d.lines.findIndex((l, j) => j >= from && l.text.startsWith(prefix));
  assert.ok(i >= 0, `a line starting with ${JSON.stringify(prefix)}`);
  return i;
}

export function lineStarting(d: Doc, prefix: string, from = 0): Line {
  return d.lines[lineIndex(d, prefix, from)];
}

/** The first line of a one-line text (offset 0). */
export function oneLine(text: string): Line {
  return splitLines(text)[0];
}

export function texts(items: readonly Item[]): string[] {
  return items.map((it) => it.text);
}

/** Each item's span, cut out of the source text, is the item's text. */
export function assertSpans(text: string, items: readonly Item[]): void {
  for (const it of items) assert.equal(text.slice(it.span.start, it.span.end), it.text, `span of ${JSON.stringify(it.text)}`);
}

/** The items of lines `[from, to)` read in one layout. */
export function itemsOfLines(d: Doc, from: number, to: number, layout: TableLayout, blankIsCell = false): Item[] {
  return d.lines.slice(from, to).flatMap((l) => lineItems(l, layout, blankIsCell));
}

/** Lines `[from, to)` of a fixture with the tabs and spaces between cells removed, joined on one line. */
export function collapsed(d: Doc, from: number, to: number): string {
  return d.lines.slice(from, to).map((l) => l.text.replace(/[\t ]+/g, '')).join('');
}
