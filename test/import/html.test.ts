/**
 * The web-page reader (shared/src/import/html.ts): pages made from the synthetic Markdown fixtures with pandoc,
 * and a hand-made GBK page in the style of a government CMS (test/fixtures/import/README.md), read to the same
 * findings as their originals; plus the reader's rules on small pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, readHtml, reportCoverage, sniffHtmlCharset, type ImportedText } from '../../shared/src/index';
import { ROOT } from '../support/walk';
import { asImported, syntheticOriginal } from '../support/imported';

const HTML = join(ROOT, 'test', 'fixtures', 'import', 'html');

const original = (name: string): string => syntheticOriginal(`${name}.md`);
const read = (source: string): ImportedText => asImported(readHtml(source));

/** Findings as a sorted multiset of `ruleId: message`, and the coverage verdict. */
function outcome(text: string): { findings: string[]; verdict: string } {
  const { report, findings } = analyze(text, { reuse: false });
  return { findings: findings.map((f) => `${f.ruleId}: ${f.message.zh}`).sort(), verdict: reportCoverage(report).verdict };
}

function cmsPage(): { bytes: Uint8Array; source: string } {
  const bytes = new Uint8Array(readFileSync(join(HTML, 'cms-gb2312.html')));
  return { bytes, source: new TextDecoder('gbk').decode(bytes) };
}

/** Every line points back at a start tag, and `lines` lists exactly the non-blank lines of the text. */
function assertLinesConsistent(r: ImportedText, source: string, bare = false): void {
  const nonBlank = r.text.split('\n').filter((l) => l.trim() !== '');
  assert.equal(r.lines.length, nonBlank.length);
  r.lines.forEach((l, i) => {
    assert.equal(r.text.slice(l.start, l.end), nonBlank[i]);
    assert.ok(l.start === 0 || r.text[l.start - 1] === '\n');
    assert.ok(l.end === r.text.length || r.text[l.end] === '\n');
    const at = l.source.offset;
    // Only text outside every element (in a fragment) has no offset.
    if (at === undefined && bare) return;
    assert.ok(at !== undefined && source[at] === '<', `line ${i + 1} offset ${at} points at ${JSON.stringify(source.slice(at, (at ?? 0) + 10))}`);
    if (l.cells) {
      assert.ok(l.source.table !== undefined && l.source.row !== undefined);
      assert.ok(source.startsWith('<tr', at), 'a table row points at its <tr>');
      const cells = r.text.slice(l.start, l.end).split('\t');
      assert.equal(l.cells.length, cells.length);
      l.cells.forEach((c, k) => assert.equal(r.text.slice(c, c + cells[k].length), cells[k]));
    }
  });
}

const PANDOC = [
  'gov2021-pipes',
  'gov2019-pipes',
  'broken-outcome-total-mismatch-2',
  'broken-figure-table-mismatch-3',
  'broken-cell-invalid-3',
  'broken-declared-part-count-2',
  'broken-section-number-sequence-2',
  'broken-title-row-value-1',
];

for (const name of PANDOC) {
  test(`${name}.html (pandoc): the same findings and verdict as the Markdown original`, () => {
    const source = readFileSync(join(HTML, `${name}.html`), 'utf8');
    const r = read(source);
    assert.equal(r.format, 'html');
    assert.deepEqual(outcome(r.text), outcome(original(name)));
    assertLinesConsistent(r, source);
    // pandoc's <style> and empty title block are not text.
    assert.ok(!r.text.includes('font-family') && !r.text.includes('{'));
  });
}

test('cms-gb2312.html: the charset is sniffed from the GBK bytes', () => {
  const { bytes, source } = cmsPage();
  assert.ok(['gbk', 'gb2312'].includes(sniffHtmlCharset(bytes) ?? ''));
  assert.ok(source.includes('澜州市生态环境局'));
});

test('cms-gb2312.html: the same findings and verdict as broken-outcome-total-mismatch-2.md', () => {
  const { source } = cmsPage();
  const r = read(source);
  const expected = outcome(original('broken-outcome-total-mismatch-2'));
  assert.equal(expected.findings.length, 2, 'the original has its two annotated findings');
  assert.deepEqual(outcome(r.text), expected);
  assertLinesConsistent(r, source);
});

test('cms-gb2312.html: navigation, breadcrumb, share bar, footer, scripts and page info are not read', () => {
  const r = read(cmsPage().source);
  for (const frame of ['首页', '政务服务', '当前位置', '分享到', '网站标识码', 'ICP', '公网安备', '主办', '搜索', '统计期限2020年', '发布时间', '字号', '打印本页', '_澜州市人民政府']) {
    assert.ok(!r.text.includes(frame), `${frame} is not in the text`);
  }
});

