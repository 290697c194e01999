/**
 * The PDF reader (server/src/import/pdf.ts) on PDFs Chromium printed from the synthetic reports and LibreOffice made
 * from their Word versions (test/fixtures/import/pdf, see ../fixtures/import/README.md): the checker finds in the extracted text exactly
 * what it finds in the Markdown original; tables (ruled or not) come out as tab rows with wrapped cells whole, split tables joined,
 * page furniture dropped; scanned, encrypted and broken files are refused, never read as clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, reportCoverage, type ImportResult } from '../../shared/src/index';
import { defaultCMapDir, layOutPages, readPdf, readPdfGeometry, untangleRuns, type PageGeometry, type TextRun } from '../../server/src/import/pdf';
import { ROOT } from '../support/walk';
import { asImported, syntheticOriginal } from '../support/imported';

const DIR = join(ROOT, 'test', 'fixtures', 'import', 'pdf');
const pdf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const markdown = syntheticOriginal;
const text = asImported;

function findings(t: string) {
  const { report, findings } = analyze(t, { reuse: false });
  return { list: findings.map((f) => `${f.ruleId} ${f.message.zh}`).sort(), verdict: reportCoverage(report).verdict };
}

const cache = new Map<string, Promise<ImportResult>>();
const read = (name: string) => {
  let r = cache.get(name);
  if (!r) cache.set(name, (r = readPdf(pdf(name))));
  return r;
};

/** Rendered fixture → its source in test/fixtures/synthetic. */
const RENDERED: Record<string, string> = {
  'gov2021-pipes': 'gov2021-pipes.md',
  'gov2019-pipes': 'gov2019-pipes.md',
  'broken-outcome-total-mismatch-2': 'broken-outcome-total-mismatch-2.md',
  'gov2021-html': 'gov2021-html.txt',
  // LibreOffice 7.4 from test/fixtures/import/docx (pandoc's tables: no borders), and one with full borders.
  'lo-gov2021-pipes': 'gov2021-pipes.md',
  'lo-gov2019-pipes': 'gov2019-pipes.md',
  'lo-broken-outcome-total-mismatch-2': 'broken-outcome-total-mismatch-2.md',
  'lo-broken-figure-table-mismatch-3': 'broken-figure-table-mismatch-3.md',
  'lo-gov2021-pipes-ruled': 'gov2021-pipes.md',
};
const LIBREOFFICE = Object.keys(RENDERED).filter((n) => n.startsWith('lo-'));

for (const [name, source] of Object.entries(RENDERED)) {
  test(`${name}.pdf: the same findings and verdict as the original ${source}`, async () => {
    const got = findings(text(await read(`${name}.pdf`)).text);
    const want = findings(markdown(source));
    assert.deepEqual(got.list, want.list);
    assert.equal(got.verdict, want.verdict);
    assert.equal(got.verdict, 'complete');
  });

  test(`${name}.pdf: the line map covers every non-blank line, table rows with their cells`, async () => {
    const r = text(await read(`${name}.pdf`));
    assert.equal(r.format, 'pdf');
    const starts: number[] = [];
    let at = 0;
    for (const line of r.text.split('\n')) {
      if (line.trim() !== '') starts.push(at);
      at += line.length + 1;
    }
    assert.deepEqual(r.lines.map((l) => l.start), starts);
    for (const l of r.lines) {
      const line = r.text.slice(l.start, l.end);
      assert.ok(!line.includes('\n'));
      assert.ok(l.source.page !== undefined && l.source.page >= 1);
      if (!line.includes('\t')) continue;
      assert.ok(l.source.table !== undefined && l.source.row !== undefined, line);
      const cells = line.split('\t');
      assert.deepEqual(l.cells?.map((c, i) => r.text.slice(c, c + cells[i].length)), cells);
    }
  });
}

/** The rows of a Markdown original's pipe tables as tab rows. */
const pipeRows = (source: string) =>
  markdown(source)
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-|]+\|$/.test(l))
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()).join('\t'));

