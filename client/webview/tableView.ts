/**
 * The table view's page script (bundled to dist/tableView.js, run inside the webview): draws the tables from the
 * data the extension posts, cell by cell, coloured by what the checker concluded; a click (or Enter) on a cell asks
 * the extension to select it in the text. In the comparison mode it draws this year's and last year's tables side
 * by side and marks the cells that differ and the carry-over pair. Builds the page with DOM calls only (no HTML
 * strings), so report text is never markup.
 */
import type { TableComparison, TableViewCell, TableViewTable } from '../../shared/src/index';
import type { FromWebview, Range, ReportTables, ToWebview, ViewStrings } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

type Table = TableViewTable<Range>;
type Cell = TableViewCell<Range>;

/** How a side of the comparison marks its cells (keys from `cellKey`). */
interface Marks {
  readonly changed: ReadonlySet<string>;
  readonly carry: ReadonlyMap<string, boolean>;
}

const NO_MARKS: Marks = { changed: new Set(), carry: new Map() };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function reveal(uri: string, range: Range): void {
  vscode.postMessage({ type: 'reveal', uri, range });
}

/** Clickable and reachable by keyboard: Enter or Space selects the place in the text. */
function linkTo(e: HTMLElement, uri: string, range: Range): void {
  e.tabIndex = 0;
  e.dataset.line = String(range.start.line + 1);
  e.addEventListener('click', () => reveal(uri, range));
  e.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      reveal(uri, range);
    }
  });
}

function statusName(s: ViewStrings, cell: Cell): string {
  return { ok: s.ok, wrong: s.wrong, empty: s.empty, inferred: s.inferred, invalid: s.invalid }[cell.status];
}

function cellTooltip(s: ViewStrings, cell: Cell, extra: readonly string[]): string {
  const lines = [`${statusName(s, cell)}${cell.versus ? ` · ${cell.versus}` : ''}`];
  for (const f of cell.findings) lines.push(f.message);
  lines.push(...extra);
  if (cell.hover) lines.push('', cell.hover);
  return lines.join('\n');
}

function drawCell(s: ViewStrings, uri: string, table: Table, row: number, cell: Cell, marks: Marks): HTMLTableCellElement {
  const key = `${table.index}/${row}/${cell.column}`;
  const td = el('td', `cell status-${cell.status}`);
  td.dataset.status = cell.status;
  td.dataset.key = key;
  td.dataset.column = cell.column;
  if (cell.inferred) td.classList.add('inferred');
  const extra: string[] = [];
  if (marks.changed.has(key)) {
    td.classList.add('changed');
    extra.push(s.changed);
  }
  const carry = marks.carry.get(key);
  if (carry !== undefined) {
    td.classList.add('carry', carry ? 'carry-equal' : 'carry-differs');
    extra.push(carry ? s.carryEqual : s.carryDiffers);
  }
  td.append(el('span', 'value', cell.raw || '—'));
  if (cell.versus) td.append(el('span', 'versus', cell.versus));
  td.title = cellTooltip(s, cell, extra);
  linkTo(td, uri, cell.range);
  return td;
}

function drawTable(s: ViewStrings, report: ReportTables, table: Table, marks: Marks): HTMLElement {
  const section = el('section', 'table');
  section.id = `table-${table.index}`;
  section.dataset.kind = table.kind;
  const h = el('h2', undefined, table.title);
  linkTo(h, report.uri, table.range);
  h.append(el('span', 'caption', table.caption));
  section.append(h);
  section.append(el('p', `summary state-${table.coverage.state}`, table.summary));
  if (table.coverage.missingRows?.length) section.append(el('p', 'missing', table.coverage.missingRows.join('、')));
  for (const note of table.notes) section.append(el('p', `note severity-${note.severity}`, note.message));
  const grid = el('table', 'grid');
  const head = el('thead');
  const groups = table.columns.some((c) => c.group);
  const top = el('tr');
  const corner = el('th', 'corner', s.indicator);
  if (groups) corner.rowSpan = 2;
  top.append(corner);
  const second = el('tr');
  for (let i = 0; i < table.columns.length; i++) {
    const c = table.columns[i];
    if (!groups || !c.group) {
      const th = el('th', 'column', c.label);
      if (groups) th.rowSpan = 2;
      top.append(th);
      continue;
    }
    // A shared heading over the run of columns that have it.
    if (i === 0 || table.columns[i - 1].group !== c.group) {
      let span = 1;
      while (table.columns[i + span]?.group === c.group) span++;
      const th = el('th', 'group', c.group);
      th.colSpan = span;
      top.append(th);
    }
    second.append(el('th', 'column', c.label));
  }
  head.append(top);
  if (groups) head.append(second);
  grid.append(head);
  const body = el('tbody');
  table.rows.forEach((row, r) => {
    const tr = el('tr', `row role-${row.role}`);
    const th = el('th', 'label', row.label);
    if (row.findings.length) {
      th.classList.add('flagged');
      th.title = row.findings.map((f) => f.message).join('\n');
    }
    linkTo(th, report.uri, row.range);
    tr.append(th);
    for (const column of table.columns) {
      const cell = row.cells.find((c) => c.column === column.id);
      tr.append(cell ? drawCell(s, report.uri, table, r, cell, marks) : el('td', 'cell none'));
    }
    body.append(tr);
  });
  grid.append(body);
  section.append(grid);
  return section;
}