test('cms-gb2312.html: the title outside the content container is kept, first', () => {
  const r = read(cmsPage().source);
  assert.equal(r.text.split('\n')[0], '澜州市生态环境局2022年政府信息公开工作年度报告');
});

test('cms-gb2312.html: the merged header of 表三 is expanded into the grid, wrapped labels stay whole', () => {
  const { source } = cmsPage();
  const r = read(source);
  const rows = r.text.split('\n').filter((l) => l.includes('\t'));
  const header = rows.find((l) => l.includes('商业企业'));
  assert.ok(header);
  // Header rows: a merged cell is repeated in every grid column (and row) it covers.
  assert.deepEqual(header.split('\t').slice(3), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  const above = rows[rows.indexOf(header) - 1].split('\t').slice(3);
  assert.deepEqual(above, ['自然人', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '总计']);
  // Value rows: the spanned label cells stay empty.
  assert.ok(rows.includes('\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0'));
  assert.ok(rows.includes('一、本年新收政府信息公开申请数量\t\t\t15\t5\t1\t1\t1\t0\t23'));
  assert.ok(rows.includes('\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t2\t1\t0\t0\t0\t0\t3'));
  // All rows of one table have the same number of cells, and a cell's offsets point into its row.
  const table3 = r.lines.filter((l) => l.source.table === 2);
  assert.equal(table3.length, 28);
  assert.ok(table3.every((l) => l.cells?.length === 10));
});

test('cms-gb2312.html: indentation (&nbsp;, U+3000) is trimmed and source line breaks between Chinese vanish', () => {
  const r = read(cmsPage().source);
  for (const line of r.text.split('\n')) {
    assert.ok(!/^[\s\u00a0\u3000]/.test(line) || line.startsWith('\t'), JSON.stringify(line));
    assert.ok(!/[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(line), JSON.stringify(line));
  }
  assert.ok(r.text.includes('\n1.环境质量信息。按月发布'));
});

// ---------------------------------------------------------------------------------------------
// sniffHtmlCharset

const bytesOf = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0) & 0xff));

test('sniffHtmlCharset: BOM, meta charset, http-equiv, XML declaration, aliases', () => {
  assert.equal(sniffHtmlCharset(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c])), 'utf-8');
  assert.equal(sniffHtmlCharset(new Uint8Array([0xff, 0xfe, 0x3c, 0])), 'utf-16le');
  assert.equal(sniffHtmlCharset(new Uint8Array([0xfe, 0xff, 0, 0x3c])), 'utf-16be');
  assert.equal(sniffHtmlCharset(bytesOf('<html><head><meta charset="GB2312"></head>')), 'gb2312');
  assert.equal(sniffHtmlCharset(bytesOf("<meta charset='utf8'>")), 'utf-8');
  assert.equal(sniffHtmlCharset(bytesOf('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gbk">')), 'gbk');
  assert.equal(sniffHtmlCharset(bytesOf('<meta content="text/html;charset=x-gbk" http-equiv="content-type" />')), 'gbk');
  assert.equal(sniffHtmlCharset(bytesOf('<meta http-equiv="Content-Type" content="text/html; charset=GB_2312-80">')), 'gb2312');
  assert.equal(sniffHtmlCharset(bytesOf('<meta charset="GB18030">')), 'gb18030');
  assert.equal(sniffHtmlCharset(bytesOf('<meta charset="big5-hkscs">')), 'big5');
  assert.equal(sniffHtmlCharset(bytesOf('<?xml version="1.0" encoding="gb2312"?><html>')), 'gb2312');
  assert.equal(sniffHtmlCharset(bytesOf('<meta charset="utf-16">')), 'utf-8');
});

test('sniffHtmlCharset: nothing declared, or declared after the first 4 KiB', () => {
  assert.equal(sniffHtmlCharset(new Uint8Array()), undefined);
  assert.equal(sniffHtmlCharset(bytesOf('<html><head><meta name="viewport" content="width=device-width"></head>')), undefined);
  assert.equal(sniffHtmlCharset(bytesOf(`<html>${' '.repeat(5000)}<meta charset="gbk">`)), undefined);
  // Non-ASCII bytes before the declaration do not disturb the scan.
  assert.equal(sniffHtmlCharset(new Uint8Array([0xc4, 0xe3, ...bytesOf('<meta charset="gbk">')])), 'gbk');
});

// ---------------------------------------------------------------------------------------------
// Small pages

const textOf = (html: string): string => read(html).text;

test('blocks break lines, inline text joins, entities are decoded, white space collapses', () => {
  const t = textOf('<body><h2>一、总体情况</h2><p>全年<b>公开</b>信息&nbsp;&amp;&#x4E00;条<br/>第二行</p>  <div>A\n   B</div>text</body>');
  assert.equal(t, '一、总体情况\n全年公开信息 &一条\n第二行\nA B\ntext');
});