for (const name of LIBREOFFICE) {
  test(`${name}.pdf: every table row is the original's pipe row, every paragraph one line`, async () => {
    const source = RENDERED[name];
    const r = text(await read(`${name}.pdf`));
    const lines = r.text.split('\n');
    // Rows cut by a page break are joined again, the header row LibreOffice repeats on each page is dropped.
    assert.deepEqual(lines.filter((l) => l.includes('\t')), pipeRows(source));
    const paragraphs = markdown(source)
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('|'))
      .map((l) => l.replace(/^#+ /, '').replace(/\*\*/g, '').replace(/^(\d+)\. /, '$1.'));
    assert.deepEqual(paragraphs.filter((p) => !lines.includes(p)), []);
  });
}

test('LibreOffice: pandoc tables have no rulings (columns from where the lines have text), the bordered one has', async () => {
  const verticals = async (name: string) => {
    const g = await readPdfGeometry(pdf(`${name}.pdf`));
    assert.ok(Array.isArray(g));
    return g.reduce((n, p) => n + p.vertical.length, 0);
  };
  for (const name of LIBREOFFICE.filter((n) => !n.endsWith('-ruled'))) assert.equal(await verticals(name), 0, name);
  assert.ok((await verticals('lo-gov2021-pipes-ruled')) > 50);
});

test('LibreOffice: quotation marks drawn over blanks of the Chinese text are read in place', async () => {
  const r = text(await read('lo-gov2021-pipes.pdf'));
  assert.match(r.text, /请与澜州市生态环境局办公室联系（电话：0771-5523817）。$/m);
  assert.match(r.text, /门户网站“政府信息公开”专栏下载/);
  assert.match(r.text, /对“依申请公开”“不予公开”属性逐件说明理由/);
});

test('a borderless table with a page unread: noted, and the verdict incomplete, never clean', async () => {
  // Page 6 of lo-broken-outcome-total-mismatch-2.pdf holds rows of 表三 (2.没有现成信息需要另行制作 …) between page
  // breaks; with its text gone (as on a scanned page) the table is short of rows. The reader notes the page and the
  // checker must not call the report complete. Rows it did not read are unknown parts, like blank cells: 总计 is
  // not compared with the sum of the rows it has, so no false outcome-total-mismatch.
  const g = await readPdfGeometry(pdf('lo-broken-outcome-total-mismatch-2.pdf'));
  assert.ok(Array.isArray(g));
  const page = g.findIndex((p) => p.runs.map((r) => r.str).join('').includes('2.没有'));
  assert.ok(page > 3 && page < g.length - 2, String(page));
  const r = text(layOutPages(g.map((p, i) => (i === page ? { ...p, runs: [] } : p))));
  assert.ok(r.notes.some((n) => n.zh.includes(`第${page + 1}页没有文字层`)));
  const got = findings(r.text);
  assert.equal(got.verdict, 'incomplete');
  assert.ok(got.list.some((f) => f.startsWith('table-unread 表三')));
  assert.deepEqual(got.list.filter((f) => !/^table-unread /.test(f)), []);
});

test('wrapped cells are whole cells; a table over three pages is one, its repeated header dropped', async () => {
  const r = text(await read('gov2021-pipes.pdf'));
  const rows = r.text.split('\n').filter((l) => l.includes('\t'));
  const cells = new Set(rows.flatMap((l) => l.split('\t')));
  const wrapped = ['自然人', '商业企业', '法人或其他组织', '社会公益组织', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '5.要求行政机关确认或重新出具已获取信息'];
  for (const c of wrapped) assert.ok(cells.has(c), c);
  assert.equal(rows.filter((l) => l.startsWith('（本列数据的勾稽关系为')).length, 1);
  // 3 header rows + 25 value rows, numbered on from page to page.
  const t3 = r.lines.filter((l) => l.source.table === 2);
  assert.equal(t3.length, 28);
  assert.deepEqual(t3.map((l) => l.source.row), t3.map((_, i) => i + 1));
  assert.ok(new Set(t3.map((l) => l.source.page)).size >= 2, 'the table spans pages');
  assert.ok(r.notes.some((n) => n.en.includes('continued over a page')));
  // Row as tab cells, empty label cells kept as indentation.
  assert.ok(rows.includes('\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0'));
});

test('merged cells: a row label spanning rows over a page break stays in its first row, headers repeat', async () => {
  const r = text(await read('gov2021-html.pdf'));
  const rows = r.text.split('\n').filter((l) => l.includes('\t'));
  assert.ok(rows.includes('三、本年度办理结果\t（一）予以公开\t\t48\t9\t0\t0\t3\t2\t62'));
  assert.ok(rows.includes('\t（五）不予处理\t1．信访举报投诉类申请\t6\t0\t0\t0\t0\t0\t6'));
  // The first row on the next page has no top border drawn: still a row of the table.
  assert.ok(rows.includes('\t\t4．无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0'));
  assert.ok(rows.some((l) => l.startsWith('行政复议\t行政复议\t行政复议\t行政复议\t行政复议\t行政诉讼\t')));
  // No empty column from the table's outer frame.
  assert.ok(rows.includes('规章\t0\t0\t0'));
});

test('wrapped paragraphs are joined into one line', async () => {
  const r = text(await read('gov2021-pipes.pdf'));
  const md = markdown('gov2021-pipes.md');
  const para = md.split('\n').find((l) => l.startsWith('本年度，我局本年新收'));
  assert.ok(para && r.text.split('\n').includes(para));
  // Every paragraph of the 2019 report, list markers and bold aside, comes out as one line (a line broke in
  // `0856-` / `7720314`).
  const lines = new Set(text(await read('gov2019-pipes.pdf')).text.split('\n'));
  const paragraphs = markdown('gov2019-pipes.md')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('|'))
    .map((l) => l.replace(/^#+ /, '').replace(/\*\*/g, ''));
  assert.deepEqual(paragraphs.filter((p) => !lines.has(p)), []);
});

test('page numbers and running headers are dropped', async () => {
  const dash = text(await read('gov2019-pipes.pdf'));
  assert.doesNotMatch(dash.text, /—\s*\d+\s*—/);
  const total = text(await read('broken-outcome-total-mismatch-2.pdf'));
  assert.doesNotMatch(total.text, /第\s*\d+\s*页/);
  assert.ok(!total.text.split('\n').includes('澜州市生态环境局政府信息公开工作年度报告'));
  assert.ok(total.notes.some((n) => n.en.includes('page numbers')));
});

test('Kangxi radicals in the text layer are read as the ideographs they stand for', async () => {
  const r = text(await read('radicals.pdf'));
  assert.doesNotMatch(r.text, /[\u2E80-\u2EF3\u2F00-\u2FD5]/u);
  assert.match(r.text, /^某县人民政府2022年政府信息公开工作年度报告$/m);
  assert.match(r.text, /政府网站主动公开政府信息120条，页面/);
  assert.match(r.text, /^行政许可\t15$/m);
});

const UNIGB = [
  '某县人民政府2022年政府信息公开工作年度报告',
  '',
  '本年度本年新收政府信息公开申请12件，上年结转2件，均已按期答复。',
  '',
  '信息内容\t本年处理决定数量',
  '行政许可\t150',
  '行政处罚\t30',
  '',
  '结果维持\t结果纠正\t总计',
  '1\t0\t1',
  '',
].join('\n');

test('a predefined CMap font (UniGB-UCS2-H), filled and stroked rulings', async () => {
  assert.equal(text(await readPdf(pdf('unigb.pdf'))).text, UNIGB);
});

test('the GB CMaps alone are enough; without CMaps the text is refused as undecodable, not as a scan', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'xxgk-cmaps-'));
  try {
    const gb = join(tmp, 'gb');
    const none = join(tmp, 'none');
    mkdirSync(gb);
    mkdirSync(none);
    for (const f of readdirSync(defaultCMapDir())) if (/GB/.test(f)) cpSync(join(defaultCMapDir(), f), join(gb, f));
    assert.equal(text(await readPdf(pdf('unigb.pdf'), { cMapDir: gb })).text, UNIGB);
    const r = await readPdf(pdf('unigb.pdf'), { cMapDir: none });
    assert.equal(r.kind, 'refused');
    assert.match(r.kind === 'refused' ? r.reason.zh : '', /无法解码/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a scanned PDF is refused: no text layer', async () => {
  assert.deepEqual(await readPdf(pdf('scanned.pdf')), {
    kind: 'refused',
    format: 'pdf',
    reason: { zh: '扫描件，无文字层，无法检查', en: 'scanned PDF without a text layer: cannot be checked' },
  });
});

test('an encrypted PDF is refused', async () => {
  const r = await readPdf(pdf('encrypted.pdf'));
  assert.equal(r.kind, 'refused');
  assert.equal(r.kind === 'refused' && r.reason.zh, 'PDF 已加密，无法检查');
});

test('broken input is refused, never thrown', async () => {
  const whole = pdf('gov2021-pipes.pdf');
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not a PDF at all'), whole.subarray(0, 3000)]) {
    const r = await readPdf(bytes);
    assert.equal(r.kind, 'refused');
    assert.match(r.kind === 'refused' ? r.reason.zh : '', /^(无法读取 PDF：|扫描件)/);
  }
  // The caller's bytes are untouched.
  assert.equal(whole.length, readFileSync(join(DIR, 'gov2021-pipes.pdf')).length);
});

