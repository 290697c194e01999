import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  analyze, builtinTemplates, nextYearDraft, parseReport, PREVIOUS_TEXT_MARK, sentences, templateForYear, type Report, type Section,
} from '../../shared/src/index';
import { REPO_ROOT, seedFiles } from '../cli/helpers';

const SYNTHETIC = path.join(REPO_ROOT, 'test', 'fixtures', 'synthetic');
const read = (name: string): string => readFileSync(path.join(SYNTHETIC, name), 'utf8');
const parse = (text: string): Report => parseReport(text).report;

/** Level and number of every heading, in order: the draft keeps last year's structure. */
function numbering(sections: readonly Section[], out: string[] = []): string[] {
  for (const s of sections) {
    out.push(`${s.level}:${s.numberText}`);
    numbering(s.children, out);
  }
  return out;
}

function titles(sections: readonly Section[], out: string[] = []): string[] {
  for (const s of sections) {
    out.push(s.title);
    titles(s.children, out);
  }
  return out;
}

/** The findings of a fresh draft that are not the "still to fill" ones (blank cells). */
function unexpected(markdown: string, previous?: Report): string[] {
  return analyze(markdown, { reuse: false, ...(previous ? { previous } : {}) }).findings
    .filter((f) => f.ruleId !== 'cell-missing')
    .map((f) => `${f.ruleId}: ${f.message.zh}`);
}

/** The 2021-format fixtures in every layout the reader knows. */
const GOV2021 = ['gov2021-pipes.md', 'gov2021-tabs.txt', 'gov2021-html.txt', 'gov2021-cells.txt', 'gov2021-spaces.txt', 'gov2021-blanklines.txt'];

