/**
 * The rule documentation pages (docs/rules/<id>.md) are tested against the registry and the checker:
 * every registered rule has a page, every page belongs to a registered rule, and each page's first
 * ```report block (the failing example) produces a finding of the rule while its second (the fixed
 * example) produces none. The switch-off instructions on the pages are exercised too, and the
 * generated index (docs/rules/README.md) must be up to date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyze as analyzeWith, parseReport, rules, type AnalyzeOptions } from '../../shared/src/index';

const ROOT = join(__dirname, '..', '..', '..');
const DOCS = join(ROOT, 'docs', 'rules');

/** `checker-error` reports the checker's own failures: its page explains it and has no examples. */
const NO_EXAMPLES = new Set(['checker-error']);

function page(id: string): string {
  return readFileSync(join(DOCS, `${id}.md`), 'utf8').replace(/\r\n?/g, '\n');
}

/** The contents of the fenced code blocks whose info string is `kind` (`report` by default), in order. */
function reportBlocks(md: string, kind = 'report'): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  let info = '';
  let body: string[] = [];
  for (const line of md.split('\n')) {
    if (fence === undefined) {
      const m = /^(`{3,}|~{3,})[ \t]*([^`\s]*)/.exec(line);
      if (m) {
        fence = m[1];
        info = m[2];
        body = [];
      }
    } else if (line.trimEnd().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
      if (info === kind) out.push(body.join('\n'));
      fence = undefined;
    } else {
      body.push(line);
    }
  }
  assert.equal(fence, undefined, 'a code fence is never closed');
  return out;
}

/**
 * `text` with a `<!-- xxgk-disable-next-line <id> -->` line before the line of each offset; for an offset inside
 * a table, before the table's first line (a directive between table rows has no effect; before the table it
 * covers the whole table).
 */
function withDirectives(text: string, id: string, offsets: readonly number[]): string {
  const lines = text.split('\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const tables = analyzeWith(text).report.tables;
  const place = (offset: number) => lineOf(tables.find((t) => offset >= t.span.start && offset <= t.span.end)?.span.start ?? offset);
  const targets = [...new Set(offsets.map(place))].sort((a, b) => b - a);
  for (const l of targets) lines.splice(l, 0, `<!-- xxgk-disable-next-line ${id} -->`);
  return lines.join('\n');
}

function describe(text: string, findings: ReturnType<typeof analyzeWith>['findings']): string {
  return findings.map((f) => `${f.ruleId} "${text.slice(f.span.start, f.span.end)}": ${f.message.zh}`).join('\n') || '(none)';
}

for (const rule of rules) {
  test(`rule doc ${rule.id}: page and metadata`, () => {
    const file = join(DOCS, `${rule.id}.md`);
    assert.ok(existsSync(file), `docs/rules/${rule.id}.md is missing`);
    const md = page(rule.id);
    const lines = md.split('\n');
    assert.equal(lines[0], `# ${rule.id}`, 'the page starts with "# <rule-id>"');
    assert.equal(lines.slice(1).find((l) => l.trim() !== ''), rule.title.zh, 'the Chinese title follows the heading');
    assert.ok(md.includes(`默认级别：\`${rule.defaultSeverity}\``), `the page gives the default severity ${rule.defaultSeverity}`);
    assert.equal(/快速修复：无/.test(md), !rule.fixable, rule.fixable ? 'a fixable rule is documented with its fix' : 'the page says there is no quick fix');
    assert.ok(/^## English$/m.test(md), 'the page has an English section');
    assert.ok(md.includes(rule.title.en), 'the English section names the rule by its English title');
    assert.ok(md.includes(`"xxgk-report.rules": { "${rule.id}": "off" }`), 'the setting that switches the rule off');
    assert.ok(md.includes(`--rule ${rule.id}=off`), 'the command-line switch');
    assert.ok(md.includes(`<!-- xxgk-disable-next-line ${rule.id} -->`), 'the comment directive');
    assert.ok(!/\t/.test(md), 'no hard tabs');
    for (const m of md.matchAll(/\]\(([^)#:\s]+\.md)\)/g)) {
      assert.ok(existsSync(join(DOCS, m[1])), `link to ${m[1]} points to an existing page`);
    }
  });

  if (NO_EXAMPLES.has(rule.id)) {
    test(`rule doc ${rule.id}: no report examples`, () => {
      assert.deepEqual(reportBlocks(page(rule.id)), [], 'a page without examples has no report blocks');
    });
    continue;
  }

  test(`rule doc ${rule.id}: the failing example is reported, the fixed one is not`, () => {
    const blocks = reportBlocks(page(rule.id));
    assert.ok(blocks.length >= 2, 'the page has a failing and a fixed ```report example');
    const [failing, fixed] = blocks;
    // A cross-year rule's page gives last year's report first, in a ```report-previous block.
    const previous = reportBlocks(page(rule.id), 'report-previous');
    assert.equal(previous.length, rule.category === 'crossyear' ? 1 : 0, 'a cross-year page (and only one) gives last year\'s report');
    const base: AnalyzeOptions = previous.length ? { previous: parseReport(previous[0]).report } : {};
    const analyze = (text: string, options: AnalyzeOptions = {}) => analyzeWith(text, { ...base, ...options });

    const bad = analyze(failing).findings;
    const hits = bad.filter((f) => f.ruleId === rule.id);
    assert.ok(hits.length > 0, `the failing example produces no ${rule.id} finding; it produces:\n${describe(failing, bad)}`);

    const good = analyze(fixed).findings;
    const left = good.filter((f) => f.ruleId === rule.id);
    assert.deepEqual(left.map((f) => fixed.slice(f.span.start, f.span.end)), [], `the fixed example still produces ${rule.id}:\n${describe(fixed, left)}`);

    // The ways of switching the rule off that the page documents.
    const off = analyze(failing, { rules: { [rule.id]: 'off' } }).findings.filter((f) => f.ruleId === rule.id);
    assert.deepEqual(off, [], 'the setting "off" silences the rule');
    const directed = withDirectives(failing, rule.id, hits.map((f) => f.span.start));
    const still = analyze(directed).findings.filter((f) => f.ruleId === rule.id);
    assert.deepEqual(still.map((f) => directed.slice(f.span.start, f.span.end)), [], 'xxgk-disable-next-line silences each finding');
  });
}

test('rule docs: no page for an unregistered rule', () => {
  const ids = new Set(rules.map((r) => r.id));
  const orphans = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => f.slice(0, -'.md'.length))
    .filter((id) => !ids.has(id));
  assert.deepEqual(orphans, [], 'every page in docs/rules/ belongs to a registered rule');
});

test('rule docs: the index docs/rules/README.md is up to date', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-rule-docs.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`.trim() || 'gen-rule-docs.mjs --check failed');
});