test('a source line break next to a Chinese character vanishes, one between words is a space', () => {
  assert.equal(textOf('<p>政府信息\n公开</p><p>open\ngovernment</p><p>2021年\n 12月，共\n3件</p><p>年 12月</p>'), '政府信息公开\nopen government\n2021年12月，共3件\n年 12月');
  assert.equal(textOf('<p>采用OA\n系统</p>'), '采用OA 系统');
});

test('ordered lists keep their numbers: start, type, value, reversed; unordered lists none', () => {
  assert.equal(textOf('<ol><li>甲</li><li>乙</li></ol>'), '1.甲\n2.乙');
  assert.equal(textOf('<ol start="3"><li><p>丙</p></li><li>丁</li></ol>'), '3.丙\n4.丁');
  assert.equal(textOf('<ol type="a"><li>x</li><li>y</li></ol><ol type="I" start="4"><li>z</li></ol>'), 'a.x\nb.y\nIV.z');
  assert.equal(textOf('<ol><li>a</li><li value="7">b</li><li>c</li></ol>'), '1.a\n7.b\n8.c');
  assert.equal(textOf('<ol reversed><li>a</li><li>b</li></ol>'), '2.a\n1.b');
  assert.equal(textOf('<ul><li>甲</li><li>乙<ol><li>内</li></ol></li></ul>'), '甲\n乙\n1.内');
  assert.equal(textOf('<ol><li></li><li>b</li></ol>'), '2.b', 'an empty item leaves no stray number');
});

test('a table: one row per line, tabs between cells, blank lines around, rowspan/colspan in the grid', () => {
  const t = textOf(
    '<p>前</p><table><tr><th rowspan="2">项目</th><th colspan="2">数量</th></tr><tr><th>甲</th><th>乙</th></tr>' +
      '<tr><td rowspan="2">行一</td><td>1</td><td>2</td></tr><tr><td colspan="2">3</td></tr><tr><td></td><td>&nbsp;</td><td></td></tr></table><p>后</p>',
  );
  assert.equal(t, '前\n\n项目\t数量\t数量\n项目\t甲\t乙\n行一\t1\t2\n\t3\t\n\n后');
});

test('table rows carry the table, the row, the <tr> offset and cell offsets', () => {
  const src = '<table><tr><td>a</td><td>b</td></tr></table><table><tr><td>c</td><td>1</td></tr><tr><td>d</td><td>2</td></tr></table>';
  const r = read(src);
  const rows = r.lines.filter((l) => l.cells);
  assert.deepEqual(rows.map((l) => [l.source.table, l.source.row, src.slice(l.source.offset ?? -1, (l.source.offset ?? 0) + 3)]), [
    [1, 1, '<tr'],
    [2, 1, '<tr'],
    [2, 2, '<tr'],
  ]);
  assert.deepEqual(rows[2].cells?.map((c) => r.text[c]), ['d', '2']);
  assertLinesConsistent(r, src);
});

test('inside a cell, paragraphs join with nothing between Chinese and with a space otherwise; no tab leaks in', () => {
  const t = textOf('<table><tr><td><p>5.要求行政机关确认或重新</p><p>出具已获取信息</p></td><td>0</td></tr><tr><td>Total<br>count</td><td>1\t2</td></tr></table>');
  assert.equal(t, '5.要求行政机关确认或重新出具已获取信息\t0\nTotal count\t1 2');
});

test('layout tables are read as blocks; the data table inside stays a table', () => {
  const t = textOf(
    '<table width="100%"><tr><td class="left"><p>一、总体情况</p><p>正文。</p>' +
      '<table><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td></tr></table></td></tr></table>',
  );
  assert.equal(t, '一、总体情况\n正文。\n\n规章\t0\n行政规范性文件\t2');
  assert.equal(textOf('<table><tr><td><p>只有一个格子</p><p>第二段</p></td></tr></table>'), '只有一个格子\n第二段');
});

test('the frame is dropped: nav, header, footer, aside, hidden elements, frame class names, form controls', () => {
  const t = textOf(
    '<html><head><title>标题</title><script>var x = 1;</script></head><body><header>站点</header><nav>菜单</nav>' +
      '<div id="mainNav">导航</div><div class="top-menu">栏目</div><div class="crumbs">位置</div><ul class="breadcrumb"><li>首页</li></ul>' +
      '<div style="display: none">隐藏</div><select><option>选项</option></select><button>按钮</button><aside>侧栏</aside>' +
      '<p>正文</p><noscript>脚本</noscript><div class="footer-links">链接</div><footer>页脚</footer></body></html>',
  );
  assert.equal(t, '正文');
});

