/**
 * The .docx reader: Word documents rendered from the Markdown fixtures (pandoc, test/fixtures/import/docx) read with
 * exactly the findings of their originals; tiny documents built here check merged cells, tracked changes, numbering,
 * text boxes, footnotes, the line map and the refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { analyze, readDocx, reportCoverage } from '../../shared/src/index';
import { formatNumber } from '../../shared/src/import/docxNumbering';
import { ROOT } from '../support/walk';
import { asImported, syntheticOriginal } from '../support/imported';

const DOCX = join(ROOT, 'test', 'fixtures', 'import', 'docx');

const original = (name: string): string => syntheticOriginal(`${name}.md`);
const text = asImported;

/** What the checker says about a text: findings as `ruleId message` (sorted), the verdict and each table's state. */
function verdictOf(t: string) {
  const { report, findings } = analyze(t, { reuse: false });
  const coverage = reportCoverage(report);
  return {
    findings: findings.map((f) => `${f.ruleId} ${f.message.zh}`).sort(),
    verdict: coverage.verdict,
    tables: coverage.tables.map((x) => `${x.kind}:${x.state}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Building .docx documents

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS =
  `xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph: plain text, or raw run XML with `raw`; `pPr` is raw paragraph-property XML. */
function p(content: string, opts: { raw?: boolean; pPr?: string } = {}): string {
  const runs = opts.raw ? content : content === '' ? '' : `<w:r><w:t xml:space="preserve">${esc(content)}</w:t></w:r>`;
  return `<w:p>${opts.pPr ? `<w:pPr>${opts.pPr}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A numbered paragraph. */
const np = (numId: number, ilvl: number, content: string) =>
  p(content, { pPr: `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>` });

/** A table cell: text (paragraphs separated by `\n`), with optional gridSpan / vMerge. */
interface CellSpec {
  text?: string;
  span?: number;
  vMerge?: 'restart' | 'continue';
}

function tc(c: CellSpec | string): string {
  const spec = typeof c === 'string' ? { text: c } : c;
  const pr =
    (spec.span && spec.span > 1 ? `<w:gridSpan w:val="${spec.span}"/>` : '') +
    (spec.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : spec.vMerge === 'continue' ? '<w:vMerge/>' : '');
  const paras = (spec.text ?? '').split('\n').map((t) => p(t)).join('');
  return `<w:tc><w:tcPr>${pr}</w:tcPr>${paras}</w:tc>`;
}

const tbl = (rows: readonly (readonly (CellSpec | string)[])[]) =>
  `<w:tbl><w:tblPr/>${rows.map((r) => `<w:tr>${r.map(tc).join('')}</w:tr>`).join('')}</w:tbl>`;

function docx(body: string, parts: { numbering?: string; styles?: string; footnotes?: string } = {}): Uint8Array {
  const rels = [
    parts.numbering ? '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : '',
    parts.styles ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : '',
    parts.footnotes ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>' : '',
  ].join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`),
  };
  if (parts.numbering) files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${NS}>${parts.numbering}</w:numbering>`);
  if (parts.styles) files['word/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${NS}>${parts.styles}</w:styles>`);
  if (parts.footnotes) files['word/footnotes.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${NS}>${parts.footnotes}</w:footnotes>`);
  return zipSync(files);
}

/** An abstract numbering definition: one `[numFmt, lvlText, extra]` per level. */
function abstractNum(id: number, levels: readonly [string, string, string?][]): string {
  const lvls = levels
    .map(([fmt, txt, extra], i) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${txt}"/>${extra ?? ''}</w:lvl>`)
    .join('');
  return `<w:abstractNum w:abstractNumId="${id}">${lvls}</w:abstractNum>`;
}

const num = (numId: number, abstractId: number, override = '') =>
  `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${override}</w:num>`;

// ---------------------------------------------------------------------------------------------
// A Markdown fixture as a Word document with the official table layout (merged cells)

type Grid = string[][];

/** Paragraphs and pipe tables of a Markdown fixture (each non-table line verbatim, so only the tables differ). */
function blocks(md: string): (string | Grid)[] {
  const out: (string | Grid)[] = [];
  let grid: Grid | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      if (/^\|[-|: ]+\|$/.test(line)) continue;
      if (!grid) out.push((grid = []));
      grid.push(line.slice(1, -1).split('|').map((c) => c.trim()));
    } else {
      grid = undefined;
      if (line.trim() !== '') out.push(line);
    }
  }
  return out;
}

/**
 * The merged table a pipe table stands for: in the head (rows before the first figure) an empty cell continues the
 * cell above it (vMerge) when that cell starts in this column, else the cell to its left (gridSpan); below the head,
 * an empty cell continues the cell to its left first (`（七）总计` over two label columns, `186` over three value
 * columns), the one above otherwise (`三、本年度办理结果` down the first column).
 */
function mergedTable(grid: Grid): string {
  interface Placed { start: number; span: number; restart: boolean; text: string }
  const rows: Placed[][] = [];
  let head = true;
  for (const cells of grid) {
    if (cells.some((c) => /^[+-]?\d/.test(c))) head = false;
    const above = rows[rows.length - 1] ?? [];
    const row: Placed[] = [];
    for (let col = 0; col < cells.length; ) {
      const left = row[row.length - 1];
      const up = above.find((c) => c.start === col);
      const upFits = up && cells.slice(col, col + up.span).every((c) => c === '');
      const cont = (c: Placed) => ({ ...c, restart: false });
      if (cells[col] !== '') row.push({ start: col, span: 1, restart: true, text: cells[col] });
      else if (head && upFits) row.push(cont(up));
      else if (left && left.restart) left.span++;
      else if (upFits) row.push(cont(up));
      else row.push({ start: col, span: 1, restart: true, text: '' });
      const last = row[row.length - 1];
      col = last.start + last.span;
    }
    rows.push(row);
  }
  // A vertical merge starts where a cell is continued below it.
  const specs = rows.map((row, r) =>
    row.map((c): CellSpec => {
      const below = rows[r + 1]?.find((x) => x.start === c.start && !x.restart);
      return { text: c.restart ? c.text : '', span: c.span, ...(c.restart ? (below ? { vMerge: 'restart' as const } : {}) : { vMerge: 'continue' as const }) };
    }),
  );
  return tbl(specs);
}

function mergedDocx(md: string): Uint8Array {
  return docx(blocks(md).map((b) => (typeof b === 'string' ? p(b) : mergedTable(b))).join(''));
}

// ---------------------------------------------------------------------------------------------
// Rendered fixtures

const RENDERED = ['gov2021-pipes', 'gov2019-pipes', 'broken-outcome-total-mismatch-2', 'broken-figure-table-mismatch-3'];

for (const name of RENDERED) {
  test(`${name}.docx (pandoc) reads with the findings and the verdict of the Markdown`, () => {
    const r = text(readDocx(readFileSync(join(DOCX, `${name}.docx`))));
    assert.equal(r.format, 'docx');
    assert.deepEqual(r.notes, []);
    const got = verdictOf(r.text);
    const want = verdictOf(original(name));
    assert.deepEqual(got, want);
  });

  test(`${name}: the same report with merged table cells reads alike`, () => {
    const r = text(readDocx(mergedDocx(original(name))));
    assert.deepEqual(verdictOf(r.text), verdictOf(original(name)));
  });
}

test('the rendered fixtures are not trivially clean: the broken ones keep their findings', () => {
  const r = text(readDocx(readFileSync(join(DOCX, 'broken-outcome-total-mismatch-2.docx'))));
  const { findings } = verdictOf(r.text);
  assert.equal(findings.filter((f) => f.startsWith('outcome-total-mismatch')).length, 2);
  const fig = text(readDocx(readFileSync(join(DOCX, 'broken-figure-table-mismatch-3.docx'))));
  assert.ok(verdictOf(fig.text).findings.some((f) => f.startsWith('figure-table-mismatch')));
});

test('pandoc ordered lists come back as `1. ` labels from numbering.xml', () => {
  const r = text(readDocx(readFileSync(join(DOCX, 'gov2021-pipes.docx'))));
  assert.match(r.text, /^1\. 环境质量信息。按月发布/m);
  assert.match(r.text, /^4\. 政策文件信息。/m);
  // The second list restarts (pandoc gives each list its own w:num with a start override).
  assert.match(r.text, /^1\. 提升解读质量。/m);
  assert.match(r.text, /^3\. 规范答复文书。/m);
});

// ---------------------------------------------------------------------------------------------
// Tables

test('merged header: gridSpan and vMerge repeat the head in every column they cover; value rows leave spans empty', () => {
  const body = tbl([
    [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span: 2, vMerge: 'restart' }, { text: '申请人情况', span: 4 }],
    [{ span: 2, vMerge: 'continue' }, { text: '自然人', vMerge: 'restart' }, { text: '法人或其他组织', span: 2 }, { text: '总计', vMerge: 'restart' }],
    [{ span: 2, vMerge: 'continue' }, { vMerge: 'continue' }, '商业企业', '科研机构', { vMerge: 'continue' }],
    [{ text: '一、本年新收政府信息公开申请数量', span: 2 }, '1', '2', '3', '6'],
    [{ text: '三、本年度办理结果', vMerge: 'restart' }, '（一）予以公开', '1', '0', '0', '1'],
    [{ vMerge: 'continue' }, '（二）部分公开', '0', '0', '0', '0'],
  ]);
  const r = text(readDocx(docx(p('前言') + body + p('后记'))));
  const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  assert.equal(
    r.text,
    [
      '前言',
      '',
      `${note}\t${note}\t申请人情况\t申请人情况\t申请人情况\t申请人情况`,
      `${note}\t${note}\t自然人\t法人或其他组织\t法人或其他组织\t总计`,
      `${note}\t${note}\t自然人\t商业企业\t科研机构\t总计`,
      '一、本年新收政府信息公开申请数量\t\t1\t2\t3\t6',
      '三、本年度办理结果\t（一）予以公开\t1\t0\t0\t1',
      '\t（二）部分公开\t0\t0\t0\t0',
      '',
      '后记',
      '',
    ].join('\n'),
  );
  // The line map: paragraph numbers skip table paragraphs, rows carry their cells' offsets.
  const rows = r.lines.filter((l) => l.source.table === 1);
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((l) => l.source.row), [1, 2, 3, 4, 5, 6]);
  for (const l of r.lines) {
    const line = r.text.slice(l.start, l.end);
    assert.ok(!line.includes('\n') && line.trim() !== '');
    if (l.cells) {
      const cells = line.split('\t');
      assert.equal(l.cells.length, cells.length);
      l.cells.forEach((at, i) => assert.equal(r.text.slice(at, at + cells[i].length), cells[i]));
    }
  }
  assert.deepEqual(r.lines[0].source, { paragraph: 1 });
  assert.deepEqual(r.lines[r.lines.length - 1].source, { paragraph: 2 });
  assert.deepEqual(rows[5].cells?.map((c) => c - rows[5].start), [0, 1, 9, 11, 13, 15]);
});

test('a group label merged across the table is written once, even as the first row', () => {
  const body = tbl([[{ text: '（三）不予公开', span: 3 }], ['1.属于国家秘密', '0', '0'], [{ text: '（七）总计', span: 2 }, '5']]);
  assert.equal(text(readDocx(docx(body))).text, '（三）不予公开\t\t\n1.属于国家秘密\t0\t0\n（七）总计\t\t5\n');
});

test('a cell of several paragraphs stays on its row: CJK joined with nothing, figures with a space', () => {
  const r = text(readDocx(docx(tbl([['5.要求行政机关确认或\n重新出具已获取信息', '1\n2', '１\n２']]))));
  assert.equal(r.text, '5.要求行政机关确认或重新出具已获取信息\t1 2\t１ ２\n');
});

test('a one-column layout table is read as body text, its nested table as a table', () => {
  const inner = tbl([['行政许可', '186']]);
  const body = `<w:tbl><w:tr><w:tc>${p('二、主动公开政府信息情况')}${inner}${p('说明文字')}</w:tc></w:tr></w:tbl>`;
  const r = text(readDocx(docx(body)));
  assert.equal(r.text, '二、主动公开政府信息情况\n\n行政许可\t186\n\n说明文字\n');
  assert.deepEqual(r.lines.map((l) => l.source), [{ table: 1, row: 1 }, { table: 2, row: 1 }, { table: 1, row: 1 }]);
});

test('a table nested in a cell of a real table becomes that cell’s text, with a note', () => {
  const inner = tbl([['甲', '乙']]);
  const body = `<w:tbl><w:tr>${tc('标签')}<w:tc>${inner}</w:tc></w:tr></w:tbl>`;
  const r = text(readDocx(docx(body)));
  assert.equal(r.text, '标签\t甲乙\n');
  assert.equal(r.notes.length, 1);
});

// ---------------------------------------------------------------------------------------------
// Tracked changes, text boxes, footnotes, breaks

test('tracked changes read as accepted: insertions kept, deletions dropped, with a note', () => {
  const runs =
    '<w:r><w:t>本年新收申请</w:t></w:r>' +
    '<w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>' +
    '<w:ins w:id="2" w:author="a"><w:r><w:t>23</w:t></w:r></w:ins>' +
    '<w:r><w:t>件。</w:t></w:r>';
  const r = text(readDocx(docx(p(runs, { raw: true }))));
  assert.equal(r.text, '本年新收申请23件。\n');
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0].zh, /修订/);
});