// Layout on made-up geometry ----------------------------------------------------------------------------------

const run = (str: string, x: number, y: number, size = 12): TextRun => ({ str, x0: x, x1: x + size * Array.from(str).length, y, size });
const page = (runs: TextRun[], extra: Partial<PageGeometry> = {}): PageGeometry => ({ width: 595, height: 842, runs, horizontal: [], vertical: [], ...extra });

function laid(pages: PageGeometry[]): string {
  return text(layOutPages(pages)).text;
}

test('layout: page numbers in the margins go, the same number in the body stays', () => {
  const body = (n: string) => [run('一、总体情况', 72, 100), run(n, 72, 130)];
  assert.equal(laid([page([...body('12'), run('3', 290, 810)])]), '一、总体情况\n\n12\n');
  assert.equal(laid([page([...body('正文'), run('第 3 页 共 9 页', 250, 810)])]), '一、总体情况\n\n正文\n');
  assert.equal(laid([page([run('- 2 -', 280, 30), ...body('正文')])]), '一、总体情况\n\n正文\n');
});

test('layout: a line repeated at the top of most pages is a running header, also with a page number', () => {
  const pages = [1, 2, 3].map((n) => page([run('某局年度报告', 250, 30, 9), run(`第${n}部分正文`, 72, 100), run(`某局 ${n}`, 72, 800)]));
  assert.equal(laid(pages), '第1部分正文\n\n第2部分正文\n\n第3部分正文\n');
  // On one page of three it is text.
  const once = [page([run('某局年度报告', 250, 30, 9), run('正文', 72, 100)]), page([run('正文', 72, 100)]), page([run('正文', 72, 100)])];
  assert.match(laid(once), /^某局年度报告$/m);
});

