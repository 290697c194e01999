/** The cross-year rules and what pairs two reports: identity by body and year, carry-over, stock, copied text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, bodyKey, crossYearFindings, findPrevious, nextYearDraft, parseReport, PREVIOUS_TEXT_MARK, reportIdentity, repetition } from '../../shared/src/index';
import { requestsTable, SIX, yearReport } from '../support/yearPair';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEEDS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'seeds');
const seedNames = (): string[] => readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const readSeed = (name: string): string => readFileSync(join(SEEDS, name), 'utf8');

const BODY = '某市市场监督管理局';
const last = requestsTable({ carriedIn: SIX(1, 0, 0, 0, 0, 0), published: SIX(10, 2, 0, 0, 0, 1), unable: SIX(3, 0, 0, 0, 1, 0), carriedOut: SIX(4, 1, 0, 0, 0, 0) });
const LAST = yearReport(BODY, 2021, last);

test('identity: the body comes from the title, the line above it, or the file name; the key ignores spacing and width', () => {
  assert.deepEqual({ ...reportIdentity(parseReport(LAST).report), bodySpan: undefined }, { body: BODY, key: BODY, year: 2021, bodySpan: undefined });
  const above = parseReport(`山东省工业和信息化厅\n2018年度政府信息公开工作报告\n\n正文。`).report;
  assert.equal(reportIdentity(above).body, '山东省工业和信息化厅');
  const untitled = parseReport('本报告按照条例编制。统计期限自2018年1月1日起至2018年12月31日止。').report;
  assert.equal(reportIdentity(untitled).body, undefined);
  assert.equal(reportIdentity(untitled, '高青县质量技术监督局2018年政府信息公开年报.txt').body, '高青县质量技术监督局');
  assert.equal(bodyKey('某市 市场监督管理局（本级）'), bodyKey('某市市场监督管理局'));
  // pdftotext wraps a long title over two lines; the prose line under it is never a body's name.
  const wrapped = readFileSync(join(SEEDS, '..', 'extracted', 'gov2021-pipes.pdftotext.txt'), 'utf8');
  assert.equal(reportIdentity(parseReport(wrapped).report).body, '澜州市生态环境局');
  const prose = parseReport('本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和\n2023年度政府信息公开工作年度报告\n').report;
  assert.equal(reportIdentity(prose).body, undefined);
});

test('identity: every seed names its year, and the ones with a title their body', () => {
  for (const name of seedNames()) {
    const id = reportIdentity(parseReport(readSeed(name)).report);
    assert.ok(id.year && id.year >= 2017 && id.year <= 2018, `${name}: year ${id.year}`);
    if (parseReport(readSeed(name)).report.title) assert.ok(id.key && id.key.length >= 4, `${name}: body ${id.body}`);
  }
});

test('findPrevious pairs the same body with its latest earlier year, never another body or the same year', () => {
  const id = (key: string, year: number) => ({ key, year });
  const candidates = [
    { id: id('甲局', 2022), item: 'a2022' },
    { id: id('乙局', 2021), item: 'b2021' },
    { id: id('甲局', 2020), item: 'a2020' },
    { id: id('甲局', 2021), item: 'a2021' },
  ];
  assert.equal(findPrevious(id('甲局', 2022), candidates), 'a2021');
  assert.equal(findPrevious(id('甲局', 2024), candidates), 'a2022', 'a gap pairs with the latest earlier year');
  assert.equal(findPrevious(id('甲局', 2020), candidates), undefined);
  assert.equal(findPrevious(id('乙局', 2022), candidates), 'b2021');
  assert.equal(findPrevious(id('丙局', 2022), candidates), undefined);
  assert.equal(findPrevious({ year: 2022 }, candidates), undefined);
});

test('carryover-mismatch: each column whose carry-over differs from last year\'s 结转下年度 is an error pointing at last year\'s cell', () => {
  const now = yearReport(BODY, 2022, requestsTable({ carriedIn: SIX(4, 0, 0, 0, 0, 0), published: SIX(8, 1, 0, 0, 0, 0), unable: SIX(2, 0, 0, 0, 0, 0), carriedOut: SIX(2, 0, 0, 0, 0, 0) }));
  const previous = parseReport(LAST).report;
  assert.deepEqual(analyze(now).findings.map((f) => f.ruleId), [], 'a balanced table, and nothing to compare without last year');
  const hits = analyze(now, { previous }).findings.filter((f) => f.ruleId === 'carryover-mismatch');
  // 商业企业 carried 0 but last year carried 1 out; 总计 4 against 5.
  assert.deepEqual(hits.map((f) => [f.severity, f.data?.column, f.actual, f.expected]), [['error', 'biz', 0, 1], ['error', 'tot', 4, 5]]);
  for (const f of hits) {
    assert.equal(f.related?.length, 1);
    const r = f.related![0];
    assert.equal(r.inPrevious, true);
    assert.equal(LAST.slice(r.span.start, r.span.end), String(f.expected), 'the related span is last year\'s cell');
    assert.ok(LAST.slice(0, r.span.start).split('\n').pop()!.startsWith('| 四、结转下年度继续办理'), 'on last year\'s 结转下年度 row');
    assert.equal(now.slice(f.span.start, f.span.end), String(f.actual));
    assert.equal(f.fixes?.[0].safe, false, 'changing the carry-over alone breaks this year\'s balance: never safe');
  }
  const fine = yearReport(BODY, 2022, requestsTable({ carriedIn: SIX(4, 1, 0, 0, 0, 0), published: SIX(8, 1, 0, 0, 0, 0), unable: SIX(2, 0, 0, 0, 0, 0), carriedOut: SIX(2, 0, 0, 0, 0, 0) }));
  assert.deepEqual(analyze(fine, { previous }).findings.map((f) => f.ruleId), []);
});

test('carryover-mismatch: an old-format last year (no 结转下年度 row) is not compared', () => {
  const seed = seedNames().map(readSeed).find((t) => parseReport(t).report.template === 'gov2014')!;
  const now = yearReport(BODY, 2022, last);
  assert.deepEqual(analyze(now, { previous: parseReport(seed).report }).findings.filter((f) => f.ruleId === 'carryover-mismatch'), []);
});

test('repeated-text: the share of sentences copied with only the year advanced', () => {
  const prose = (y: number) => [
    `${y}年，我局坚持把政务公开作为建设法治政府的重要抓手，认真落实条例的各项规定。`,
    '我们进一步完善了信息发布、政策解读和回应关切的工作机制，确保信息公开及时准确。',
    '门户网站是我局信息公开的第一平台，各科室按照分工及时更新栏目内容。',
    '依申请公开严格按照法定程序和时限办理，答复内容规范，告知事项明确。',
    '保密审查坚持先审查后公开、一事一审、全面审查，全年未发生泄密事件。',
    '存在的问题主要是政策解读形式还不够丰富，公开的针对性还有待提高。',
    '下一步我们将加强业务培训，提升工作人员的业务能力和服务水平。',
    '我们将继续完善工作制度，推动政务公开工作再上新台阶。',
  ];
  const before = parseReport(yearReport(BODY, 2021, last, prose(2021))).report;
  const copied = parseReport(yearReport(BODY, 2022, last, prose(2022))).report;
  const rep = repetition(copied, before);
  assert.equal(rep.copied.length, rep.sentences, 'every sentence, the period sentence included, is last year\'s with the year advanced');
  const f = crossYearFindings(copied, before).filter((x) => x.ruleId === 'repeated-text');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message.zh, /100%/);
  const half = [...prose(2022).slice(0, 2), '今年我局新开设惠企政策专栏，集中发布涉企政策一百二十六件，并逐条配发解读。', '全年组织政策解读十八次，其中主要负责同志解读三次，解读材料与政策文件同步发布。', '依申请公开实行网上登记、全程留痕，平均办理时间缩短到九个工作日。', '基层公开事项标准目录更新不及时的问题，将在明年逐一核对解决。', '明年每季度通报一次各街道目录的更新情况，并纳入年度考核。'];
  const rewritten = parseReport(yearReport(BODY, 2022, last, half)).report;
  const share = repetition(rewritten, before).share;
  assert.ok(share > 0.2 && share <= 0.5, `about a third copied: ${share}`);
  assert.deepEqual(crossYearFindings(rewritten, before).filter((x) => x.ruleId === 'repeated-text'), []);
});

test('period-not-consecutive: the same year twice, or a gap', () => {
  const before = parseReport(LAST).report;
  const only = { rules: { 'carryover-mismatch': 'off' as const } };
  const same = crossYearFindings(parseReport(yearReport(BODY, 2021, last)).report, before, only);
  assert.deepEqual(same.map((f) => f.ruleId), ['period-not-consecutive']);
  const gap = crossYearFindings(parseReport(yearReport(BODY, 2023, last)).report, before, only);
  assert.deepEqual(gap.map((f) => [f.ruleId, f.expected, f.actual]), [['period-not-consecutive', 2022, 2023]]);
  assert.deepEqual(crossYearFindings(parseReport(yearReport(BODY, 2022, last)).report, before).filter((f) => f.ruleId === 'period-not-consecutive'), []);
});

test('crossYearFindings honours the settings and the report\'s own directives, and gives no other rule', () => {
  const now = yearReport(BODY, 2022, requestsTable({ carriedIn: SIX(4, 0, 0, 0, 0, 0), published: SIX(8, 1, 0, 0, 0, 0), unable: SIX(2, 0, 0, 0, 0, 0), carriedOut: SIX(2, 0, 0, 0, 0, 0) }));
  const before = parseReport(LAST).report;
  const report = parseReport(now).report;
  assert.deepEqual([...new Set(crossYearFindings(report, before).map((f) => f.ruleId))], ['carryover-mismatch']);
  assert.deepEqual(crossYearFindings(report, before, { rules: { 'carryover-mismatch': 'warning' } }).map((f) => f.severity), ['warning', 'warning']);
  assert.deepEqual(crossYearFindings(report, before, { rules: { 'carryover-mismatch': 'off' } }), []);
  const silenced = now.replace('| （本列数据', '<!-- xxgk-disable-next-line carryover-mismatch -->\n| （本列数据');
  assert.deepEqual(crossYearFindings(parseReport(silenced).report, before), []);
});

test('no seed raises a cross-year finding against another seed of its own body', () => {
  const seeds = seedNames().map((n) => ({ n, r: parseReport(readSeed(n)).report }));
  for (const a of seeds) {
    for (const b of seeds) {
      if (a === b || reportIdentity(a.r).key !== reportIdentity(b.r).key) continue;
      assert.deepEqual(crossYearFindings(a.r, b.r).filter((f) => f.ruleId !== 'period-not-consecutive'), [], `${a.n} against ${b.n}`);
    }
  }
});

test('repeated-text: a draft made from last year\'s report, its kept sentences still marked, is still a copy', () => {
  const seed = parseReport(readSeed(seedNames()[0])).report;
  const draft = nextYearDraft(seed, { year: (seed.year ?? 2017) + 1 }).markdown;
  assert.ok(draft.includes(PREVIOUS_TEXT_MARK));
  const rep = repetition(parseReport(draft).report, seed);
  // Dates the draft leaves alone (2017-12-27 in a 2018 draft) read as last year's, so not every sentence matches.
  assert.ok(rep.share > 0.8, `the marks and the 〔〕 around old figures do not hide the copy: ${rep.share}`);
  assert.deepEqual(crossYearFindings(parseReport(draft).report, seed).map((f) => f.ruleId), ['repeated-text']);
});

test('a draft made from each generated report carries its 结转下年度 into the next year\'s 上年结转, and checks clean against it', () => {
  for (const carriedOut of [SIX(4, 1, 0, 0, 0, 0), SIX(0, 0, 2, 0, 0, 3)]) {
    const lastText = yearReport(BODY, 2021, requestsTable({ carriedIn: SIX(1, 0, 0, 0, 0, 0), published: SIX(10, 2, 0, 0, 0, 1), unable: SIX(3, 0, 0, 0, 1, 0), carriedOut }));
    const lastReport = parseReport(lastText).report;
    const draft = parseReport(nextYearDraft(lastReport, { year: 2022 }).markdown).report;
    assert.equal(draft.year, 2022);
    const r2 = draft.tables.find((t) => t.kind === 'requests')?.rows.find((r) => r.indicator === 'R2');
    assert.deepEqual(r2?.cells.map((c) => c.value), [...carriedOut, carriedOut.reduce((a, b) => a + b, 0)]);
    assert.deepEqual(crossYearFindings(draft, lastReport).filter((f) => f.ruleId === 'carryover-mismatch'), []);
  }
});

test('carryover-mismatch: last year\'s table not read (pdftotext) is said as an info, never passed over in silence', () => {
  const lastText = readFileSync(join(SEEDS, '..', 'extracted', 'gov2021-pipes.pdftotext.txt'), 'utf8');
  const now = readFileSync(join(SEEDS, '..', 'synthetic', 'gov2021-pipes.md'), 'utf8').replaceAll('2022', '2023');
  const found = crossYearFindings(parseReport(now).report, parseReport(lastText).report).filter((f) => f.ruleId === 'carryover-mismatch');
  assert.deepEqual(found.map((f) => [f.severity, f.message.zh]), [['info', '2022年度报告的“结转下年度继续办理”未能读取：上年结转未与上年报告核对。']]);
  assert.match(now.slice(found[0].span.start, found[0].span.end), /上年结转政府信息公开申请数量/);
});
