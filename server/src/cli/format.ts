/**
 * Output formats. Each formatter is fed one file result at a time, in path order, and writes as it
 * goes (human and JSON stream; SARIF is written at the end, as one document).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonFileResult, JsonRange, JsonSummary } from './jsonSchema';
import { summaryLine, type Lang } from './messages';
import { TABLE_LABELS } from '../../../shared/src/index';

export interface Formatter {
  file(result: JsonFileResult): void;
  end(summary: JsonSummary): void;
}

// ---------------------------------------------------------------- human

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  cyan: '\x1b[36m',
};

const SEVERITY_COLOUR = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue, hint: ANSI.dim } as const;

export interface HumanOptions {
  readonly write: (s: string) => void;
  readonly colour: boolean;
  readonly lang: Lang;
  /** `--fix --dry-run`: standard output carries only the unified diff (for `patch`/`git apply`); the summary goes to `writeErr`. */
  readonly dryRun: boolean;
  readonly writeErr?: (s: string) => void;
}

function oneLine(s: string): string {
  return visible(s.replace(/\s*[\r\n]+\s*/g, ' '));
}

/**
 * Control characters (C0 but tab and line feed, DEL, C1) and bidirectional controls shown as `\u{…}`: text from a
 * document (a file name, a quoted figure) must not move the cursor, recolour or retitle the terminal, or reorder
 * what the reader sees.
 */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

const STATE: Record<string, { zh: string; en: string }> = {
  read: { zh: '已读取', en: 'read' },
  unreadable: { zh: '未能读取', en: 'not readable' },
  empty: { zh: '未填写', en: 'not filled in' },
  absent: { zh: '未找到', en: 'not found' },
};

/** `覆盖：表二（主动公开）已读取；表三（收到和处理申请）未能读取` — every expected table and what became of it. */
export function coverageLine(c: NonNullable<JsonFileResult['coverage']>, lang: Lang): string {
  if (c.tables.length === 0) return lang === 'zh' ? '覆盖：未找到统计表，表格数字未核对' : 'coverage: no statistics table found, table figures not checked';
  const parts = c.tables.map((t) => {
    const name = pick(TABLE_LABELS[t.kind], lang);
    if (t.state === 'partial' && t.cells) return lang === 'zh' ? `${name}读到 ${t.cells.read}/${t.cells.expected} 格` : `${name} ${t.cells.read}/${t.cells.expected} cells`;
    const state = pick(STATE[t.state] ?? STATE.absent, lang);
    // Digits run together and split by the table's sums: read, but those cells were not checked.
    const inferred = t.inferred ? (lang === 'zh' ? `（其中 ${t.inferred} 格由勾稽关系推算，未核对）` : ` (${t.inferred} cells inferred from the table's sums, not checked)`) : '';
    return lang === 'zh' ? `${name}${state}${inferred}` : `${name} ${state}${inferred}`;
  });
  return lang === 'zh' ? `覆盖：${parts.join('；')}` : `coverage: ${parts.join('; ')}`;
}

function pick(text: { zh: string; en: string }, lang: Lang): string {
  return lang === 'zh' ? text.zh : text.en;
}

