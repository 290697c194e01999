/**
 * The trust boundary: whatever a workspace (or a client) sends as settings, and whatever is given
 * as a template file, is validated by zod and can neither throw nor pollute prototypes; the
 * extension's package.json declares how it behaves in an untrusted workspace. See
 * docs/robustness.md, "Trust model".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadTemplates, builtinTemplates } from '../../shared/src/index';
import { parseSettings, SettingsSchema, toCheckOptions } from '../../server/src/settings';
import { ROOT } from '../support/walk';

const SEED = Number(process.env.FC_SEED ?? 20_240_917);

const hostileKeys = fc.constantFrom(
  '__proto__', 'constructor', 'prototype', 'xxgk-report', 'xxgk-report.__proto__', 'xxgk-report.__proto__.polluted',
  'xxgk-report.constructor.prototype.polluted', 'xxgk-report.rules', 'xxgk-report.rules.__proto__', 'xxgk-report.template',
  'xxgk-report.debounceMs', 'xxgk-report.narrative.enabled', 'template', 'rules', 'locale', 'debounceMs', 'narrative',
);

function pollutionFree(): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, 'Object.prototype was polluted');
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
}

test('parseSettings: any JSON value, any keys — never throws, always valid settings, no prototype pollution', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.dictionary(fc.oneof(hostileKeys, fc.string()), tie('v'), { maxKeys: 6 }), fc.constant(undefined), fc.constant(Number.NaN)),
  })).v;
  fc.assert(fc.property(value, (raw) => {
    const { settings, problems } = parseSettings(raw, 'en');
    assert.ok(SettingsSchema.safeParse(settings).success, JSON.stringify(settings));
    assert.ok(Array.isArray(problems));
    const options = toCheckOptions(settings);
    for (const v of Object.values(options.rules ?? {})) assert.ok(['error', 'warning', 'info', 'hint', 'off'].includes(v));
    pollutionFree();
  }), { seed: SEED, numRuns: 500 });
});

test('parseSettings: crafted prototype keys are inert', () => {
  const crafted = [
    JSON.parse('{"__proto__": {"polluted": true, "template": "gov2014"}}'),
    JSON.parse('{"xxgk-report": {"__proto__": {"polluted": true}}}'),
    { 'xxgk-report.__proto__.polluted': true, 'xxgk-report.constructor.prototype.polluted': true },
    { 'xxgk-report.__proto__': { template: 'bogus', polluted: true } },
    JSON.parse('{"xxgk-report": {"rules": {"__proto__": {"sum-mismatch": "off"}, "constructor": "off"}}}'),
  ];
  for (const raw of crafted) {
    const { settings } = parseSettings(raw, 'en');
    assert.ok(SettingsSchema.safeParse(settings).success);
    assert.ok(['auto', 'gov2014', 'gov2019', 'gov2021'].includes(settings.template));
    assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    pollutionFree();
  }
});

test('loadTemplates: any value never throws; only valid templates are returned', () => {
  const builtins = [...builtinTemplates().values()];
  // Mutated copies of the real templates as well as arbitrary JSON.
  const mutated = fc.record({ i: fc.nat({ max: builtins.length - 1 }), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: fc.jsonValue() }).map(({ i, path, value }) => {
    const copy = JSON.parse(JSON.stringify(builtins[i])) as Record<string, unknown>;
    let node: unknown = copy;
    for (let k = 0; k < path.length - 1; k++) {
      if (typeof node !== 'object' || node === null) break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      node = (node as Record<string, unknown>)[keys[path[k] % keys.length]];
    }
    if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      if (keys.length > 0) (node as Record<string, unknown>)[keys[path[path.length - 1] % keys.length]] = value;
    }
    return copy;
  });
  fc.assert(fc.property(fc.oneof(fc.jsonValue(), mutated, fc.array(mutated, { maxLength: 3 })), (input) => {
    const { templates, problems } = loadTemplates(input);
    assert.ok(templates instanceof Map);
    assert.ok(Array.isArray(problems));
    if (templates.size === 0) assert.ok(problems.length > 0, 'nothing loaded and nothing said why');
    pollutionFree();
  }), { seed: SEED + 1, numRuns: 300 });
});

test('package.json declares the extension\'s behaviour in untrusted workspaces', () => {
  // Without `capabilities.untrustedWorkspaces` VS Code disables the extension in Restricted Mode.
  // Suggested: { "supported": "limited", "restrictedConfigurations": [the rule/template/narrative/
  // checkPlainText settings] }, so a workspace's .vscode/settings.json cannot silence the checks
  // unless the workspace is trusted, while checking itself (read-only, nothing executed) still works.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } } };
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  assert.ok(untrusted, 'capabilities.untrustedWorkspaces is missing');
  if (untrusted.supported === 'limited') {
    for (const key of ['xxgk-report.rules', 'xxgk-report.template', 'xxgk-report.narrative.enabled']) {
      assert.ok(untrusted.restrictedConfigurations?.includes(key), `${key} should be restricted`);
    }
  }
});
