#!/usr/bin/env node
/**
 * Writes schemas/indicator-template.schema.json from the zod schema of indicator templates
 * (shared/src/templates/schema.ts), so template files can be checked and completed in editors.
 * Run `npm run compile` first: this script reads the compiled schema from out/.
 *
 *   node scripts/gen-schema.mjs [--check]
 *
 * With --check it writes nothing and exits 1 when the committed file is out of date.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'out', 'shared', 'src', 'templates', 'schema.js');
const target = join(root, 'schemas', 'indicator-template.schema.json');

if (!existsSync(compiled)) {
  console.error(`${relative(root, compiled)} not found: run \`npm run compile\` first.`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
// The compiled schema requires zod itself; take zod from the same place so both share one instance.
const schema = require(compiled);
const { z } = createRequire(compiled)('zod');

// Name the shared parts so they appear once under $defs instead of inline copies.
const registry = z.registry();
registry.add(schema.LocalizedText, { id: 'LocalizedText' });
registry.add(schema.NumericKind, { id: 'NumericKind' });
registry.add(schema.Column, { id: 'Column' });
registry.add(schema.Indicator, { id: 'Indicator' });
registry.add(schema.Check, { id: 'Check' });
registry.add(schema.TableTemplate, { id: 'TableTemplate' });
registry.add(schema.RequiredSection, { id: 'RequiredSection' });
registry.add(schema.Template, { id: 'Template' });

const file = z.union([schema.Template, schema.TemplateFile]);
// `io: 'input'` describes what may be written: fields with a default are optional.
const json = z.toJSONSchema(file, { io: 'input', metadata: registry, unrepresentable: 'throw' });

const out = {
  $schema: json.$schema,
  title: 'xxgk-report indicator template',
  description:
    'One indicator template (the official tables of a 政府信息公开工作年度报告 format: rows, columns and the arithmetic between cells) or an array of them. Generated from shared/src/templates/schema.ts by scripts/gen-schema.mjs; do not edit by hand.',
  ...Object.fromEntries(Object.entries(json).filter(([k]) => k !== '$schema')),
};
const text = JSON.stringify(out, null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${relative(root, target)} is out of date: run \`node scripts/gen-schema.mjs\`.`);
    process.exit(1);
  }
  console.log(`${relative(root, target)} is up to date.`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${relative(root, target)}`);
}
