/**
 * The rule registry, package.json (settings, commands, language), the NLS strings, the rule doc
 * pages and the server's settings schema must agree. `npm run gen:package` fixes most drift.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { rules } from '../../shared/src/index';
import { COMMANDS } from '../../server/src/handlers/commands';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../server/src/settings';

const ROOT = join(__dirname, '..', '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  activationEvents?: string[];
  main?: string;
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; firstLine?: string; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { type?: string; enum?: string[]; default?: unknown; properties?: Record<string, { enum?: string[]; default?: unknown; markdownDescription?: string }>; markdownDescription?: string }> };
  };
};
const nlsEn = JSON.parse(read('package.nls.json')) as Record<string, string>;
const nlsZh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
const ids = rules.map((r) => r.id);
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

describe('rule ids', () => {
  test('are unique lowercase kebab-case ASCII', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, id);
  });
});

describe('package.json settings ↔ registry', () => {
  const rulesSetting = pkg.contributes.configuration.properties['xxgk-report.rules'];

  test('xxgk-report.rules lists exactly the registered rules, in order, with their default severity', () => {
    const properties = rulesSetting?.properties;
    assert.ok(properties, 'xxgk-report.rules has properties');
    assert.deepEqual(Object.keys(properties), ids);
    for (const rule of rules) {
      const prop: { enum?: string[]; default?: unknown; markdownDescription?: string } | undefined = properties[rule.id];
      assert.ok(prop, rule.id);
      assert.deepEqual(prop.enum, SEVERITIES, rule.id);
      assert.equal(prop.default, rule.defaultSeverity, rule.id);
      assert.equal(prop.markdownDescription, `%config.rule.${rule.id}%`, rule.id);
    }
    assert.deepEqual(rulesSetting?.default, Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity])));
  });

  test('the server settings schema and package.json agree on keys, enums and defaults', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['xxgk-report.template']?.enum, SettingsSchema.shape.template.unwrap().options);
    assert.equal(props['xxgk-report.template']?.default, DEFAULT_SETTINGS.template);
    assert.deepEqual(props['xxgk-report.locale']?.enum, SettingsSchema.shape.locale.unwrap().options);
    assert.equal(props['xxgk-report.locale']?.default, DEFAULT_SETTINGS.locale);
    assert.equal(props['xxgk-report.narrative.enabled']?.default, DEFAULT_SETTINGS.narrative.enabled);
    assert.equal(props['xxgk-report.debounceMs']?.default, DEFAULT_SETTINGS.debounceMs);
    assert.equal(props['xxgk-report.maxProblems']?.default, DEFAULT_SETTINGS.maxProblems);
    assert.equal(props['xxgk-report.infoAsHint']?.default, DEFAULT_SETTINGS.infoAsHint);
    const serverKeys = Object.keys(SettingsSchema.shape).map((k) => (k === 'narrative' ? 'xxgk-report.narrative.enabled' : `xxgk-report.${k}`));
    const clientOnly = ['xxgk-report.checkPlainText', 'xxgk-report.trace.server'];
    assert.deepEqual(Object.keys(props).sort(), [...serverKeys, ...clientOnly].sort());
  });

  test('the generated parts are up to date (npm run gen:package)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-package.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});

describe('NLS strings', () => {
  test('every %key% in package.json exists in English and Chinese, and nothing else', () => {
    const used = new Set([...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(Object.keys(nlsEn).sort(), [...used].sort(), 'package.nls.json keys = keys used');
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nlsEn).sort(), 'package.nls.zh-cn.json has the same keys');
    for (const [k, v] of Object.entries(nlsZh)) assert.ok(v.trim().length > 0, k);
    for (const id of ids) {
      assert.ok(nlsZh[`config.rule.${id}`]?.includes(rules.find((r) => r.id === id)?.title.zh ?? '?'), id);
      assert.ok(nlsEn[`config.rule.${id}`]?.includes(rules.find((r) => r.id === id)?.title.en ?? '?'), id);
    }
  });
});

describe('rule documentation pages', () => {
  const dir = join(ROOT, 'docs', 'rules');
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').map((f) => f.slice(0, -3)) : [];

  test('every registered rule has docs/rules/<id>.md', () => {
    const missing = ids.filter((id) => !pages.includes(id));
    assert.deepEqual(missing, [], `missing pages: ${missing.join(', ')}`);
  });

  test('every page belongs to a registered rule', () => {
    const orphans = pages.filter((p) => !ids.includes(p));
    assert.deepEqual(orphans, [], `pages without a rule: ${orphans.join(', ')}`);
  });

  test('each page names its rule id', () => {
    for (const id of ids.filter((i) => pages.includes(i))) assert.ok(readFileSync(join(dir, `${id}.md`), 'utf8').includes(id), id);
  });
});

describe('commands, language and grammar', () => {
  test('the palette lists the server commands and the client-only ones', () => {
    const listed = pkg.contributes.commands.map((c) => c.command).sort();
    const clientOnly = ['xxgk-report.checkWorkspace', 'xxgk-report.openConverted', 'xxgk-report.saveDraft', 'xxgk-report.showTableView', 'xxgk-report.compareWithPrevious', 'xxgk-report.draftFromPrevious'];
    assert.deepEqual(listed, [...COMMANDS, ...clientOnly].sort());
    for (const c of pkg.contributes.commands) assert.match(c.title, /^%command\.\w+%$/);
    // The client registers each command only it has.
    const client = ['extension.ts', 'converted.ts', 'tableView.ts', 'nextDraft.ts'].map((f) => readFileSync(join(ROOT, 'client', 'src', f), 'utf8')).join('\n');
    for (const id of clientOnly) assert.ok(client.includes(`registerCommand(\`\${LANGUAGE}.${id.replace('xxgk-report.', '')}\``), id);
  });

  test('full-width punctuation is not boxed as ambiguous in a report (every Chinese comma would be)', () => {
    const defaults = (pkg.contributes as { configurationDefaults?: Record<string, Record<string, unknown>> }).configurationDefaults?.['[xxgk-report]'];
    assert.equal(defaults?.['editor.unicodeHighlight.ambiguousCharacters'], false);
  });

  test('the language, its activation, grammar and configuration files', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:xxgk-report']);
    assert.equal(pkg.main, './dist/client.js');
    const lang = pkg.contributes.languages.find((l) => l.id === 'xxgk-report');
    assert.ok(lang);
    assert.deepEqual(lang.filenamePatterns, ['*年度报告*.txt', '*年度报告*.md', '*年报*.txt', '*年报*.md', '*.xxgk.md']);
    const firstLine = new RegExp(lang.firstLine ?? '(?!)');
    assert.ok(firstLine.test('湖南省质量技术监督局2017年度政府信息公开年度报告'));
    assert.ok(firstLine.test('某某区人民政府2021年政府信息公开工作年度报告'));
    assert.ok(firstLine.test('2017 年政府信息公开工作年度报告'));
    assert.ok(!firstLine.test('关于做好政务公开工作的通知'));
    assert.ok(existsSync(join(ROOT, lang.configuration ?? 'missing')));
    const grammar = pkg.contributes.grammars.find((g) => g.language === 'xxgk-report');
    assert.ok(grammar);
    assert.equal(grammar.scopeName, 'text.xxgk-report');
    const json = JSON.parse(read(grammar.path)) as { scopeName: string };
    assert.equal(json.scopeName, grammar.scopeName);
  });
});
