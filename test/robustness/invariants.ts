/**
 * The robustness properties of the report core, as plain functions that throw a `Violation`
 * naming the property. Used by the property tests (core.test.ts), the regression tests and
 * `npm run fuzz` (on the compiled copy in out/test/robustness/).
 *
 *  - `parseReport` / `analyze` never throw and never report an internal error (`checker-error`);
 *  - every span of the model, the findings, their related spans and their fix edits lies inside
 *    [0, text.length], has integer ends with start ≤ end, and never splits a surrogate pair;
 *  - the model is consistent: a section's number and heading lie in its span, children inside
 *    parents, a figure's digits inside the figure inside its sentence, the number text is what
 *    the span covers;
 *  - the check takes at most 50 ms per KiB + 200 ms;
 *  - `outline` nests: children inside parents, siblings ordered and disjoint;
 *  - applying any offered fix changes only its edits' spans and removes its finding;
 *  - applying the safe fixes one per round (`nextSafeFix`, as fix-all does; at most 20 rounds by default) leaves no finding that
 *    still offers a safe fix, and changes only the edited spans each round;
 *  - `applyEdits` never throws and keeps all text outside the valid edits.
 */
import { performance } from 'node:perf_hooks';
import {
  analyze, applyEdits, completions, hover, nextSafeFix, outline,
  type CheckOptions, type Finding, type OutlineNode, type Report, type Section, type Span, type TextEdit,
} from '../../shared/src/index';

export class Violation extends Error {
  constructor(readonly property: string, message: string) {
    super(`[${property}] ${message}`);
    this.name = 'Violation';
  }
}

function fail(property: string, message: string): never {
  throw new Violation(property, message);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** True when the string holds no lone surrogate. */
export function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (!isLow(s.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLow(c)) return false;
  }
  return true;
}

function show(text: string, span: Span): string {
  const a = Math.max(0, Math.min(text.length, span.start));
  const b = Math.max(a, Math.min(text.length, span.end));
  const inner = JSON.stringify(text.slice(a, Math.min(b, a + 40)));
  return `[${span.start}, ${span.end}) ${inner}${b - a > 40 ? '…' : ''}`;
}

/** A span is two integers with 0 ≤ start ≤ end ≤ length, neither between the halves of a surrogate pair. */
export function checkSpan(text: string, span: Span | undefined, what: string): void {
  if (!span || typeof span !== 'object') fail('span-valid', `${what}: missing span`);
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) fail('span-valid', `${what}: non-integer span [${start}, ${end})`);
  if (start < 0 || end > text.length || start > end) fail('span-valid', `${what}: span [${start}, ${end}) outside [0, ${text.length}] or reversed`);
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) fail('span-surrogate', `${what}: span ${show(text, span)} splits a surrogate pair`);
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Every span of the model, with a name for messages. */
export function reportSpans(report: Report): [string, Span][] {
  const out: [string, Span][] = [];
  if (report.title) out.push(['title', report.title.span]);
  if (report.titleYear) out.push(['titleYear', report.titleYear.span]);
  if (report.period) out.push(['period', report.period.span], ['period.start', report.period.start.span], ['period.end', report.period.end.span]);
  if (report.declaredParts) out.push(['declaredParts', report.declaredParts.span]);
  const walk = (sections: readonly Section[], path: string): void => {
    sections.forEach((s, i) => {
      const p = `${path}[${i}]`;
      out.push([`${p}.numberSpan`, s.numberSpan], [`${p}.titleSpan`, s.titleSpan], [`${p}.headingSpan`, s.headingSpan], [`${p}.span`, s.span]);
      walk(s.children, `${p}.children`);
    });
  };
  walk(report.sections, 'sections');
  report.tables.forEach((t, i) => {
    out.push([`tables[${i}].span`, t.span]);
    t.rows.forEach((r, j) => {
      out.push([`tables[${i}].rows[${j}].labelSpan`, r.labelSpan], [`tables[${i}].rows[${j}].span`, r.span]);
      r.cells.forEach((c, k) => out.push([`tables[${i}].rows[${j}].cells[${k}].span`, c.span]));
    });
  });
  report.figures.forEach((f, i) => out.push([`figures[${i}].span`, f.span], [`figures[${i}].numberSpan`, f.numberSpan], [`figures[${i}].sentenceSpan`, f.sentenceSpan]));
  report.templateEvidence.forEach((e, i) => out.push([`templateEvidence[${i}]`, e.span]));
  report.tableRegions.forEach((r, i) => out.push([`tableRegions[${i}]`, r]));
  report.suppressions.forEach((s, i) => out.push([`suppressions[${i}].span`, s.span], [`suppressions[${i}].directiveSpan`, s.directiveSpan]));
  return out;
}

