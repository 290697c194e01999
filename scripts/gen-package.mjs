// Regenerates the parts of package.json and package.nls*.json that come from the rule registry:
// `contributes.configuration.properties["xxgk-report.rules"]` (one property per rule, default =
// the rule's default severity) and the `config.rule.<id>` description strings.
// Everything else in those files is left as it is. `--check` only reports whether they are stale.
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const check = process.argv.includes('--check');

async function loadRules() {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-gen-'));
  const outfile = join(dir, 'core.cjs');
  try {
    await esbuild.build({ entryPoints: ['shared/src/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
    return createRequire(import.meta.url)(outfile).rules;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function rulesProperty(rules) {
  const properties = {};
  const defaults = {};
  for (const rule of rules) {
    properties[rule.id] = {
      type: 'string',
      enum: SEVERITIES,
      default: rule.defaultSeverity,
      markdownDescription: `%config.rule.${rule.id}%`,
    };
    defaults[rule.id] = rule.defaultSeverity;
  }
  return { type: 'object', markdownDescription: '%config.rules%', properties, additionalProperties: false, default: defaults };
}

function withRuleStrings(nls, rules, lang) {
  const out = {};
  for (const [k, v] of Object.entries(nls)) if (!k.startsWith('config.rule.')) out[k] = v;
  for (const rule of rules) {
    const text = lang === 'zh'
      ? `**${rule.title.zh}**（\`${rule.id}\`）：${rule.description.zh}`
      : `**${rule.title.en}** (\`${rule.id}\`): ${rule.description.en}`;
    out[`config.rule.${rule.id}`] = text;
  }
  return out;
}

const rules = await loadRules();
const pkg = readJson('package.json');
const props = pkg.contributes?.configuration?.properties;
if (!props) throw new Error('package.json has no contributes.configuration.properties');
const files = [
  ['package.json', pkg, () => { props['xxgk-report.rules'] = rulesProperty(rules); return pkg; }],
  ['package.nls.json', readJson('package.nls.json'), (j) => withRuleStrings(j, rules, 'en')],
  ['package.nls.zh-cn.json', readJson('package.nls.zh-cn.json'), (j) => withRuleStrings(j, rules, 'zh')],
];
let stale = 0;
for (const [path, json, update] of files) {
  const before = readFileSync(path, 'utf8');
  const after = `${JSON.stringify(update(json), null, 2)}\n`;
  if (before === after) continue;
  stale++;
  if (check) console.error(`${path} is out of date with the rule registry (run \`npm run gen:package\`)`);
  else {
    writeFileSync(path, after);
    console.log(`updated ${path}`);
  }
}
if (check && stale > 0) process.exit(1);
