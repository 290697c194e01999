import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, blankTables, builtinTemplates, ruleDocUrl, RULE_DOCS_BASE, type TemplateId } from '../../shared/src/index';

const TEMPLATES: TemplateId[] = ['gov2014', 'gov2019', 'gov2021'];

/** Fills the data cells of the blank tables with 0 (not the head rows, title rows or a pipe table's padding). */
function fill(text: string, id: TemplateId, layout: 'tabs' | 'pipes'): string {
  const template = builtinTemplates().get(id);
  assert.ok(template);
  const width = new Map<string, number>();
  for (const t of template.tables) {
    for (const i of t.indicators) if (i.role === 'value') width.set(i.label, i.columns?.length ?? (t.kind === 'stats' ? 2 : t.columns.length));
  }
  const fillCells = (cells: string[], allEmpty: boolean): string[] => {
    if (allEmpty) return cells.map(() => '0');
    const n = width.get(cells[0]);
    if (n === undefined) return cells;
    // The stats table's first data cell is the unit, already printed.
    return cells.map((c, i) => (i > 0 && i <= n && c === '' ? '0' : c));
  };
  return text.split('\n').map((line) => {
    if (layout === 'tabs') {
      const cells = line.split('\t');
      return fillCells(cells, cells.length > 1 && cells.every((c) => c === '')).join('\t');
    }
    if (!line.startsWith('|') || line.includes('---')) return line;
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    return `| ${fillCells(cells, cells.every((c) => c === '')).join(' | ')} |`;
  }).join('\n');
}

describe('blankTables', () => {
  for (const id of TEMPLATES) {
    for (const layout of ['tabs', 'pipes'] as const) {
      test(`${id} ${layout}: filled with zeros, the core reads every official table and row`, () => {
        const blank = blankTables(id, layout);
        assert.ok(blank.endsWith('\n'));
        const template = builtinTemplates().get(id);
        assert.ok(template);
        for (const t of template.tables) assert.ok(blank.includes(t.title), t.title);
        const filled = fill(blank, id, layout);
        const { report, findings } = analyze(filled, { template: id });
        assert.deepEqual(report.tables.map((t) => t.kind), template.tables.map((t) => t.kind));
        for (const [i, t] of template.tables.entries()) {
          const table = report.tables[i];
          assert.equal(table.layout, layout);
          const found = new Set(table.rows.map((r) => r.indicator));
          for (const ind of t.indicators) {
            if (ind.variant !== undefined || ind.role === 'group' || ind.role === 'title') continue;
            assert.ok(found.has(ind.id), `${id} ${t.kind}: row ${ind.id} ${ind.label}`);
          }
          for (const row of table.rows) {
            const ind = t.indicators.find((x) => x.id === row.indicator);
            if (ind?.role !== 'value') continue;
            const expected = ind.columns?.length ?? t.columns.length;
            assert.equal(row.cells.filter((c) => c.state === 'number').length, expected, `${id} ${row.indicator} cells`);
          }
        }
        assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId), []);
      });
    }
  }

  test('pipe tables are rectangular Markdown tables with a separator after the head', () => {
    for (const id of TEMPLATES) {
      const blocks = blankTables(id, 'pipes').split('\n\n').filter((b) => b.startsWith('|'));
      assert.equal(blocks.length, builtinTemplates().get(id)?.tables.length);
      for (const block of blocks) {
        const lines = block.split('\n').filter((l) => l !== '');
        assert.match(lines[1], /^\|( --- \|)+$/);
        const width = lines[0].split('|').length;
        for (const line of lines) {
          assert.ok(line.startsWith('|') && line.endsWith('|'), line);
          assert.equal(line.split('|').length, width, line);
        }
      }
    }
  });

  test('the default is the 2021 format with tabs; local variant rows are left out', () => {
    assert.equal(blankTables(), blankTables('gov2021', 'tabs'));
    const old = blankTables('gov2014', 'tabs');
    assert.ok(old.includes('七、依申请公开信息收取的费用'));
    assert.ok(!old.includes('5.其他形式'));
    assert.ok(!old.includes('十一、查阅点接待人数'));
    assert.equal(blankTables('gov1999' as TemplateId), '');
  });
});

describe('ruleDocUrl', () => {
  test('joins the base and the id', () => {
    assert.equal(ruleDocUrl('sum-mismatch'), `${RULE_DOCS_BASE}sum-mismatch.md`);
    assert.equal(ruleDocUrl('sum-mismatch', 'file:///ext/docs/rules'), 'file:///ext/docs/rules/sum-mismatch.md');
    assert.equal(ruleDocUrl('sum-mismatch', 'file:///ext/docs/rules/'), 'file:///ext/docs/rules/sum-mismatch.md');
  });
});
