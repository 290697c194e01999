import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings, resolveLocale, toCheckOptions } from '../../server/src/settings';
import { msg, MSG } from '../../server/src/messages';

describe('settings', () => {
  test('a rule set to its own default (as VS Code fills in every rule) is no override', () => {
    const { settings, problems } = parseSettings({ rules: { 'table-unread': 'warning', 'sum-mismatch': 'off', 'cell-missing': 'info', 'title-row-value': 'warning' } });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.rules, { 'sum-mismatch': 'off', 'title-row-value': 'warning' });
  });

  test('defaults', () => {
    assert.deepEqual(DEFAULT_SETTINGS, { template: 'auto', rules: {}, narrative: { enabled: true }, debounceMs: 300, maxProblems: 100, infoAsHint: true, locale: 'zh-cn', files: [] });
    for (const raw of [undefined, null, 42, 'x', [], {}]) assert.deepEqual(parseSettings(raw), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  test('valid values are taken, nested or dotted', () => {
    const nested = parseSettings({ template: 'gov2019', rules: { 'sum-mismatch': 'off' }, narrative: { enabled: false }, debounceMs: 0, locale: 'en', files: ['报告/**', '!报告/旧/**'] });
    assert.deepEqual(nested.problems, []);
    assert.deepEqual(nested.settings, { template: 'gov2019', rules: { 'sum-mismatch': 'off' }, narrative: { enabled: false }, debounceMs: 0, maxProblems: 100, infoAsHint: true, locale: 'en', files: ['报告/**', '!报告/旧/**'] });
    const dotted = parseSettings({ 'xxgk-report.template': 'gov2014', 'xxgk-report.narrative.enabled': false, 'xxgk-report.rules': { 'cell-missing': 'hint' } });
    assert.deepEqual(dotted.problems, []);
    assert.equal(dotted.settings.template, 'gov2014');
    assert.equal(dotted.settings.narrative.enabled, false);
    assert.deepEqual(dotted.settings.rules, { 'cell-missing': 'hint' });
    assert.equal(parseSettings({ 'xxgk-report': { debounceMs: 50 } }).settings.debounceMs, 50);
  });

  test('each bad value falls back to its own default and is reported', () => {
    const { settings, problems } = parseSettings({
      template: 'gov1999', debounceMs: -5, locale: 'fr', files: '报告/**', narrative: { enabled: 'yes' }, rules: { 'sum-mismatch': 'loud', 'cell-missing': 'hint', 'no-such-rule': 'error' },
    });
    assert.deepEqual(settings, { template: 'auto', rules: { 'cell-missing': 'hint' }, narrative: { enabled: true }, debounceMs: 300, maxProblems: 100, infoAsHint: true, locale: 'zh-cn', files: [] });
    assert.equal(problems.length, 7);
    assert.ok(problems.some((p) => p.startsWith('xxgk-report.files = "报告/**"')));
    assert.ok(problems.some((p) => p.startsWith('xxgk-report.template = "gov1999"')));
    assert.ok(problems.some((p) => p.startsWith('xxgk-report.rules.sum-mismatch = "loud"')));
    assert.ok(problems.some((p) => p.includes('no-such-rule')));
    assert.deepEqual(parseSettings({ rules: 'all' }).problems, ['xxgk-report.rules = "all"']);
  });

  test('check options and locale', () => {
    assert.deepEqual(toCheckOptions(DEFAULT_SETTINGS), { rules: {}, narrative: true });
    assert.deepEqual(toCheckOptions({ ...DEFAULT_SETTINGS, template: 'gov2021' }), { template: 'gov2021', rules: {}, narrative: true });
    // Chinese first: the default is Chinese whatever the editor's language; `auto` follows the editor.
    assert.equal(resolveLocale(DEFAULT_SETTINGS, 'en-GB'), 'zh');
    assert.equal(resolveLocale({ ...DEFAULT_SETTINGS, locale: 'auto' }, 'en-GB'), 'en');
    assert.equal(resolveLocale({ ...DEFAULT_SETTINGS, locale: 'auto' }, 'zh-cn'), 'zh');
    assert.equal(resolveLocale({ ...DEFAULT_SETTINGS, locale: 'auto' }, undefined), 'zh');
    assert.equal(resolveLocale({ ...DEFAULT_SETTINGS, locale: 'zh-cn' }, 'en'), 'zh');
    assert.equal(resolveLocale({ ...DEFAULT_SETTINGS, locale: 'en' }, 'zh-cn'), 'en');
  });

  test('messages fill their placeholders', () => {
    assert.equal(msg(MSG.viewRuleDoc, 'zh', { id: 'sum-mismatch' }), '查看规则说明：sum-mismatch');
    assert.equal(msg(MSG.viewRuleDoc, 'en', { id: 'sum-mismatch' }), 'View rule documentation: sum-mismatch');
    assert.equal(msg(MSG.fixAllDone, 'zh'), '已应用 {count} 处修复。');
  });
});