describe('nextYearDraft from a 2021-format report', () => {
  for (const name of GOV2021) {
    test(`${name}: next year's title, period and tables; R2 = last year's R4; checker finds only blanks`, () => {
      const last = parse(read(name));
      assert.ok(last.year !== undefined);
      const year = last.year + 1;
      const { markdown, summary } = nextYearDraft(last, { year });
      const draft = parse(markdown);

      // Years moved on: the title and the statistical period.
      assert.equal(draft.titleYear?.year, year);
      assert.equal(draft.period?.start.year, year);
      assert.equal(draft.period?.end.year, year);
      assert.equal(draft.year, year);
      assert.ok(markdown.startsWith(last.title!.text.replace(String(last.year), String(year))) || markdown.includes(last.title!.text.replace(String(last.year), String(year))));

      // The same outline: every heading kept, at its level, with its number.
      assert.deepEqual(numbering(draft.sections), numbering(last.sections));

      // The three 2021 tables, read by the checker, as pipe tables.
      assert.deepEqual(draft.tables.map((t) => `${t.kind}:${t.template}`), ['active:gov2021', 'requests:gov2021', 'review:gov2021']);
      assert.equal(draft.template, 'gov2021');

      // 二、上年结转 per column = last year's 四、结转下年度继续办理; every other value cell blank.
      const lastR4 = last.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.indicator === 'R4')!;
      const requests = draft.tables.find((t) => t.kind === 'requests')!;
      const r2 = requests.rows.find((r) => r.indicator === 'R2')!;
      for (const c of lastR4.cells) {
        assert.equal(r2.cells.find((x) => x.column === c.column)?.value, c.value, `R2 ${c.column}`);
      }
      assert.equal(summary.carryOver, 'filled');
      assert.equal(summary.carried.length, lastR4.cells.length);
      for (const t of draft.tables) {
        for (const r of t.rows) {
          if (r.indicator === 'R2') continue;
          assert.ok(r.cells.every((c) => c.state === 'missing'), `${t.kind} ${r.indicator} is blank`);
        }
      }

      // Last year's sentences marked: every prose sentence of the draft that is last year's carries the mark.
      assert.ok(summary.markedSentences > 5);
      assert.equal(markdown.replace(/<!--[\s\S]*?-->/g, '').split(PREVIOUS_TEXT_MARK).length - 1, summary.markedSentences);
      const lastKeys = new Set(sentences(last).map((s) => s.key));
      const unmarkedCopies = sentences(draft).filter((s) => lastKeys.has(s.key) && !markdown.slice(s.span.start, s.span.end).includes(PREVIOUS_TEXT_MARK));
      for (const s of unmarkedCopies) {
        // Only the title, headings (a mark never goes before a heading's number) and table lines stay unmarked.
        const title = draft.title!.span;
        const heading = numberingStarts(draft).some((at) => at >= s.span.start && at < s.span.end);
        const tableLine = markdown.slice(s.span.start, s.span.end).startsWith('|');
        assert.ok(heading || tableLine || (s.span.start < title.end && s.span.end > title.start), markdown.slice(s.span.start, s.span.end));
      }

      // No finding but the blanks to fill, with or without last year's report beside it.
      assert.deepEqual(unexpected(markdown), []);
      // Against last year's report the fresh draft is, rightly, a copy: repeated-text until the prose is rewritten;
      // nothing else (the carry-over was filled from last year, so carryover-mismatch is silent).
      assert.deepEqual(unexpected(markdown, last).map((f) => f.split(':')[0]), ['repeated-text']);
    });
  }

  test('last year\'s figures are put in 〔〕: no prose figure is read, so none is compared with the carried cells', () => {
    const last = parse(read('gov2021-pipes.md'));
    const { markdown, summary } = nextYearDraft(last, { year: 2023 });
    assert.ok(markdown.includes('上年结转政府信息公开申请〔3〕件'));
    assert.ok(markdown.includes('占办结总数的〔43.5〕%'));
    assert.ok(summary.markedFigures > 10);
    const draft = parse(markdown);
    assert.ok(draft.figures.every((f) => f.unit === '' || /工作日|日/.test(markdown.slice(f.span.end, f.span.end + 3))), JSON.stringify(draft.figures.map((f) => f.raw + f.unit)));
    // A time limit is no figure of last year's work: `7个工作日` stays as it is.
    assert.ok(markdown.includes('7个工作日内公开'));
  });

  test('years: the report year moves on, dates of past events and document titles stay', () => {
    const last = parse(read('gov2021-tabs.txt'));
    assert.equal(last.year, 2023);
    const { markdown } = nextYearDraft(last, { year: 2024 });
    // `2022年度报告` (last year's report, seen from 2023) is the 2023 report seen from 2024.
    assert.ok(read('gov2021-tabs.txt').includes('针对2022年度报告中指出的'));
    assert.ok(markdown.includes('针对2023年度报告中指出的'));
    // The report year in prose.
    assert.ok(markdown.includes('2024年，我局本年新收政府信息公开申请'));
    // The date the report was signed and the title of a work plan (a document) are not the report year's mention.
    assert.ok(markdown.includes('2024年1月22日'));
    assert.ok(markdown.includes('《青川市2023年政务公开工作要点》'));
    assert.ok(!markdown.includes('2023年1月1日'));
  });

  test('a year two ahead moves every mention by two; Chinese-numeral years keep their style', () => {
    const text = '二〇二二年政府信息公开工作年度报告\n\n本报告统计期限为2022年1月1日至2022年12月31日。\n\n一、总体情况\n\n2022年，本局较2021年进一步加强信息公开工作，自2020年起实行清单管理，2022年3月15日召开专题会议。\n';
    const { markdown, summary } = nextYearDraft(parse(text), { year: 2024 });
    assert.ok(markdown.startsWith('二〇二四年政府信息公开工作年度报告'));
    assert.ok(markdown.includes('2024年1月1日至2024年12月31日'));
    assert.ok(markdown.includes('2024年，本局较2023年进一步加强'));
    assert.ok(markdown.includes('自2020年起'));
    assert.ok(markdown.includes('2022年3月15日'));
    assert.equal(summary.yearsAdvanced, 5);
  });

  test('the draft of a draft: re-parsed, it yields the same tables and outline (idempotent structure)', () => {
    const last = parse(read('gov2021-pipes.md'));
    const first = nextYearDraft(last, { year: 2023 }).markdown;
    const second = nextYearDraft(parse(first), { year: 2024 }).markdown;
    const d = parse(second);
    assert.deepEqual(numbering(d.sections), numbering(last.sections));
    assert.deepEqual(d.tables.map((t) => t.kind), ['active', 'requests', 'review']);
    assert.equal(d.titleYear?.year, 2024);
  });
});