test('a deleted paragraph mark joins the paragraph to the next; a deleted table row is gone', () => {
  const joined = '<w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>上年结转</w:t></w:r>';
  const body =
    `<w:p>${joined}</w:p>` +
    p('3件。') +
    `<w:tbl><w:tr>${tc('予以公开')}${tc('10')}</w:tr><w:tr><w:trPr><w:del w:id="4" w:author="a"/></w:trPr>${tc('部分公开')}${tc('2')}</w:tr></w:tbl>`;
  const r = text(readDocx(docx(body)));
  assert.equal(r.text, '上年结转3件。\n\n予以公开\t10\n');
});

test('the text of a text box is read after its paragraph, once (not again from the VML fallback)', () => {
  const box = (t: string) => `<w:txbxContent>${p(t)}</w:txbxContent>`;
  const drawing =
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>' +
    `<wps:wsp><wps:txbx>${box('本年度主动公开政府信息1200条。')}</wps:txbx></wps:wsp>` +
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>' +
    `<mc:Fallback><w:pict><v:shape><v:textbox>${box('本年度主动公开政府信息1200条。')}</v:textbox></v:shape></w:pict></mc:Fallback>` +
    '</mc:AlternateContent></w:r>';
  const r = text(readDocx(docx(p('<w:r><w:t>一、总体情况</w:t></w:r>' + drawing, { raw: true }) + p('正文'))));
  assert.equal(r.text, '一、总体情况\n本年度主动公开政府信息1200条。\n正文\n');
  assert.deepEqual(r.lines.map((l) => l.source), [{ paragraph: 1 }, { paragraph: 1 }, { paragraph: 2 }]);
});

