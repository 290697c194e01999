import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, blankTables, builtinTemplates, ruleDocUrl, RULE_DOCS_BASE, type TemplateId } from '../../shared/src/index';

const TEMPLATES: TemplateId[] = ['gov2014', 'gov2019', 'gov2021'];

/** Fills every empty data cell of the blank tables with 0 (not the head rows, not title rows). */
function fill(text: string, id: TemplateId, layout: 'tabs' | 'pipes'): string {
  const template = builtinTemplates().get(id);
  assert.ok(template);
  const valueLabels = new Set(template.tables.flatMap((t) => t.indicators.filter((i) => i.role === 'value').map((i) => i.label)));
  return text.split('\n').map((line) => {
    if (layout === 'tabs') {
      const cells = line.split('\t');
      if (cells.length > 1 && cells.every((c) => c === '')) return cells.map(() => '0').join('\t');
      if (!valueLabels.has(cells[0])) return line;
      return cells.map((c, i) => (i > 0 && c === '' ? '0' : c)).join('\t');
    }
    if (!line.startsWith('|') || line.includes('---')) return line;
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    const data = cells.every((c) => c === '') || valueLabels.has(cells[0]);
    if (!data) return line;
    const allEmpty = cells.every((c) => c === '');
    return `| ${cells.map((c, i) => ((i > 0 || allEmpty) && c === '' ? '0' : c)).join(' | ')} |`;
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