/** Containment and text agreements the model documents (see shared/src/model/types.ts). */
export function checkModelConsistency(report: Report): void {
  const text = report.text;
  const walk = (sections: readonly Section[], parent: Section | undefined): void => {
    for (const s of sections) {
      const at = `section ${JSON.stringify(s.numberText)} at ${show(text, s.headingSpan)}`;
      if (!within(s.numberSpan, s.headingSpan)) fail('model-consistency', `${at}: numberSpan ${show(text, s.numberSpan)} outside headingSpan`);
      if (!within(s.headingSpan, s.span)) fail('model-consistency', `${at}: headingSpan outside span [${s.span.start}, ${s.span.end})`);
      if (parent && !within(s.span, parent.span)) fail('model-consistency', `${at}: span [${s.span.start}, ${s.span.end}) outside its parent's [${parent.span.start}, ${parent.span.end})`);
      if (text.slice(s.numberSpan.start, s.numberSpan.end) !== s.numberText) fail('model-consistency', `${at}: numberSpan covers ${show(text, s.numberSpan)}, not numberText`);
      if (text.slice(s.titleSpan.start, s.titleSpan.end) !== s.title) fail('model-consistency', `${at}: titleSpan covers ${show(text, s.titleSpan)}, not title ${JSON.stringify(s.title)}`);
      walk(s.children, s);
    }
  };
  walk(report.sections, undefined);
  for (const f of report.figures) {
    const at = `figure ${JSON.stringify(f.raw)} at ${show(text, f.span)}`;
    if (!within(f.numberSpan, f.span)) fail('model-consistency', `${at}: numberSpan outside span`);
    if (!within(f.span, f.sentenceSpan)) fail('model-consistency', `${at}: span outside sentenceSpan ${show(text, f.sentenceSpan)}`);
    if (text.slice(f.numberSpan.start, f.numberSpan.end) !== f.raw) fail('model-consistency', `${at}: numberSpan covers ${show(text, f.numberSpan)}, not raw`);
    if (!Number.isFinite(f.value)) fail('model-consistency', `${at}: value ${f.value} is not finite`);
  }
  const ordered = (spans: readonly Span[], what: string): void => {
    for (let k = 1; k < spans.length; k++) {
      if (spans[k].start < spans[k - 1].end) {
        fail('model-consistency', `${what} ${k - 1} [${spans[k - 1].start}, ${spans[k - 1].end}) and ${k} [${spans[k].start}, ${spans[k].end}) overlap or are out of order`);
      }
    }
  };
  ordered(report.tables.map((t) => t.span), 'tables');
  ordered(report.tableRegions, 'tableRegions');
  for (const t of report.tables) {
    if (!report.tableRegions.some((r) => within(t.span, r))) fail('model-consistency', `table ${t.kind} [${t.span.start}, ${t.span.end}) lies in no table region`);
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (c.state === 'number' && (typeof c.value !== 'number' || !Number.isFinite(c.value))) {
          fail('model-consistency', `cell ${JSON.stringify(c.raw)} at ${show(text, c.span)}: state number with value ${c.value}`);
        }
      }
    }
  }
}

/** Children inside parents, selection inside the node, siblings ordered and disjoint, names non-empty. */
export function checkOutline(text: string, nodes: readonly OutlineNode[], parent?: OutlineNode): void {
  let prev: OutlineNode | undefined;
  for (const n of nodes) {
    const at = `outline ${n.kind} ${JSON.stringify(n.name.slice(0, 30))}`;
    checkSpan(text, n.span, `${at} span`);
    checkSpan(text, n.selectionSpan, `${at} selectionSpan`);
    if (n.name.trim() === '') fail('outline', `${at}: empty name`);
    if (!within(n.selectionSpan, n.span)) fail('outline', `${at}: selectionSpan [${n.selectionSpan.start}, ${n.selectionSpan.end}) outside span [${n.span.start}, ${n.span.end})`);
    if (parent && !within(n.span, parent.span)) fail('outline', `${at}: span [${n.span.start}, ${n.span.end}) outside parent ${JSON.stringify(parent.name.slice(0, 30))} [${parent.span.start}, ${parent.span.end})`);
    if (prev && (n.span.start < prev.span.start || n.span.start < prev.span.end)) {
      fail('outline', `${at}: span [${n.span.start}, ${n.span.end}) not after its previous sibling ${JSON.stringify(prev.name.slice(0, 30))} [${prev.span.start}, ${prev.span.end})`);
    }
    checkOutline(text, n.children, n);
    prev = n;
  }
}

