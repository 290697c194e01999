import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outline, parseReport, type OutlineNode } from '../../shared/src/index';
import { STATS } from './support';

const ROOT = join(__dirname, '..', '..', '..');

function walk(nodes: readonly OutlineNode[], visit: (n: OutlineNode, parent?: OutlineNode) => void, parent?: OutlineNode): void {
  for (const n of nodes) {
    visit(n, parent);
    walk(n.children, visit, n);
  }
}

describe('outline', () => {
  test('sections nest by level; the table sits under its section with its rows', () => {
    const nodes = outline(parseReport(STATS).report);
    assert.deepEqual(nodes.map((n) => n.name), ['一、概述', '二、统计表', '三、存在的问题']);
    const stats = nodes[1];
    assert.equal(stats.children.length, 1);
    const table = stats.children[0];
    assert.equal(table.kind, 'table');
    assert.equal(table.name, '政府信息公开情况统计表');
    assert.equal(table.detail, '2014—2018年格式', 'the format as a person names it, not the template id');
    const rows = table.children.map((r) => r.name);
    assert.ok(rows.includes('（一）收到申请数'));
    assert.ok(rows.includes('2.延期办结数'));
    const c1 = table.children.find((r) => r.name === '（一）收到申请数');
    assert.equal(c1?.kind, 'row');
    assert.equal(c1?.detail, '5', 'the row\'s figures, without its indicator id');
    assert.equal(STATS.slice(c1?.selectionSpan.start, c1?.selectionSpan.end), '（一）收到申请数');
  });

  test('a section node selects its number and title; spans hold their children', () => {
    const nodes = outline(parseReport(STATS).report);
    const first = nodes[0];
    assert.equal(STATS.slice(first.selectionSpan.start, first.selectionSpan.end), '一、概述');
    walk(nodes, (n, parent) => {
      assert.ok(n.name.trim().length > 0, 'names are never empty');
      assert.ok(n.span.start <= n.selectionSpan.start && n.selectionSpan.end <= n.span.end, `selection inside span: ${n.name}`);
      if (parent) assert.ok(parent.span.start <= n.span.start && n.span.end <= parent.span.end, `${n.name} inside ${parent.name}`);
    });
  });

  test('the real seeds give a non-empty, well-formed outline', () => {
    for (const seed of ['000_82d47b6a6cde8053.txt', '001_65d192663e1ca53a.txt', '002_4c0596bc8ba7dc96.txt', '003_ffaee79ddffb64b7.txt', '004_74e3e29789819dcb.txt']) {
      const text = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', seed), 'utf8');
      const nodes = outline(parseReport(text).report);
      assert.ok(nodes.length > 0, seed);
      let tables = 0;
      walk(nodes, (n, parent) => {
        if (n.kind === 'table') tables++;
        if (parent) assert.ok(parent.span.start <= n.span.start && n.span.end <= parent.span.end, `${seed}: ${n.name}`);
      });
      assert.equal(tables, parseReport(text).report.tables.length, seed);
    }
  });

  test('empty and broken input never throws', () => {
    assert.deepEqual(outline(parseReport('').report), []);
    for (const text of ['一、', '（一）\t\t|', '|||\n\t\t\n一、\n（', STATS.slice(0, 200)]) {
      assert.doesNotThrow(() => outline(parseReport(text).report));
    }
  });
});