test('footnotes come after the body and point at the paragraph of their mark; separators are skipped', () => {
  const body = p('<w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>', { raw: true }) + p('结尾');
  const footnotes =
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
    `<w:footnote w:id="1">${p('注：数据截至12月31日。')}</w:footnote>`;
  const r = text(readDocx(docx(body, { footnotes })));
  assert.equal(r.text, '正文\n结尾\n\n注：数据截至12月31日。\n');
  assert.deepEqual(r.lines[2].source, { paragraph: 1 });
});

test('tabs stay tabs in the body, a line break splits the line; in a cell both are spaces', () => {
  const runs = '<w:r><w:t>信息内容</w:t><w:tab/><w:t>本年处理决定数量</w:t><w:br/><w:t>第二行</w:t></w:r>';
  const r = text(readDocx(docx(p(runs, { raw: true }) + `<w:tbl><w:tr><w:tc>${p(runs, { raw: true })}</w:tc>${tc('1')}</w:tr></w:tbl>`)));
  assert.equal(r.text, '信息内容\t本年处理决定数量\n第二行\n\n信息内容 本年处理决定数量 第二行\t1\n');
  assert.deepEqual(r.lines.slice(0, 2).map((l) => l.source), [{ paragraph: 1 }, { paragraph: 1 }]);
});