export interface Analysis {
  readonly report: Report;
  readonly findings: Finding[];
  /** Milliseconds `analyze` took (the faster of two tries when the first was over the bound). */
  readonly ms: number;
}

/** The time bound of one check: 50 ms per KiB (UTF-16 code units / 1024) plus 200 ms. */
export function timeBoundMs(length: number): number {
  return 200 + (50 * length) / 1024;
}

function timedAnalyze(text: string, options: CheckOptions): { result: ReturnType<typeof analyze>; ms: number } {
  const t0 = performance.now();
  let result: ReturnType<typeof analyze>;
  try {
    result = analyze(text, options);
  } catch (e) {
    fail('no-throw', `analyze threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  return { result, ms: performance.now() - t0 };
}

export interface CheckOptionsR {
  /** Check the time bound (off when the caller measures time itself). Default true. */
  readonly timing?: boolean;
  /** Varies the offsets the editor features are tried at. */
  readonly pick?: number;
  readonly options?: CheckOptions;
}

/** Parses and checks `text` and asserts every invariant of the result. */
export function checkAnalysis(text: string, o: CheckOptionsR = {}): Analysis {
  const options = o.options ?? {};
  // analyze() runs parseReport(); its internal errors come back as checker-error findings (checked below).
  const first = timedAnalyze(text, options);
  const { result } = first;
  let { ms } = first;
  if ((o.timing ?? true) && ms > timeBoundMs(text.length)) {
    // One retry: a garbage collection or a busy machine must not fail the property.
    const again = timedAnalyze(text, options);
    ms = Math.min(ms, again.ms);
    if (ms > timeBoundMs(text.length)) fail('time-bound', `analyze took ${ms.toFixed(0)} ms for ${text.length} code units (bound ${timeBoundMs(text.length).toFixed(0)} ms)`);
  }
  const { report, findings } = result;
  if (report.text !== text) fail('model-consistency', 'report.text is not the text given');
  for (const f of findings) {
    if (f.ruleId === 'checker-error') fail('no-internal-error', `checker-error finding (a rule or the parser threw): ${f.message.en}`);
  }
  for (const [what, span] of reportSpans(report)) checkSpan(text, span, what);
  checkModelConsistency(report);
  findings.forEach((f, i) => {
    const at = `finding ${i} (${f.ruleId})`;
    checkSpan(text, f.span, `${at} span`);
    (f.related ?? []).forEach((r, j) => checkSpan(text, r.span, `${at} related[${j}]`));
    (f.fixes ?? []).forEach((fx, j) => {
      if (fx.edits.length === 0) fail('fix-valid', `${at} fix ${j} has no edits`);
      fx.edits.forEach((e, k) => {
        checkSpan(text, e.span, `${at} fix ${j} edit ${k}`);
        if (typeof e.newText !== 'string' || !wellFormed(e.newText)) fail('fix-valid', `${at} fix ${j} edit ${k}: newText ${JSON.stringify(e.newText)} is not well-formed text`);
      });
      const sorted = [...fx.edits].sort((a, b) => a.span.start - b.span.start);
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k].span.start < sorted[k - 1].span.end) fail('fix-valid', `${at} fix ${j}: its edits overlap`);
      }
    });
  });
  let nodes: OutlineNode[];
  try {
    nodes = outline(report);
  } catch (e) {
    fail('no-throw', `outline threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  checkOutline(text, nodes);
  checkEditorFeatures(report, findings, o.pick ?? 0);
  return { report, findings, ms };
}

/**
 * `hover` and `completions` at a handful of offsets (the ends, every tenth of the text, the start
 * of a few findings, cells and figures, one chosen by `pick`) never throw, and a hover's span is valid.
 */
export function checkEditorFeatures(report: Report, findings: readonly Finding[], pick = 0): void {
  const text = report.text;
  const n = text.length;
  const offsets = new Set<number>([0, n, pick % (n + 1)]);
  for (let k = 1; k < 10; k++) offsets.add(Math.floor((n * k) / 10));
  for (const f of findings.slice(0, 5)) offsets.add(f.span.start);
  for (const f of report.figures.slice(0, 3)) offsets.add(f.numberSpan.start);
  for (const t of report.tables.slice(0, 3)) {
    const cells = t.rows.flatMap((r) => r.cells);
    if (cells.length > 0) offsets.add(cells[pick % cells.length].span.start);
    if (t.rows.length > 0) offsets.add(t.rows[pick % t.rows.length].labelSpan.start);
  }
  for (const offset of offsets) {
    for (const locale of ['zh', 'en'] as const) {
      let h: ReturnType<typeof hover>;
      try {
        h = hover(report, offset, locale, findings);
        completions(report, offset, locale);
      } catch (e) {
        fail('no-throw', `hover/completions threw at offset ${offset}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
      if (h) {
        checkSpan(text, h.span, `hover at ${offset}`);
        if (typeof h.markdown !== 'string' || h.markdown.trim() === '') fail('editor-features', `hover at ${offset}: empty markdown`);
      }
    }
  }
}

/**
 * Checks that `after` is `before` with exactly the (sorted, disjoint, in-range) `edits` applied:
 * every character outside the edited spans is unchanged and in place.
 */
export function checkOnlyEditedSpans(before: string, after: string, edits: readonly TextEdit[], property: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let pos = 0;
  let out = 0;
  for (const e of sorted) {
    const gap = before.slice(pos, e.span.start);
    if (after.slice(out, out + gap.length) !== gap) fail(property, `text before the edit at ${e.span.start} changed`);
    out += gap.length;
    if (after.slice(out, out + e.newText.length) !== e.newText) fail(property, `the edit at ${e.span.start} was not applied as given`);
    out += e.newText.length;
    pos = e.span.end;
  }
  if (after.slice(out) !== before.slice(pos)) fail(property, `text after the last edit (from ${pos}) changed`);
}

/** Where an offset lands after the (sorted, disjoint) edits; an offset inside an edit goes to the edit's start or end. */
function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const e of edits) {
    const grow = e.newText.length - (e.span.end - e.span.start);
    if (offset < e.span.start) break;
    if (offset > e.span.end) {
      delta += grow;
      continue;
    }
    if (e.span.start === e.span.end) return side === 'start' ? offset + delta : offset + delta + e.newText.length;
    if (side === 'start') return offset === e.span.end ? offset + delta + grow : e.span.start + delta;
    return offset === e.span.start ? offset + delta : e.span.start + delta + e.newText.length;
  }
  return offset + delta;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.span.start === b.span.start && a.span.end === b.span.end && a.message.en === b.message.en;
}

export interface FixCheckOptions {
  /** At most this many fixes are tried (each costs one more check). */
  readonly maxFixes?: number;
  /** Rotates which fixes are tried first. */
  readonly pick?: number;
  readonly options?: CheckOptions;
}

/** Applying an offered fix changes only its spans and removes its finding. */
export function checkOfferedFixes(text: string, findings: readonly Finding[], o: FixCheckOptions = {}): number {
  const all: { f: Finding; i: number; j: number }[] = [];
  findings.forEach((f, i) => (f.fixes ?? []).forEach((_fx, j) => all.push({ f, i, j })));
  if (all.length === 0) return 0;
  const max = Math.min(all.length, o.maxFixes ?? 4);
  const start = (o.pick ?? 0) % all.length;
  for (let k = 0; k < max; k++) {
    const { f, i, j } = all[(start + k) % all.length];
    const fix = f.fixes![j];
    const at = `finding ${i} (${f.ruleId} at ${show(text, f.span)}) fix ${j} "${fix.title.en}"`;
    let after: string;
    try {
      after = applyEdits(text, fix.edits);
    } catch (e) {
      fail('no-throw', `applyEdits threw on ${at}: ${String(e)}`);
    }
    checkOnlyEditedSpans(text, after, fix.edits, 'fix-only-its-span');
    if (after === text) fail('fix-removes-finding', `${at} does not change the text`);
    const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
    const moved: Finding = { ...f, span: { start: mapOffset(f.span.start, sorted, 'start'), end: mapOffset(f.span.end, sorted, 'end') } };
    const again = checkAnalysis(after, { timing: false, ...(o.options ? { options: o.options } : {}) });
    const still = again.findings.find((g) => sameFinding(g, moved));
    if (still) fail('fix-removes-finding', `${at}: after the fix the same finding is still reported: ${still.message.en}`);
  }
  return max;
}

/** Safe fixes round after round (at most `rounds`): only the edited spans change, and no safe fix is left. */
export function checkSafeFixRounds(text: string, findings: readonly Finding[], rounds = 20, options?: CheckOptions): { text: string; rounds: number } {
  let current = text;
  let currentFindings = findings;
  for (let round = 0; round < rounds; round++) {
    let edits: TextEdit[];
    try {
      edits = nextSafeFix(current, currentFindings);
    } catch (e) {
      fail('no-throw', `nextSafeFix threw: ${String(e)}`);
    }
    if (edits.length === 0) return { text: current, rounds: round };
    edits.forEach((e, k) => checkSpan(current, e.span, `safe edit ${k}`));
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].span.start < sorted[k - 1].span.end) fail('safe-fixes', `nextSafeFix returned overlapping edits [${sorted[k - 1].span.start}, ${sorted[k - 1].span.end}) and [${sorted[k].span.start}, ${sorted[k].span.end})`);
    }
    const next = applyEdits(current, edits);
    checkOnlyEditedSpans(current, next, edits, 'safe-fixes-only-their-spans');
    if (next === current) fail('safe-fixes', `round ${round + 1}: the safe fixes do not change the text, yet they are offered again`);
    current = next;
    currentFindings = checkAnalysis(current, { timing: false, ...(options ? { options } : {}) }).findings;
  }
  const left = currentFindings.filter((f) => f.fixes?.some((x) => x.safe));
  if (left.length > 0) {
    const f = left[0];
    fail('safe-fixes', `after ${rounds} rounds ${left.length} finding(s) still offer a safe fix, e.g. ${f.ruleId} at ${show(current, f.span)}: ${f.message.en}`);
  }
  return { text: current, rounds };
}

/** `applyEdits` with any edits never throws and keeps every character outside the valid edits. */
export function checkApplyEdits(text: string, edits: readonly TextEdit[]): void {
  let out: string;
  try {
    out = applyEdits(text, edits);
  } catch (e) {
    fail('apply-edits', `applyEdits threw: ${String(e)}`);
  }
  if (typeof out !== 'string') fail('apply-edits', 'applyEdits returned a non-string');
  // Valid: integer offsets, in range, not reversed. Anything else must be skipped without harm.
  const valid = edits.filter((e) => Number.isInteger(e.span.start) && Number.isInteger(e.span.end) && e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end);
  // Characters outside every valid edit span survive, in order.
  const covered = new Uint8Array(text.length + 1);
  for (const e of valid) for (let i = e.span.start; i < e.span.end; i++) covered[i] = 1;
  let kept = '';
  const pieces: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !covered[i]) kept += text[i];
    else if (kept !== '') {
      pieces.push(kept);
      kept = '';
    }
  }
  let at = 0;
  for (const p of pieces) {
    const found = out.indexOf(p, at);
    if (found < 0) fail('apply-edits', `text outside the valid edits was lost: ${JSON.stringify(p.slice(0, 40))}`);
    at = found + p.length;
  }
  // Without overlaps and with integer spans, the result is exactly the edits applied.
  const sorted = [...valid].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const disjoint = sorted.every((e, k) => k === 0 || e.span.start >= sorted[k - 1].span.end);
  if (disjoint && valid.length === edits.length) checkOnlyEditedSpans(text, out, sorted, 'apply-edits');
}

/** Every core property on one text: the analysis, up to `maxFixes` offered fixes, and the safe-fix rounds. */
export function checkAll(text: string, o: { maxFixes?: number; pick?: number; timing?: boolean; options?: CheckOptions } = {}): Analysis {
  const a = checkAnalysis(text, { timing: o.timing ?? true, pick: o.pick ?? 0, ...(o.options ? { options: o.options } : {}) });
  checkOfferedFixes(text, a.findings, { maxFixes: o.maxFixes ?? 4, pick: o.pick ?? 0, ...(o.options ? { options: o.options } : {}) });
  checkSafeFixRounds(text, a.findings, 20, o.options);
  return a;
}

/**
 * Shrinks a failing text: drops blocks of lines, then single lines, then characters, as long as
 * `fails` still holds. Used to turn a fuzz failure into a short regression input.
 */
export function minimiseText(text: string, fails: (t: string) => boolean, budget = 4000): string {
  let best = text;
  let calls = 0;
  const attempt = (candidate: string): boolean => {
    if (calls++ >= budget || candidate === best) return false;
    if (fails(candidate)) {
      best = candidate;
      return true;
    }
    return false;
  };
  const pass = (split: (s: string) => string[]): void => {
    let parts = split(best);
    for (let size = Math.max(1, parts.length >> 1); size >= 1; size = size >> 1) {
      let i = 0;
      while (i < parts.length) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)].join('');
        if (attempt(candidate)) parts = split(best);
        else i += size;
        if (calls >= budget) return;
      }
      if (size === 1) break;
    }
  };
  pass((s) => s.match(/[^\n]*\n|[^\n]+$/g) ?? []);
  pass((s) => [...s]);
  pass((s) => s.split(''));
  return best;
}