test('layout: a gap of several characters splits a line into cells when there are no rulings', () => {
  const t = laid([page([run('行政许可', 72, 100), run('150', 200, 100)])]);
  assert.equal(t, '行政许可\t150\n');
});

test('layout: pages without text are noted; all pages without text is a refusal', () => {
  const r = text(layOutPages([page([run('正文', 72, 100)]), page([])]));
  assert.ok(r.notes.some((n) => n.zh.includes('第2页没有文字层')));
  assert.equal(layOutPages([page([]), page([])]).kind, 'refused');
});

test('layout: a run drawn over blanks of a longer run on its baseline goes in their place', () => {
  const host: TextRun = { str: '网站 政府信息公开 专栏', x0: 72, x1: 72 + 10 * 12 + 2 * 6, y: 100, size: 12 };
  const open: TextRun = { str: '“', x0: 96, x1: 102, y: 100, size: 12 };
  const close: TextRun = { str: '”', x0: 174, x1: 180, y: 100, size: 12 };
  const runs = untangleRuns([open, close, host]).sort((p, q) => p.x0 - q.x0);
  assert.deepEqual(runs.map((r) => r.str), ['网站', '“', '政府信息公开', '”', '专栏']);
  assert.equal(laid([page([open, close, host])]), '网站“政府信息公开”专栏\n');
  // Over characters that are not blanks: both stay (a second drawing, not a fallback font).
  assert.equal(untangleRuns([run('重复', 72, 100), { ...run('复', 84, 100) }]).length, 2);
});

test('layout: a table without rulings and gaps of one character: columns from where the lines have text', () => {
  // Two columns 99 pt apart, a label wrapped in its cell (line pitch 14, rows 17.6 apart), under a paragraph.
  const para = '本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自当年一月一日起至十二月三十一日止。';
  const t = laid([
    page([
      run(para, 72, 60),
      run('信息内容', 72, 100),
      run('本年制发件数', 171, 100),
      run('行政规范性', 72, 117.6),
      run('2', 171, 117.6),
      run('文件', 72, 131.6),
      run('规章', 72, 149.2),
      run('0', 171, 149.2),
    ]),
  ]);
  assert.equal(t, `${para}\n\n信息内容\t本年制发件数\n行政规范性文件\t2\n规章\t0\n`);
});