test('hidden text, comments and field codes are not read', () => {
  const runs =
    '<w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' +
    '<w:commentRangeStart w:id="0"/><w:r><w:t>文字</w:t></w:r><w:commentRangeEnd w:id="0"/>' +
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  const r = text(readDocx(docx(p(runs, { raw: true }))));
  assert.equal(r.text, '可见文字3\n');
  assert.equal(r.notes.length, 1);
});

// ---------------------------------------------------------------------------------------------
// Numbering

const CHINESE_LEVELS = abstractNum(1, [
  ['chineseCounting', '%1、'],
  ['chineseCounting', '（%2）'],
  ['decimal', '%3.'],
]);

test('numbering: 一、（一）1. from chineseCounting and decimal levels, lower levels restart', () => {
  const body = [
    np(1, 0, '总体情况'),
    np(1, 1, '主动公开'),
    np(1, 2, '环境质量信息'),
    np(1, 2, '环评审批信息'),
    np(1, 1, '依申请公开'),
    np(1, 2, '申请情况'),
    np(1, 0, '主动公开政府信息情况'),
    np(1, 1, '规章'),
  ].join('');
  const r = text(readDocx(docx(body, { numbering: CHINESE_LEVELS + num(1, 1) })));
  assert.equal(
    r.text,
    '一、 总体情况\n（一） 主动公开\n1. 环境质量信息\n2. 环评审批信息\n（二） 依申请公开\n1. 申请情况\n二、 主动公开政府信息情况\n（一） 规章\n',
  );
});

