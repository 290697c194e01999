/**
 * Loading indicator templates: user-supplied ones (validated, never throwing) and the three bundled
 * ones (validated once; a failure there is a programming error).
 */
import type { z } from 'zod';
import type { TemplateId } from '../model/types';
import { Template } from './schema';
import gov2014 from './data/gov2014.json';
import gov2019 from './data/gov2019.json';
import gov2021 from './data/gov2021.json';

export interface LoadedTemplates {
  readonly templates: Map<TemplateId, Template>;
  /** Readable problems, each starting with the place it concerns, e.g. `[1].tables[0].indicators[3].hover.en: …`. */
  readonly problems: string[];
}

/** `tables[0].indicators[3].id` from a zod issue path, prefixed with `prefix` (e.g. `[1]` for a file's second template). */
function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(prefix, issue.path)}: ${issue.message}`);
}

/**
 * Consistency a schema cannot express: unique ids, and every reference (parent, row columns, check
 * operands) pointing at something that exists. Returns readable problems; empty when consistent.
 */
export function templateIntegrityProblems(template: Template, prefix = ''): string[] {
  const problems: string[] = [];
  const at = (path: readonly PropertyKey[]) => formatPath(prefix, path);
  template.tables.forEach((table, t) => {
    const columnIds = new Set<string>();
    table.columns.forEach((column, c) => {
      if (columnIds.has(column.id)) problems.push(`${at(['tables', t, 'columns', c, 'id'])}: duplicate column id "${column.id}"`);
      columnIds.add(column.id);
    });
    const indicatorIds = new Set<string>();
    table.indicators.forEach((indicator, i) => {
      if (indicatorIds.has(indicator.id)) problems.push(`${at(['tables', t, 'indicators', i, 'id'])}: duplicate indicator id "${indicator.id}"`);
      indicatorIds.add(indicator.id);
    });
    table.indicators.forEach((indicator, i) => {
      if (indicator.parent !== undefined) {
        if (!indicatorIds.has(indicator.parent)) {
          problems.push(`${at(['tables', t, 'indicators', i, 'parent'])}: unknown indicator "${indicator.parent}"`);
        } else if (indicator.parent === indicator.id) {
          problems.push(`${at(['tables', t, 'indicators', i, 'parent'])}: an indicator cannot be its own parent`);
        }
      }
      indicator.columns?.forEach((columnId, c) => {
        if (!columnIds.has(columnId)) problems.push(`${at(['tables', t, 'indicators', i, 'columns', c])}: unknown column "${columnId}"`);
      });
    });
    table.checks.forEach((check, k) => {
      const known = check.axis === 'columns' ? columnIds : indicatorIds;
      const what = check.axis === 'columns' ? 'column' : 'indicator';
      const refer = (field: string, id: string, index?: number) => {
        if (!known.has(id)) {
          const path = index === undefined ? ['tables', t, 'checks', k, field] : ['tables', t, 'checks', k, field, index];
          problems.push(`${at(path)}: unknown ${what} "${id}"`);
        }
      };
      if (check.total !== undefined) refer('total', check.total);
      check.parts.forEach((id, n) => refer('parts', id, n));
      check.left.forEach((id, n) => refer('left', id, n));
      check.right.forEach((id, n) => refer('right', id, n));
      const here = at(['tables', t, 'checks', k]);
      if (check.kind === 'balance') {
        if (check.left.length === 0 || check.right.length === 0) problems.push(`${here}: a balance check needs both "left" and "right"`);
      } else {
        if (check.total === undefined) problems.push(`${here}: a ${check.kind} check needs a "total"`);
        if (check.parts.length === 0) problems.push(`${here}: a ${check.kind} check needs "parts"`);
      }
    });
  });
  return problems;
}

function loadOne(input: unknown, prefix: string, into: Map<TemplateId, Template>, problems: string[]): void {
  const parsed = Template.safeParse(input);
  if (!parsed.success) {
    problems.push(...formatIssues(prefix, parsed.error));
    return;
  }
  const template = parsed.data;
  const integrity = templateIntegrityProblems(template, prefix);
  if (integrity.length > 0) {
    problems.push(...integrity);
    return;
  }
  if (into.has(template.id)) {
    problems.push(`${formatPath(prefix, ['id'])}: template "${template.id}" is defined more than once; the first definition is kept`);
    return;
  }
  into.set(template.id, template);
}

/**
 * Validates one template object or an array of them (a template file). Never throws: whatever is
 * wrong comes back in `problems`, and only the templates that passed are in `templates`.
 */
export function loadTemplates(input: unknown): LoadedTemplates {
  const templates = new Map<TemplateId, Template>();
  const problems: string[] = [];
  try {
    if (Array.isArray(input)) {
      input.forEach((item: unknown, index) => loadOne(item, `[${index}]`, templates, problems));
      if (input.length === 0) problems.push('(root): the template file holds no templates');
    } else if (typeof input === 'object' && input !== null) {
      loadOne(input, '', templates, problems);
    } else {
      problems.push(`(root): expected a template object or an array of templates, got ${input === null ? 'null' : typeof input}`);
    }
  } catch (error) {
    problems.push(`(root): the templates could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { templates, problems };
}

let builtin: ReadonlyMap<TemplateId, Template> | undefined;

/** The bundled `gov2014`, `gov2019` and `gov2021` templates, validated on first use and cached. */
export function builtinTemplates(): ReadonlyMap<TemplateId, Template> {
  if (builtin === undefined) {
    const { templates, problems } = loadTemplates([gov2014, gov2019, gov2021]);
    if (problems.length > 0 || templates.size !== 3) {
      throw new Error(`The bundled indicator templates are invalid:\n${problems.join('\n')}`);
    }
    builtin = templates;
  }
  return builtin;
}
