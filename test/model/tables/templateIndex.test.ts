/**
 * Stage 6, the label index (shared/src/model/tables/templateIndex.ts): every template table's indicators by
 * normalised label and alias, its columns and header words, its markers, and the structure signature by which
 * variants of one table are read once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldWidth, labelNumbering, normalizeLabel, stripSpaces } from '../../../shared/src/model/text';
import { compactLine } from '../../../shared/src/model/lines';
import {
  firstLabelStarts, markerIndex, markerKinds, markersIn, otherKindMarkers, prepare, preparedAll, startWords,
} from '../../../shared/src/model/tables/templateIndex';
import { loadTemplates } from '../../../shared/src/templates/load';
import { ALL, TEMPLATES, fixtureDoc, lineStarting, prepared } from './support';

test('every indicator of every template table is reachable by its label and by each alias', () => {
  let labels = 0;
  for (const pt of ALL) {
    pt.table.indicators.forEach((ind, index) => {
      const key = pt.keys[index];
      assert.equal(key.ind, ind);
      assert.equal(key.index, index);
      assert.equal(key.numbering, labelNumbering(ind.label));
      for (const label of [ind.label, ...ind.aliases]) {
        const norm = normalizeLabel(label);
        assert.notEqual(norm, '', `${pt.template.id} ${ind.id}: ${label}`);
        assert.ok(key.norms.includes(norm));
        assert.ok(pt.byNorm.get(norm)?.includes(key), `${pt.template.id} ${ind.id} by ${JSON.stringify(label)}`);
        labels++;
      }
    });
    // The index holds nothing else: each entry lists the keys having that norm, in template order.
    for (const [norm, keys] of pt.byNorm) {
      assert.ok(keys.length > 0 && keys.every((k) => k.norms.includes(norm)));
      assert.deepEqual(keys.map((k) => k.index), [...keys.map((k) => k.index)].sort((a, b) => a - b));
    }
  }
  assert.ok(labels > 150, `${labels} labels`);
});

test('labels are indexed as normalised: numbering, notes, quotes and width dropped', () => {
  const r21 = prepared('gov2021', 'requests');
  assert.deepEqual(r21.byNorm.get('部分公开')?.map((k) => k.ind.id), ['R3.2']);
  assert.deepEqual(r21.byNorm.get('危及三安全一稳定')?.map((k) => k.ind.id), ['R3.3.3']);
  assert.deepEqual(r21.byNorm.get('总计')?.map((k) => [k.ind.id, k.numbering]), [['R3.7', '(七)']]);
  assert.deepEqual(r21.byNorm.get('其他')?.map((k) => [k.ind.id, k.numbering]), [['R3.6.3', '3']]);
  // The old statistics table repeats labels across its parts: each keeps its own row, in table order.
  const stats = prepared('gov2014', 'stats');
  assert.deepEqual(stats.byNorm.get('其他情形数')?.map((k) => k.ind.id), ['D3', 'E3', 'F3']);
  assert.deepEqual(stats.byNorm.get('依法纠错数')?.map((k) => k.ind.id), ['E2']);
});

test('variants of the same table share a signature exactly where their tables are equal', () => {
  const sig = (id: 'gov2014' | 'gov2019' | 'gov2021', kind: 'active' | 'requests' | 'review' | 'stats') => prepared(id, kind).signature;
  // 表四 is the same table in 2019 and 2021; 表二 differs in its columns, 表三 in 其他处理's rows.
  assert.equal(sig('gov2019', 'review'), sig('gov2021', 'review'));
  assert.notEqual(sig('gov2019', 'requests'), sig('gov2021', 'requests'));
  assert.notEqual(sig('gov2019', 'active'), sig('gov2021', 'active'));
  const signatures = ALL.map((pt) => pt.signature);
  assert.equal(new Set(signatures).size, signatures.length - 1);
  // A signature is the structure only: the same template loaded again (new objects) signs the same.
  const original = prepared('gov2021', 'review').template;
  const { templates, problems } = loadTemplates([JSON.parse(JSON.stringify(original))]);
  assert.deepEqual(problems, []);
  const again = prepare(templates.get('gov2021')!);
  assert.notEqual(again, prepare(original));
  assert.deepEqual(again.map((pt) => pt.signature), prepare(original).map((pt) => pt.signature));
});

test('columns in template order, found by their header labels; a 小计 header is the subtotal column', () => {
  const r21 = prepared('gov2021', 'requests');
  assert.deepEqual(r21.columnIds, ['np', 'biz', 'res', 'npo', 'law', 'oth', 'tot']);
  assert.equal(r21.columnByLabel.get('自然人'), 'np');
  assert.equal(r21.columnByLabel.get('总计'), 'tot');
  assert.equal(r21.columnByLabel.get('小计'), 'sub');
  // Every column label finds a column of that label (表四's 结果维持 heads three column groups).
  for (const pt of ALL) {
    for (const c of pt.table.columns) {
      for (const l of [c.label, ...c.aliases]) {
        const id = pt.columnByLabel.get(normalizeLabel(l));
        assert.ok(pt.table.columns.some((o) => o.id === id && [o.label, ...o.aliases].map(normalizeLabel).includes(normalizeLabel(l))), `${pt.template.id} ${c.id}`);
      }
    }
  }
  // Header words: generic ones, the table's markers and column labels, all normalised.
  for (const w of ['统计指标', '单位', '小计', '申请人情况', '商业企业', '总计']) assert.ok(r21.headerWords.has(w), w);
  assert.ok(!r21.headerWords.has('予以公开'));
});

test('markers are the header markers folded and without spaces; other kinds’ markers tell a table has ended', () => {
  for (const pt of ALL) assert.deepEqual(pt.markers, pt.table.headerMarkers.map((m) => stripSpaces(foldWidth(m))));
  const r21 = prepared('gov2021', 'requests');
  const others = otherKindMarkers(r21);
  for (const m of ['本年制发件数', '结果维持', '尚未审结']) assert.ok(others.includes(m), m);
  assert.ok(others.every((m) => m.length >= 4 && !r21.markers.includes(m) && !r21.headerWords.has(normalizeLabel(m))));
  assert.equal(otherKindMarkers(r21), others);
  // The old statistics table is alone in its format: nothing marks another table's start.
  assert.deepEqual(otherKindMarkers(prepared('gov2014', 'stats')), []);
});

test('marker index: each (marker, kind) once, and the markers a header line shows found in one pass', () => {
  const list = markerKinds(ALL);
  const keys = list.map((x) => `${x.kind}:${x.marker}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(list.every((x) => x.marker.length >= 2));
  assert.deepEqual([...new Set(list.map((x) => x.kind))], ['active', 'requests', 'review', 'stats']);
  const index = markerIndex(ALL);
  assert.equal(index.list, list);
  const d = fixtureDoc('test/fixtures/synthetic/gov2021-spaces.txt');
  const header = compactLine(lineStarting(d, '结果维持  结果纠正'));
  const shown = markersIn(index, header);
  const found = list.filter((_, k) => shown[k] === 1).map((x) => `${x.kind}:${x.marker}`);
  assert.deepEqual(found, ['review:结果维持', 'review:结果纠正', 'review:其他结果', 'review:尚未审结', 'review:未经复议直接起诉', 'review:复议后起诉']);
  assert.deepEqual([...markersIn(index, '本年度未发生行政复议')], list.map(() => 0));
});

test('start words: the first characters of first row labels, the markers and first value labels of every kind', () => {
  assert.deepEqual([...firstLabelStarts(ALL)].sort(), ['一', '第', '行'].sort());
  const words = startWords(ALL);
  for (const f of ['规章', '本年新收政府信息公开申请数量', '行政复议、行政诉讼情况', '主动公开政府信息数']) assert.ok(words.firsts.includes(f), f);
  assert.equal(new Set(words.markers).size, words.markers.length);
  assert.ok(words.markers.includes('统计指标') && words.markers.includes('申请人情况'));
});

test('prepared once: per template, and for the whole set while the same templates are passed, newest format first', () => {
  assert.equal(prepare(TEMPLATES[0]), prepare(TEMPLATES[0]));
  assert.equal(preparedAll([...TEMPLATES]), ALL);
  assert.deepEqual([...new Set(ALL.map((pt) => pt.template.id))], ['gov2021', 'gov2019', 'gov2014']);
  const reversed = preparedAll([...TEMPLATES].reverse());
  assert.deepEqual(reversed.map((pt) => pt.signature), ALL.map((pt) => pt.signature));
  // Only the 2021 format: its three tables.
  const only2021 = preparedAll(TEMPLATES.filter((t) => t.id === 'gov2021'));
  assert.deepEqual(only2021.map((pt) => pt.table.kind), ['active', 'requests', 'review']);
});