test('numbering: counters past ten, w:start, w:suff and two w:num sharing one list', () => {
  const numbering =
    abstractNum(1, [['chineseCounting', '%1、', '<w:suff w:val="nothing"/>']]) +
    abstractNum(2, [['decimal', '（%1）']]) +
    num(1, 1) +
    num(2, 1) +
    num(3, 2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride>');
  const body = [...Array.from({ length: 11 }, (_, i) => np(i % 2 === 0 ? 1 : 2, 0, `第${i + 1}项`)), np(3, 0, '甲'), np(3, 0, '乙')].join('');
  const lines = text(readDocx(docx(body, { numbering }))).text.trim().split('\n');
  // w:num 1 and 2 share abstractNum 1 (no override): one list running 一 … 十一.
  assert.deepEqual(lines.slice(0, 11), ['一、第1项', '二、第2项', '三、第3项', '四、第4项', '五、第5项', '六、第6项', '七、第7项', '八、第8项', '九、第9项', '十、第10项', '十一、第11项']);
  assert.deepEqual(lines.slice(11), ['（9） 甲', '（10） 乙']);
});

test('numbering: a level with w:lvlRestart="0" keeps counting across its parent', () => {
  const numbering = abstractNum(1, [['chineseCounting', '%1、'], ['decimal', '%2.', '<w:lvlRestart w:val="0"/>']]) + num(1, 1);
  const body = [np(1, 0, 'A'), np(1, 1, 'a'), np(1, 0, 'B'), np(1, 1, 'b')].join('');
  assert.equal(text(readDocx(docx(body, { numbering }))).text, '一、 A\n1. a\n二、 B\n2. b\n');
});

test('numbering: a paragraph style carrying numPr (heading styles numbered 一、 / （一）)', () => {
  const numbering = CHINESE_LEVELS + num(5, 1);
  const styles =
    '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="H2b"><w:basedOn w:val="H2"/></w:style>';
  const st = (id: string, t: string) => p(t, { pPr: `<w:pStyle w:val="${id}"/>` });
  const body = [st('H1', '总体情况'), st('H2', '主动公开'), st('H2b', '依申请公开'), p('正文', { pPr: '<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>' }), st('H1', '主动公开政府信息情况')].join('');
  assert.equal(text(readDocx(docx(body, { numbering, styles }))).text, '一、 总体情况\n（一） 主动公开\n（二） 依申请公开\n正文\n二、 主动公开政府信息情况\n');
});

test('numbering: a list style (w:numStyleLink) numbers with the definition behind the style', () => {
  const numbering =
    abstractNum(1, [['chineseCounting', '%1、']]).replace('<w:lvl ', '<w:styleLink w:val="ReportList"/><w:lvl ') +
    '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ReportList"/></w:abstractNum>' +
    num(1, 1) +
    num(2, 2);
  const styles = '<w:style w:type="numbering" w:styleId="ReportList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
  const body = [np(2, 0, '总体情况'), np(2, 0, '主动公开政府信息情况')].join('');
  assert.equal(text(readDocx(docx(body, { numbering, styles }))).text, '一、 总体情况\n二、 主动公开政府信息情况\n');
});

test('numbering: bullets give no label, numbered paragraphs in cells are numbered', () => {
  const numbering = abstractNum(1, [['bullet', '\uf0b7']]) + abstractNum(2, [['decimal', '%1.']]) + num(1, 1) + num(2, 2);
  const body = np(1, 0, '要点') + `<w:tbl><w:tr><w:tc>${np(2, 0, '属于国家秘密')}</w:tc>${tc('0')}</w:tr><w:tr><w:tc>${np(2, 0, '其他法律行政法规禁止公开')}</w:tc>${tc('0')}</w:tr></w:tbl>`;
  assert.equal(text(readDocx(docx(body, { numbering }))).text, '要点\n\n1. 属于国家秘密\t0\n2. 其他法律行政法规禁止公开\t0\n');
});

test('number formats', () => {
  const cases: [string, number, string][] = [
    ['chineseCounting', 1, '一'], ['chineseCounting', 10, '十'], ['chineseCounting', 11, '十一'], ['chineseCounting', 20, '二十'],
    ['chineseCounting', 23, '二十三'], ['chineseCounting', 105, '一百零五'], ['chineseCountingThousand', 12, '十二'],
    ['japaneseCounting', 14, '十四'], ['ideographTraditional', 2, '乙'], ['decimalEnclosedCircle', 3, '③'],
    ['decimal', 7, '7'], ['decimalZero', 7, '07'], ['upperRoman', 4, 'IV'], ['lowerLetter', 28, 'bb'],
    ['chineseLegalSimplified', 12, '壹拾贰'], ['decimalFullWidth', 12, '１２'], ['ideographDigital', 10, '一〇'], ['unknownFormat', 5, '5'],
  ];
  for (const [fmt, n, want] of cases) assert.equal(formatNumber(n, fmt), want, `${fmt} ${n}`);
});

// ---------------------------------------------------------------------------------------------
// Refusals

test('a damaged file is refused with a reason, never thrown', () => {
  const good = docx(p('正文'));
  const inputs: Uint8Array[] = [
    new Uint8Array(0),
    strToU8('这不是一个 Word 文件'),
    good.slice(0, Math.floor(good.length / 2)),
    zipSync({ 'word/other.xml': strToU8('<x/>') }),
    zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="' + W_NS + '"><w:body><w:p>') }),
    zipSync({ 'word/document.xml': strToU8('<notword/>') }),
  ];
  for (const bytes of inputs) {
    const r = readDocx(bytes);
    assert.equal(r.kind, 'refused');
    if (r.kind !== 'refused') continue;
    assert.equal(r.format, 'docx');
    assert.match(r.reason.zh, /无法读取 Word 文件/);
    assert.match(r.reason.en, /Cannot read the Word file/);
  }
});

test('an OLE file: encrypted → "文件已加密", else a legacy .doc', () => {
  const ole = (extra: string) => {
    const b = new Uint8Array(1024);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < extra.length; i++) b[600 + 2 * i] = extra.charCodeAt(i);
    return b;
  };
  const enc = readDocx(ole('EncryptionInfo'));
  assert.equal(enc.kind, 'refused');
  if (enc.kind === 'refused') assert.match(enc.reason.zh, /文件已加密，无法检查/);
  const doc = readDocx(ole('WordDocument'));
  assert.equal(doc.kind, 'refused');
  if (doc.kind === 'refused') assert.equal(doc.format, 'doc');
});

