/**
 * Golden-fixture support. A fixture is report text with annotation lines that start with `%%`
 * (stripped before parsing):
 *   %% expect <rule-id> @<rel> "<covered text>" [#n]   finding on the content line `rel` lines up
 *   %% config template=gov2021 narrative=false         options for this fixture
 *   %% ignore <rule-id>                                findings of this rule are not asserted
 *   %% count <rule-id> <n>                             exactly n findings of this rule (any place)
 * Seeds stay byte-for-byte as published; their expectations live in `<name>.expect` beside them,
 * with `L<line>` (1-based) instead of `@<rel>`.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { CheckOptions, Span, TemplateId } from '../../shared/src/index';

export interface Expectation {
  readonly rule: string;
  readonly line: number;
  readonly text: string;
  readonly span: Span;
  readonly source: string;
}

export interface Fixture {
  readonly name: string;
  readonly text: string;
  readonly options: CheckOptions;
  readonly expectations: Expectation[];
  readonly ignore: Set<string>;
  readonly counts: Map<string, number>;
}

const EXPECT = /^expect\s+([a-z0-9-]+)\s+(?:@(-?\d+)|L(\d+))\s+"((?:[^"\\]|\\.)*)"(?:\s*#(\d+))?\s*$/;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  return starts;
}

function spanOn(text: string, starts: number[], line: number, covered: string, nth: number, source: string): Span {
  const s = starts[line];
  if (s === undefined) throw new Error(`${source}: line ${line + 1} does not exist`);
  const e = line + 1 < starts.length ? starts[line + 1] : text.length;
  const lineText = text.slice(s, e).replace(/\r?\n$|\r$/, '');
  if (covered === '') {
    // An empty cell: the n-th empty span is not addressable by text; use the line end.
    return { start: s + lineText.length, end: s + lineText.length };
  }
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = lineText.indexOf(covered, at + 1);
    if (at < 0) throw new Error(`${source}: "${covered}" (#${nth}) not on line ${line + 1}: ${lineText.slice(0, 80)}`);
  }
  return { start: s + at, end: s + at + covered.length };
}

function applyDirective(body: string, options: Record<string, unknown>, ignore: Set<string>, counts: Map<string, number>): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^config\s+(.*)$/.exec(body))) {
    for (const kv of m[1].trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      if (k === 'template') options.template = v as TemplateId;
      else if (k === 'narrative') options.narrative = v !== 'false';
    }
    return true;
  }
  if ((m = /^ignore\s+([a-z0-9-]+)\s*$/.exec(body))) {
    ignore.add(m[1]);
    return true;
  }
  if ((m = /^count\s+([a-z0-9-]+)\s+(\d+)\s*$/.exec(body))) {
    counts.set(m[1], Number(m[2]));
    return true;
  }
  return /^note\b/.test(body) || body.trim() === '';
}

export function loadFixture(path: string): Fixture {
  const raw = readFileSync(path, 'utf8');
  const options: Record<string, unknown> = {};
  const ignore = new Set<string>();
  const counts = new Map<string, number>();
  const pending: { rule: string; rel: number; text: string; nth: number; source: string }[] = [];
  const content: string[] = [];
  const parts = raw.split(/(\r\n|\n|\r)/);
  let contentLine = -1;
  for (let i = 0; i < parts.length; i += 2) {
    const lineText = parts[i];
    const eol = parts[i + 1] ?? '';
    const t = lineText.replace(/^\uFEFF/, '');
    if (t.startsWith('%%')) {
      const body = t.slice(2).trim();
      const m = EXPECT.exec(body);
      if (m) {
        pending.push({ rule: m[1], rel: contentLine + 1 + Number(m[2] ?? 0), text: JSON.parse(`"${m[4]}"`), nth: Number(m[5] ?? 1), source: `${path}: ${body}` });
      } else if (!applyDirective(body, options, ignore, counts)) {
        throw new Error(`${path}: unknown annotation: ${t}`);
      }
      continue;
    }
    contentLine++;
    content.push(lineText + eol);
  }
  let text = content.join('');
  // Keep a BOM written before the first annotation line.
  if (raw.startsWith('\uFEFF') && !text.startsWith('\uFEFF')) text = '\uFEFF' + text;
  const starts = lineStarts(text);
  const expectations = pending.map((p) => ({ rule: p.rule, line: p.rel, text: p.text, span: spanOn(text, starts, p.rel, p.text, p.nth, p.source), source: p.source }));
  const side = path.replace(/\.(txt|md)$/, '.expect');
  if (existsSync(side)) {
    for (const l of readFileSync(side, 'utf8').split('\n')) {
      const body = l.trim();
      if (body === '' || body.startsWith('#')) continue;
      const m = EXPECT.exec(body);
      if (m && m[3]) {
        const line = Number(m[3]) - 1;
        const covered = JSON.parse(`"${m[4]}"`) as string;
        expectations.push({ rule: m[1], line, text: covered, span: spanOn(text, starts, line, covered, Number(m[5] ?? 1), `${side}: ${body}`), source: `${side}: ${body}` });
      } else if (!applyDirective(body, options, ignore, counts)) {
        throw new Error(`${side}: unknown line: ${body}`);
      }
    }
  }
  return { name: path, text, options: options as CheckOptions, expectations, ignore, counts };
}

/** 1-based line and the covered text of a span, for readable assertion messages. */
export function describeSpan(text: string, span: Span): string {
  const line = text.slice(0, span.start).split(/\r\n|\n|\r/).length;
  return `L${line} "${text.slice(span.start, span.end)}"`;
}
