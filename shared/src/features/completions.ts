/**
 * Completions of indicator labels: inside a table, or on the line right before or after one,
 * the official row labels of that table's template are offered.
 */
import type { Report, Table } from '../model/types';
import { indicatorOf, pick, tableName, tableTemplate, templateById, type FeatureLocale } from './util';

export interface CompletionItem {
  /** The indicator label as printed in the official table, e.g. `（三）申请答复数`. */
  readonly label: string;
  /** Unit and table, e.g. `件 · 政府信息公开情况统计表`. */
  readonly detail: string;
  /** What the indicator counts. */
  readonly documentation: string;
  readonly insertText: string;
  /** Keeps the template's row order. */
  readonly sortText: string;
}

/** Indicator labels for the table at or next to `offset`; empty elsewhere. Never throws. */
export function completions(report: Report, offset: number, locale: FeatureLocale = 'zh'): CompletionItem[] {
  try {
    const table = tableNear(report, offset);
    if (!table) return [];
    const tt = tableTemplate(templateById(table.template), table.kind);
    if (!tt) return [];
    const present = new Set(table.rows.map((r) => r.indicator).filter((id): id is string => id !== undefined));
    const name = tableName(table, locale);
    const inTable = locale === 'en' ? 'already in the table' : '表中已有';
    return tt.indicators
      .filter((i) => i.label.trim() !== '')
      .map((indicator, index) => {
        const parent = indicatorOf(tt, indicator.parent);
        const facts = [indicator.unit, name, parent ? `⊂ ${parent.label}` : '', present.has(indicator.id) ? inTable : ''].filter((s) => s);
        return {
          label: indicator.label,
          detail: facts.join(' · '),
          documentation: pick(indicator.hover, locale),
          insertText: indicator.label,
          sortText: String(index).padStart(4, '0'),
        };
      });
  } catch {
    return [];
  }
}

/** The table whose span, widened by one line above and one line below, holds `offset`. */
function tableNear(report: Report, offset: number): Table | undefined {
  const text = report.text;
  for (const table of report.tables) {
    const firstLineStart = lineStart(text, table.span.start);
    const from = firstLineStart > 0 ? lineStart(text, firstLineStart - 1) : 0;
    const lastLineEnd = lineEnd(text, table.span.end);
    const to = lastLineEnd < text.length ? lineEnd(text, lastLineEnd + 1) : text.length;
    if (offset >= from && offset <= to) return table;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = Math.max(0, offset);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