test('the main part is found through _rels/.rels, and a UTF-16 part is decoded', () => {
  const xml = `<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="${W_NS}"><w:body>${p('正文内容')}</w:body></w:document>`;
  const utf16 = new Uint8Array(2 + xml.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < xml.length; i++) {
    utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
    utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
  }
  const bytes = zipSync({
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/doc/main.xml"/></Relationships>',
    ),
    'doc/main.xml': utf16,
  });
  assert.equal(text(readDocx(bytes)).text, '正文内容\n');
});

test('namespaces by URI, not prefix: ISO strict, a default namespace, another prefix; entities, CDATA, comments', () => {
  const STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
  const read = (xml: string) => readDocx(zipSync({ 'word/document.xml': strToU8(xml) }));
  const strict = read(
    `<?xml version="1.0"?>\r\n<!-- a comment --><document xmlns="${STRICT}"><body>\r\n  <p><r><t>严格&amp;&lt;1&gt;&#x4E00;&#20108;</t></r></p>\r\n` +
      `  <p><r><t><![CDATA[<甲>&amp;]]></t><tab/><t xml:space="preserve"> 乙 </t></r></p>\r\n` +
      `  <p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:t>绘图文字</a:t><r><t>丙</t></r></p>\r\n` +
      `  <p xmlns="urn:other"><r><t>别的词汇</t></r></p></body></document>`,
  );
  assert.equal(text(strict).text, '严格&<1>一二\n<甲>&amp;\t 乙 \n丙\n');
  const prefixed = read(`<x:document xmlns:x="${W_NS}"><x:body><x:p><x:pPr><x:rPr><x:del/></x:rPr></x:pPr><x:r><x:t>连</x:t></x:r></x:p><x:p><x:r><x:t>接</x:t></x:r></x:p></x:body></x:document>`);
  assert.equal(text(prefixed).text, '连接\n');
  for (const broken of [
    `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>甲</w:r></w:p></w:body></w:document>`,
    `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:body></w:document>多余`,
    `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t a="1>甲</w:t></w:r></w:p></w:body></w:document>`,
  ]) {
    assert.equal(read(broken).kind, 'refused', broken);
  }
});