export function humanFormatter(o: HumanOptions): Formatter {
  const paint = (code: string, s: string) => (o.colour ? code + s + ANSI.reset : s);
  return {
    file(r) {
      if (r.diff) {
        // On a terminal the diff is for reading: escaped like the rest. Piped, it is for `patch`: byte for byte.
        const lines = (o.colour ? visible(r.diff) : r.diff).replace(/\n$/, '').split('\n');
        o.write(
          lines
            .map((l) =>
              l.startsWith('+++') || l.startsWith('---')
                ? paint(ANSI.bold, l)
                : l.startsWith('@@')
                  ? paint(ANSI.cyan, l)
                  : l.startsWith('+')
                    ? paint(ANSI.green, l)
                    : l.startsWith('-')
                      ? paint(ANSI.red, l)
                      : l,
            )
            .join('\n') + '\n',
        );
      }
      if (o.dryRun) return;
      let out = '';
      for (const f of r.findings) {
        const where = `${visible(r.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
        // A converted file: where the finding is in the original, after the message (the line stays parseable).
        const original = f.source ? paint(ANSI.dim, o.lang === 'zh' ? `〔原文：${f.source.where}〕` : ` [in the original: ${f.source.where}]`) : '';
        const mark = f.suppressed ? paint(ANSI.dim, o.lang === 'zh' ? '（已被注释指令停用）' : '(suppressed by a directive)') + ' ' : '';
        out += `${paint(ANSI.bold, where)} ${mark}${paint(f.suppressed ? ANSI.dim : SEVERITY_COLOUR[f.severity], f.severity)} ${paint(ANSI.dim, f.rule)} ${oneLine(f.message)}${original}\n`;
        // `--fix` on a converted file writes nothing: the safe fixes are listed, to be made in the original.
        if (r.format && r.fixed !== undefined) {
          for (const fx of f.fixes.filter((x) => x.safe)) out += `    ${paint(ANSI.green, o.lang === 'zh' ? `请在原文件中修复：${oneLine(fx.title)}` : `fix in the original: ${oneLine(fx.title)}`)}\n`;
        }
        // A culprit cell: each failing check it stands for, indented under it.
        if (f.folded) for (const rel of f.related) out += `    ${paint(ANSI.dim, `${rel.range.start.line + 1}:${rel.range.start.character + 1}`)} ${oneLine(rel.message)}\n`;
        // A cross-year finding: the place in last year's report, as file:line:column.
        else for (const rel of f.related) if (rel.file !== undefined) out += `    ${paint(ANSI.dim, `${visible(rel.file)}:${rel.range.start.line + 1}:${rel.range.start.character + 1}`)} ${oneLine(rel.message)}\n`;
      }
      // What was not read is said for every file, even when its findings are switched off.
      if (r.coverage?.verdict === 'incomplete') out += `${paint(ANSI.bold, visible(r.file))}: ${paint(ANSI.yellow, coverageLine(r.coverage, o.lang))}\n`;
      if (out) o.write(out);
    },
    end(summary) {
      const line = summaryLine(summary, o.lang, o.dryRun);
      const bad = summary.errors > 0 || summary.unreadable > 0;
      (o.dryRun && o.writeErr ? o.writeErr : o.write)(paint(bad ? ANSI.red + ANSI.bold : summary.warnings > 0 ? ANSI.yellow + ANSI.bold : ANSI.bold, line) + '\n');
    },
  };
}

// ---------------------------------------------------------------- json

/**
 * Writes `{"version":1,"files":[` … `],"summary":{…}}` with one file result per line, so that the
 * output is valid JSON at the end however many files there are, and memory stays flat.
 */
export function jsonFormatter(write: (s: string) => void): Formatter {
  let first = true;
  write('{"version":1,"files":[');
  return {
    file(r) {
      write((first ? '\n' : ',\n') + JSON.stringify(r));
      first = false;
    },
    end(summary) {
      write(`${first ? '' : '\n'}],\n"summary":${JSON.stringify(summary)}}\n`);
    },
  };
}

// ---------------------------------------------------------------- sarif

export interface SarifRuleInfo {
  readonly id: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly level: 'error' | 'warning' | 'info' | 'hint';
  readonly helpUri: string;
}

export interface SarifOptions {
  readonly write: (s: string) => void;
  readonly toolVersion: string;
  readonly rules: readonly SarifRuleInfo[];
  readonly cwd: string;
  readonly lang: Lang;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: 'error' | 'warning' | 'info' | 'hint'): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** SARIF regions are 1-based; `endColumn` is the column after the last character. */
export function sarifRegion(r: JsonRange): SarifRegion {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** A relative path becomes a relative URI against %SRCROOT% (the working directory); an absolute one a file: URI. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const uri = file.split(path.sep).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

export function sarifFormatter(o: SarifOptions): Formatter {
  const ruleIndex = new Map(o.rules.map((r, i) => [r.id, i]));
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  const artifacts: unknown[] = [];
  return {
    file(r) {
      const location = artifactLocation(r.file);
      artifacts.push({
        location,
        ...(r.encoding ? { encoding: r.encoding === 'utf-8-bom' ? 'utf-8' : r.encoding } : {}),
      });
      if (r.error) {
        notifications.push({
          level: 'error',
          message: { text: r.error },
          locations: [{ physicalLocation: { artifactLocation: location } }],
        });
      }
      for (const f of r.findings) {
        const idx = ruleIndex.get(f.rule);
        const safeFixes = f.fixes.filter((x) => x.safe);
        results.push({
          ruleId: f.rule,
          ...(idx === undefined ? {} : { ruleIndex: idx }),
          level: sarifLevel(f.severity),
          message: { text: f.message },
          ...(f.suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range) } }],
          ...(f.related.length
            ? {
                relatedLocations: f.related.map((rel, id) => ({
                  id,
                  message: { text: rel.message },
                  physicalLocation: { artifactLocation: rel.file !== undefined ? artifactLocation(rel.file) : location, region: sarifRegion(rel.range) },
                })),
              }
            : {}),
          ...(safeFixes.length
            ? {
                fixes: safeFixes.map((fx) => ({
                  description: { text: fx.title },
                  artifactChanges: [
                    {
                      artifactLocation: location,
                      replacements: fx.edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })),
                    },
                  ],
                })),
              }
            : {}),
          ...(f.expected !== undefined || f.actual !== undefined
            ? { properties: { ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.actual !== undefined ? { actual: f.actual } : {}) } }
            : {}),
        });
      }
    },
    end(summary) {
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'xxgk-report',
                version: o.toolVersion,
                semanticVersion: o.toolVersion,
                language: o.lang === 'zh' ? 'zh-CN' : 'en-US',
                rules: o.rules.map((r) => ({
                  id: r.id,
                  shortDescription: { text: r.shortDescription },
                  fullDescription: { text: r.fullDescription },
                  defaultConfiguration: { level: sarifLevel(r.level) },
                  helpUri: r.helpUri,
                })),
              },
            },
            invocations: [{ executionSuccessful: summary.unreadable === 0, toolExecutionNotifications: notifications }],
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(o.cwd).href.replace(/\/?$/, '/') } },
            artifacts,
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      };
      o.write(JSON.stringify(log, null, 2) + '\n');
    },
  };
}
