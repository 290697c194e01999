/**
 * The official blank tables of a template, ready to paste into a draft: tab-separated (what
 * copying from Word or WPS gives) or as Markdown pipe tables. Only the national rows are
 * included (local variants are left out). Every data cell is empty: blank means "not filled in".
 */
import type { TemplateId } from '../model/types';
import type { TableTemplate } from '../templates/schema';
import { templateById, type FeatureLocale } from './util';

type Grid = string[][];

/** The note printed in the label column's head of the requests table. */
const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Column-group heads of the review table, by column id prefix. */
const REVIEW_GROUPS: Record<string, { top: string; sub: string }> = {
  rev: { top: '行政复议', sub: '' },
  lit1: { top: '行政诉讼', sub: '未经复议直接起诉' },
  lit2: { top: '', sub: '复议后起诉' },
};

/**
 * The blank tables of `templateId` (default the current 2021 format), each under its heading,
 * separated by blank lines. An unknown template gives an empty string.
 */
export function blankTables(templateId: TemplateId = 'gov2021', layout: 'tabs' | 'pipes' = 'tabs', _locale: FeatureLocale = 'zh'): string {
  const template = templateById(templateId);
  if (!template) return '';
  const blocks: string[] = [];
  for (const table of template.tables) {
    const grid = gridOf(table);
    blocks.push(`${table.title}\n\n${render(grid, layout)}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * The rows of the blank table of `kind` in `templateId` (its head rows, then its label rows with empty cells), or
 * undefined when the template has no such table. The same grid `blankTables` draws.
 */
export function blankTableRows(templateId: TemplateId, kind: TableTemplate['kind']): string[][] | undefined {
  const table = templateById(templateId)?.tables.find((t) => t.kind === kind);
  return table ? gridOf(table) : undefined;
}

function national(table: TableTemplate): TableTemplate['indicators'] {
  return table.indicators.filter((i) => i.variant === undefined);
}

function gridOf(table: TableTemplate): Grid {
  switch (table.kind) {
    case 'stats': return statsGrid(table);
    case 'active': return activeGrid(table);
    case 'requests': return requestsGrid(table);
    case 'review': return reviewGrid(table);
  }
}

/** 统计指标 | 单位 | 统计数; title rows carry `——` as their unit. */
function statsGrid(table: TableTemplate): Grid {
  const rows: Grid = [['统计指标', '单位', table.columns[0]?.label || '统计数']];
  for (const ind of national(table)) rows.push([ind.label, ind.role === 'value' ? ind.unit ?? '' : '——', '']);
  return rows;
}

/** Blocks per 条例第二十条 item: the item's row, its column heads (信息内容 | …), then its rows. */
function activeGrid(table: TableTemplate): Grid {
  const rows: Grid = [];
  const label = (id: string): string => table.columns.find((c) => c.id === id)?.label ?? id;
  const allColumns = table.columns.map((c) => c.id);
  for (const ind of national(table)) {
    const cols = ind.columns && ind.columns.length > 0 ? ind.columns : allColumns;
    if (ind.role === 'group') {
      rows.push([ind.label]);
      rows.push(['信息内容', ...cols.map(label)]);
    } else {
      rows.push([ind.label, ...cols.map(() => '')]);
    }
  }
  return rows;
}

/**
 * Head rows: 申请人情况, then 法人或其他组织 over its five kinds, then every column's own label in
 * order (自然人 … 其他, 总计). Reading the heads row by row gives the columns in template order, so a
 * reader that takes the column order from the head (as the core does) places every value right.
 */
function requestsGrid(table: TableTemplate): Grid {
  const cols = table.columns;
  const firstLegal = cols.findIndex((c) => c.id !== 'np' && c.id !== 'tot');
  const head1 = [REQUESTS_NOTE, '申请人情况'];
  const head2 = ['', ...cols.map((_, i) => (i === firstLegal ? '法人或其他组织' : ''))];
  const head3 = ['', ...cols.map((c) => c.label)];
  const rows: Grid = [head1, head2, head3];
  for (const ind of national(table)) {
    rows.push(ind.role === 'value' ? [ind.label, ...cols.map(() => '')] : [ind.label]);
  }
  return rows;
}

/** Three head rows (行政复议 | 行政诉讼 → 未经复议直接起诉 / 复议后起诉 → the five results), then the one data row. */
function reviewGrid(table: TableTemplate): Grid {
  const cols = table.columns;
  const top: string[] = [];
  const sub: string[] = [];
  let previous = '';
  for (const c of cols) {
    const group = c.id.split('.')[0];
    const head = REVIEW_GROUPS[group];
    const first = group !== previous;
    previous = group;
    top.push(first && head ? head.top : '');
    sub.push(first && head ? head.sub : '');
  }
  return [top, sub, cols.map((c) => c.label), cols.map(() => '')];
}

function render(grid: Grid, layout: 'tabs' | 'pipes'): string {
  // Tab-separated rows keep their own length (a label-only row has no trailing tabs); pipe tables are rectangular.
  if (layout === 'tabs') return grid.map((r) => r.join('\t')).join('\n');
  const width = Math.max(...grid.map((r) => r.length));
  const padded = grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const line = (r: readonly string[]): string => `| ${r.map((c) => c.replace(/\|/g, '｜')).join(' | ')} |`.replace(/ {2}\|/g, ' |');
  const out = [line(padded[0]), `|${Array<string>(width).fill(' --- ').join('|')}|`];
  for (const r of padded.slice(1)) out.push(line(r));
  return out.join('\n');
}