function legend(s: ViewStrings, compare: boolean): HTMLElement {
  const box = el('div', 'legend');
  box.append(el('span', 'legend-title', s.legend));
  const items: [string, string][] = [['status-ok', s.ok], ['status-wrong', s.wrong], ['status-empty', s.empty], ['status-inferred', s.inferred], ['status-invalid', s.invalid]];
  if (compare) items.push(['changed', s.changed], ['carry carry-equal', s.carry]);
  for (const [cls, label] of items) {
    const item = el('span', 'legend-item');
    item.append(el('span', `swatch cell ${cls}`), document.createTextNode(label));
    box.append(item);
  }
  box.append(el('span', 'hint', s.clickHint));
  return box;
}

function heading(report: ReportTables): string {
  return report.data.title ?? decodeURIComponent(report.uri.replace(/^.*\//, ''));
}

function drawUnread(s: ViewStrings, report: ReportTables, into: HTMLElement): void {
  if (report.data.tables.length === 0 && report.data.unread.length === 0) into.append(el('p', 'empty-view', s.noTables));
  for (const u of report.data.unread) into.append(el('p', `unread state-${u.state}`, u.summary));
}

function single(s: ViewStrings, report: ReportTables): HTMLElement {
  const page = el('div', 'page');
  page.append(el('h1', undefined, `${s.title} · ${heading(report)}`), legend(s, false));
  drawUnread(s, report, page);
  for (const t of report.data.tables) page.append(drawTable(s, report, t, NO_MARKS));
  return page;
}

function compare(s: ViewStrings, now: ReportTables, before: ReportTables | { error: string } | undefined, cmp: TableComparison | undefined): HTMLElement {
  const page = el('div', 'page compare');
  page.append(el('h1', undefined, `${s.compareTitle} · ${heading(now)}`), legend(s, true));
  if (!before || 'error' in before) {
    page.append(el('p', 'note severity-error', `${s.previousError}${before && 'error' in before ? `：${before.error}` : ''}`));
    for (const t of now.data.tables) page.append(drawTable(s, now, t, NO_MARKS));
    return page;
  }
  const nowMarks: Marks = { changed: new Set(cmp?.changedNow ?? []), carry: new Map((cmp?.carryOver ?? []).map((c) => [c.now, c.equal])) };
  const beforeMarks: Marks = { changed: new Set(cmp?.changedBefore ?? []), carry: new Map((cmp?.carryOver ?? []).map((c) => [c.before, c.equal])) };
  const carry = el('div', 'carry-summary');
  const pairs = cmp?.carryOver ?? [];
  carry.append(el('span', 'legend-title', s.carry));
  if (pairs.length === 0) carry.append(el('span', undefined, s.carryNone));
  const columns = now.data.tables.find((t) => t.kind === 'requests')?.columns ?? [];
  for (const p of pairs) {
    const name = columns.find((c) => c.id === p.column)?.label ?? p.column;
    const item = el('span', `carry ${p.equal ? 'carry-equal' : 'carry-differs'}`, `${name} ${p.nowValue ?? '—'} ${p.equal ? '=' : '≠'} ${p.beforeValue ?? '—'}`);
    item.title = p.equal ? s.carryEqual : s.carryDiffers;
    carry.append(item);
  }
  page.append(carry);
  const head = el('div', 'sides');
  head.append(el('h2', 'side-title', `${s.thisYear}${now.data.year ? `（${now.data.year}）` : ''} · ${heading(now)}`));
  head.append(el('h2', 'side-title', `${s.lastYear}${before.data.year ? `（${before.data.year}）` : ''} · ${heading(before)}`));
  page.append(head);
  const kinds = [...new Set([...now.data.tables.map((t) => t.kind), ...before.data.tables.map((t) => t.kind)])];
  for (const kind of kinds) {
    const sides = el('div', 'sides');
    const left = el('div', 'side');
    const right = el('div', 'side');
    const a = now.data.tables.find((t) => t.kind === kind);
    const b = before.data.tables.find((t) => t.kind === kind);
    if (a) left.append(drawTable(s, now, a, nowMarks));
    if (b) right.append(drawTable(s, before, b, beforeMarks));
    else right.append(el('p', 'empty-view', s.notInLastYear));
    sides.append(left, right);
    page.append(sides);
  }
  return page;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  document.documentElement.lang = m.strings.lang;
  const scroll = window.scrollY;
  if (m.type === 'error') {
    root.replaceChildren(el('p', 'note severity-error', m.message));
    return;
  }
  root.replaceChildren(m.mode === 'compare' ? compare(m.strings, m.current, m.previous, m.comparison) : single(m.strings, m.current));
  root.dataset.version = String(m.current.version ?? '');
  if (m.focus !== undefined) {
    document.getElementById(`table-${m.focus}`)?.scrollIntoView({ block: 'start' });
  } else {
    window.scrollTo(0, scroll);
  }
});

vscode.postMessage({ type: 'ready' });