test('the frame is also known by its words: a breadcrumb line, the ICP and 公网安备 numbers', () => {
  const t = textOf(
    '<body><div class="pos">当前位置：<a>首页</a> &gt; <a>年报</a></div><p>当前位置：本句是正文的一部分，因为它很长。' + '正文。'.repeat(50) + '</p>' +
      '<div class="bottom"><p>主办单位：某县人民政府</p><p>网站标识码：1234 <a>京ICP备12345678号</a></p></div><p>尾</p></body>',
  );
  assert.ok(!t.includes('首页') && !t.includes('主办单位') && !t.includes('ICP'), t);
  assert.ok(t.includes('当前位置：本句是正文') && t.endsWith('\n尾'));
});

test('frame class names are read conservatively: a content container or most of the page is never dropped', () => {
  const long = '本报告依据《中华人民共和国政府信息公开条例》编制。'.repeat(20);
  assert.equal(textOf(`<div class="content share"><p>${long}</p></div>`), long);
  assert.equal(textOf(`<div class="nav-wrap"><div class="article"><p>${long}</p></div></div>`), long);
  assert.equal(textOf(`<div class="menu"><p>${long}</p></div><p>尾</p>`), `${long}\n尾`);
  // Words are whole words of the name: `canvas-box`, `snavely` name no navigation.
  assert.equal(textOf('<div class="canvas-box">甲</div><div id="snavely">乙</div>'), '甲\n乙');
});

test('the content container is preferred when it holds most of the text, with the title before it', () => {
  const body = '<p>一、总体情况</p>' + '<p>本年度主动公开政府信息1200条。</p>'.repeat(10);
  const page = `<body><h1>某县2021年政府信息公开工作年度报告</h1><div class="info">发布日期：2022-01-05</div><div id="zoom">${body}</div><div class="print">打印本页</div></body>`;
  const t = textOf(page);
  assert.ok(t.startsWith('某县2021年政府信息公开工作年度报告\n\n一、总体情况\n'), t.slice(0, 60));
  assert.ok(!t.includes('发布日期') && !t.includes('打印本页'));
  // A table outside the container: the container is not used (nothing of the report is lost).
  const outside = `<body><div class="TRS_Editor">${body}</div><table><tr><td>规章</td><td>0</td></tr></table></body>`;
  assert.ok(textOf(outside).includes('规章\t0'));
});

test('without a title in the page body, the report title is taken from <title>', () => {
  const body = '<p>一、总体情况</p><p>本年度主动公开政府信息1200条。</p>';
  assert.equal(textOf(`<html><head><title>某县2021年政府信息公开工作年度报告_某县人民政府</title></head><body>${body}</body></html>`), '某县2021年政府信息公开工作年度报告\n\n一、总体情况\n本年度主动公开政府信息1200条。');
  assert.equal(textOf(`<html><head><title>某县人民政府 - 首页</title></head><body>${body}</body></html>`), '一、总体情况\n本年度主动公开政府信息1200条。');
  // A title already in the body is not repeated.
  assert.ok(!textOf(`<html><head><title>某县2021年政府信息公开工作年度报告</title></head><body><h1>某县2021年政府信息公开工作年度报告</h1>${body}</body></html>`).includes('报告\n\n某县'));
});

test('<pre> keeps its lines, tabs and aligned spaces', () => {
  assert.equal(textOf('<pre>\n规章\t0\t0\n行政许可    186\n</pre>'), '规章\t0\t0\n行政许可    186');
});

test('images are noted, never read', () => {
  const r = read('<p>正文</p><p><img src="table3.png"></p><table><tr><td><img src="a.png"></td><td>1</td></tr></table>');
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0].zh, /2 张图片/);
  assert.equal(read('<p>正文</p>').notes.length, 0);
});

test('never throws: empty, broken and hostile input', () => {
  const inputs = [
    '',
    '   ',
    'plain text, no tags',
    '<',
    '<table><tr><td rowspan="999999" colspan="-3">x',
    '<td>orphan cell</td><tr><li>orphan item',
    '<ol start="abc" type="z"><li>x</li></ol><ol start="-2"><li>y</li></ol>',
    '<p>' + '<div>'.repeat(3000) + '深</p>',
    '<table>' + '<tr><td>1</td></tr>'.repeat(2000) + '</table>',
    '<!-- unclosed comment <p>x</p>',
    '<script>document.write("</p>")',
  ];
  for (const s of inputs) {
    const r = readHtml(s);
    assert.ok(r.kind === 'text' || r.kind === 'refused');
    if (r.kind === 'text') assertLinesConsistent(r, s, true);
  }
  assert.equal(textOf('plain text, no tags'), 'plain text, no tags');
  // Past 400 levels elements are kept flat: the text is still read.
  assert.equal(textOf('<p>' + '<div>'.repeat(20000) + '深</p>'), '深');
});