function numberingStarts(report: Report): number[] {
  const out: number[] = [];
  const walk = (ss: readonly Section[]) => {
    for (const s of ss) {
      out.push(s.numberSpan.start);
      walk(s.children);
    }
  };
  walk(report.sections);
  return out;
}

describe('nextYearDraft from older formats', () => {
  test('the new year\'s format comes from the templates\' years', () => {
    const all = builtinTemplates();
    for (const [y, id] of [[2017, 'gov2014'], [2019, 'gov2019'], [2020, 'gov2019'], [2021, 'gov2021'], [2030, 'gov2021']] as const) {
      assert.equal(templateForYear(y, all), id);
      const t = all.get(id)!;
      assert.ok(y >= t.years.from && (t.years.to === undefined || y <= t.years.to));
    }
  });

  for (const seed of seedFiles()) {
    test(`seed ${path.basename(seed)} (old 统计表) → a 2024 draft with the 2021 tables and an empty carry-over`, () => {
      const last = parse(readFileSync(seed, 'utf8'));
      assert.equal(last.template, 'gov2014');
      const { markdown, summary } = nextYearDraft(last, { year: 2024 });
      const draft = parse(markdown);
      assert.equal(summary.carryOver, 'old-format');
      assert.deepEqual(summary.carried, []);
      assert.ok(markdown.includes('<!-- 上年报告使用旧版统计表，没有结转下年度继续办理一栏'));
      assert.deepEqual(draft.tables.map((t) => `${t.kind}:${t.template}`), ['active:gov2021', 'requests:gov2021', 'review:gov2021']);
      for (const t of draft.tables) for (const r of t.rows) assert.ok(r.cells.every((c) => c.state === 'missing'));
      assert.ok(!markdown.includes('统计指标'), 'the old table is gone');
      assert.deepEqual(numbering(draft.sections), numbering(last.sections));
      if (last.titleYear) assert.equal(draft.titleYear?.year, 2024);
      // Old reports lack the new format's parts (a true finding: the structure to add); nothing else but blanks,
      // and what last year's text already had wrong in its own structure (seed 004 declares 7 parts and has 8).
      const lastStructure = analyze(readFileSync(seed, 'utf8'), { reuse: false }).findings.filter((f) => f.ruleId === 'declared-part-count').length;
      const rest = unexpected(markdown).filter((f) => !f.startsWith('required-section-missing'));
      assert.equal(rest.length, lastStructure, rest.join('\n'));
      assert.ok(rest.every((f) => f.startsWith('declared-part-count')));
    });
  }

  test('a 2019-format report (2020) → a 2021 draft: the 2021 tables, the carry-over from its row 四', () => {
    const last = parse(read('gov2019-pipes.md'));
    assert.equal(last.template, 'gov2019');
    const { markdown, summary } = nextYearDraft(last, { year: last.year! + 1 });
    const draft = parse(markdown);
    assert.equal(summary.template, 'gov2021');
    assert.deepEqual(draft.tables.map((t) => `${t.kind}:${t.template}`), ['active:gov2021', 'requests:gov2021', 'review:gov2021']);
    const r4 = last.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.indicator === 'R4')!;
    const r2 = draft.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.indicator === 'R2')!;
    assert.deepEqual(r2.cells.map((c) => c.value), r4.cells.map((c) => c.value));
    assert.deepEqual(titles(draft.sections).length, titles(last.sections).length);
    assert.deepEqual(unexpected(markdown), []);
  });

  test('never throws: empty text, a text with no year, a year before last year\'s', () => {
    for (const text of ['', '随便写的几句话。', '某局政府信息公开工作年度报告\n\n一、总体情况\n\n本年度无申请。\n']) {
      const { markdown } = nextYearDraft(parse(text), { year: 2024 });
      assert.equal(typeof markdown, 'string');
      assert.ok(markdown.endsWith('\n'));
    }
  });
});
