/**
 * Other editors (docs/editors.md): the packed tarball installed with `npm install -g --prefix <tmp>`, then Neovim
 * (`nvim --headless`) and Emacs (`emacs --batch`, eglot + flymake) started with exactly the snippets of
 * docs/editors.md, on a seed report with known findings; the editor's diagnostics must be the installed CLI's
 * findings. Helix is not in Debian: its TOML is parsed and checked against Helix's languages.toml format.
 *
 * With XXGK_REQUIRE_EDITORS=1 (scripts/e2e/run.sh, so CI) a missing editor fails; otherwise it is skipped with
 * the reason. Under CI=true without it (`npm test` in .ci/run) they are skipped: CI runs them in test:e2e.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { docSnippet, installPackedTarball, type Installed } from './support';
import { REPO_ROOT } from '../cli/helpers';

const REQUIRE = process.env.XXGK_REQUIRE_EDITORS === '1';
const DOC = path.join(REPO_ROOT, 'docs', 'editors.md');
const SEED = path.join(REPO_ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt');
const SEED_EXPECT = SEED.replace(/\.txt$/, '.expect');
/** A file name the snippets recognise as a report (`*年度报告*.txt`). */
const REPORT_NAME = '湖南省质监局2017年政府信息公开工作年度报告.txt';
/** The placeholder in the Neovim snippets that docs/editors.md says to replace with the settings snippet. */
const NVIM_SETTINGS_SLOT = "['xxgk-report'] = {}";
/** How long an editor waits for the diagnostics (they come within a few seconds), and the process limit. */
const WAIT_MS = 40_000;
const TIMEOUT_MS = WAIT_MS + 30_000;

interface Finding {
  line: number;
  character: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
}

// ---- shared set-up, made once on first use --------------------------------------------------------------

let work: { dir: string; installed: Installed; report: string; reference: Finding[] } | undefined;
after(() => {
  if (work) fs.rmSync(work.dir, { recursive: true, force: true });
});

function setup() {
  if (work) return work;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-editors-'));
  const installed = installPackedTarball(dir);
  const report = path.join(dir, 'ws', REPORT_NAME);
  fs.mkdirSync(path.dirname(report));
  fs.copyFileSync(SEED, report);
  fs.chmodSync(report, 0o644);
  // The reference: the installed CLI, found on the same PATH as the editors' language server.
  const r = spawnSync('xxgk-report', ['check', '--format', 'json', report], { env: installed.env, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `xxgk-report check: ${r.status} ${r.stderr}`);
  const json = JSON.parse(r.stdout) as { files: { findings: { rule: string; severity: Finding['severity']; range: { start: { line: number; character: number } } }[] }[] };
  const reference = json.files[0].findings.map((f) => ({ line: f.range.start.line, character: f.range.start.character, rule: f.rule, severity: f.severity }));
  work = { dir, installed, report, reference };
  return work;
}

/** The `expect <rule> L<n> …` lines of the seed's sidecar file, as 0-based lines. */
function seedExpectations(): { rule: string; line: number }[] {
  return fs
    .readFileSync(SEED_EXPECT, 'utf8')
    .split('\n')
    .map((l) => /^expect (\S+) L(\d+)\b/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ rule: m[1], line: Number(m[2]) - 1 }));
}

const key = (f: { line: number; character: number; rule: string }) => `${f.line}:${f.character} ${f.rule}`;

/** The editor saw exactly the CLI's findings (position, rule and the severity the editor can tell apart). */
function assertSameFindings(seen: { line: number; character: number; rule: string; severity: string }[], reference: Finding[], severityOf: (s: Finding['severity']) => string[]) {
  assert.ok(reference.some((f) => f.severity === 'error'), 'the reference report has errors');
  assert.deepEqual(seen.map(key).sort(), reference.map(key).sort());
  for (const f of reference) {
    const s = seen.find((d) => key(d) === key(f))!;
    assert.ok(severityOf(f.severity).includes(s.severity), `${key(f)}: ${f.severity} shown as ${s.severity}`);
  }
  const rules = new Set(reference.map((f) => f.rule));
  for (const e of seedExpectations().filter((x) => rules.has(x.rule))) assert.ok(seen.some((d) => d.rule === e.rule && d.line === e.line), `expected ${e.rule} on line ${e.line + 1}`);
}

function which(cmd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { env, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why an editor's test cannot run here (skip, or fail under XXGK_REQUIRE_EDITORS), or undefined when it can. */
function unavailable(binary: string, debianPackages: string): string | undefined {
  if (process.env.CI && !REQUIRE) return 'in CI the editor tests run in npm run test:e2e (XXGK_REQUIRE_EDITORS=1)';
  if (!which(binary)) return `${binary} is not installed (Debian: apt-get install ${debianPackages}; scripts/e2e/setup.sh installs it)`;
  return undefined;
}

function check(t: { skip: (m: string) => void }, binary: string, debianPackages: string): boolean {
  const why = unavailable(binary, debianPackages);
  if (why === undefined) return true;
  if (REQUIRE) assert.fail(`XXGK_REQUIRE_EDITORS=1: ${why}`);
  t.skip(why);
  return false;
}

function ran(r: SpawnSyncReturns<string>, what: string): void {
  assert.equal(r.error, undefined, `${what}: ${r.error?.message}`);
  assert.equal(r.status, 0, `${what} exited ${r.status} (signal ${r.signal})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
}

// ---- Neovim -------------------------------------------------------------------------------------------

/** Waits for the buffer's diagnostics and writes them, with UTF-16 columns, and where the server binary is. */
const NVIM_HARNESS = `
local buf = vim.api.nvim_get_current_buf()
local start = vim.loop.now()
local function attached()
  if vim.lsp.get_clients then return #vim.lsp.get_clients({ bufnr = buf }) > 0 end
  return next(vim.lsp.buf_get_clients(buf)) ~= nil
end
-- Diagnostics, or give up early when no client is attached after 10 s (the snippet did not start one).
vim.wait(${WAIT_MS}, function() return #vim.diagnostic.get(buf) > 0 or (vim.loop.now() - start > 10000 and not attached()) end, 50)
local ok = #vim.diagnostic.get(buf) > 0
local list = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local text = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  local col = math.min(d.col, #text)
  local utf16
  if vim.fn.has('nvim-0.11') == 1 then utf16 = vim.str_utfindex(text, 'utf-16', col) else _, utf16 = vim.str_utfindex(text, col) end
  table.insert(list, { line = d.lnum, character = utf16, severity = d.severity, rule = d.code or '' })
end
local f = assert(io.open(os.getenv('XXGK_OUT'), 'w'))
f:write(vim.fn.json_encode({ ok = ok, filetype = vim.bo[buf].filetype, server = vim.fn.exepath('xxgk-report-language-server'), diagnostics = list }))
f:close()
vim.cmd('qa!')
`;

function nvimVersion(): [number, number] {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const m = /NVIM v(\d+)\.(\d+)/.exec(r.stdout ?? '');
  assert.ok(m, `nvim --version: ${r.stdout}`);
  return [Number(m[1]), Number(m[2])];
}

function runNvim(init: string, tag: string) {
  const w = setup();
  const dir = path.join(w.dir, `nvim-${tag}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'init.lua'), init);
  fs.writeFileSync(path.join(dir, 'harness.lua'), NVIM_HARNESS);
  const out = path.join(dir, 'out.json');
  const xdg = path.join(dir, 'xdg');
  const env = { ...w.installed.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg, XXGK_OUT: out };
  const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', path.join(dir, 'init.lua'), path.basename(w.report), '-c', `luafile ${path.join(dir, 'harness.lua')}`], {
    cwd: path.dirname(w.report),
    env,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  ran(r, 'nvim --headless');
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; filetype: string; server: string; diagnostics: { line: number; character: number; severity: number; rule: string }[] };
  assert.equal(result.ok, true, `no diagnostics within the time limit (${r.stderr})`);
  assert.equal(path.dirname(result.server), w.installed.bin, 'the language server is the one npm install -g put on PATH');
  const names = ['', 'error', 'warning', 'info', 'hint'];
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, severity: names[d.severity] })) };
}

// Neovim sends an info finding as Hint (infoAsHint) and shows it as such.
const nvimSeverity = (s: Finding['severity']) => (s === 'info' ? ['hint'] : [s]);

/** The Neovim snippets of docs/editors.md and the versions they are for (as the page says). */
const nvimSnippets = [
  { id: 'nvim-0.7', min: [0, 7], max: [0, 10] },
  { id: 'nvim-0.11', min: [0, 11], max: [Infinity, 0] },
] as const;
const versionIn = ([major, minor]: [number, number], s: (typeof nvimSnippets)[number]) =>
  (major > s.min[0] || (major === s.min[0] && minor >= s.min[1])) && (major < s.max[0] || (major === s.max[0] && minor <= s.max[1]));

for (const snippetInfo of nvimSnippets) {
  const { id, min } = snippetInfo;
  test(`Neovim ≥ ${min.join('.')}: the ${id} snippet of docs/editors.md attaches the installed server; diagnostics equal the CLI's`, (t) => {
    if (!check(t, 'nvim', 'neovim')) return;
    const snippet = docSnippet(DOC, id);
    const [major, minor] = nvimVersion();
    if (!versionIn([major, minor], snippetInfo)) {
      // Not for this version: at least it must be Lua the editor's own interpreter compiles.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-nvim-parse-'));
      t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
      fs.writeFileSync(path.join(dir, 'snippet.lua'), snippet);
      const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `lua local f, e = loadfile('${path.join(dir, 'snippet.lua')}'); if not f then io.stderr:write(e); vim.cmd('cquit') end`, '-c', 'qa!'], { encoding: 'utf8', timeout: 30_000 });
      ran(r, 'nvim: loadfile(snippet)');
      t.diagnostic(`${id}: parsed only; it is not for Neovim ${major}.${minor}, so not run`);
      return;
    }
    const w = setup();
    const seen = runNvim(snippet, id);
    assertSameFindings(seen.diagnostics, w.reference, nvimSeverity);
    assert.equal(seen.filetype, id === 'nvim-0.11' ? 'xxgk-report' : 'text');
  });
}

test('Neovim: the nvim-settings snippet in the snippet for this Neovim reaches the server (title-row-value off)', (t) => {
  if (!check(t, 'nvim', 'neovim')) return;
  const w = setup();
  const version = nvimVersion();
  const forThis = nvimSnippets.find((s) => versionIn(version, s));
  assert.ok(forThis, `docs/editors.md has a snippet for Neovim ${version.join('.')}`);
  const snippet = docSnippet(DOC, forThis.id);
  assert.equal(docSnippet(DOC, 'nvim-0.7').split(NVIM_SETTINGS_SLOT).length, 2, `the nvim-0.7 snippet has one ${NVIM_SETTINGS_SLOT}`);
  assert.equal(docSnippet(DOC, 'nvim-0.11').split(NVIM_SETTINGS_SLOT).length, 2, `the nvim-0.11 snippet has one ${NVIM_SETTINGS_SLOT}`);
  const seen = runNvim(snippet.replace(NVIM_SETTINGS_SLOT, docSnippet(DOC, 'nvim-settings').trim()), 'settings');
  const expected = w.reference.filter((f) => f.rule !== 'title-row-value');
  assert.ok(expected.length < w.reference.length, 'the report has title-row-value findings to switch off');
  assertSameFindings(seen.diagnostics, expected, nvimSeverity);
});

// ---- Emacs (eglot) ---------------------------------------------------------------------------------------

/**
 * Opens the report with find-file (flymake starts only on a displayed buffer) and waits for flymake's
 * diagnostics. Batch mode has no command loop: the loop runs post-command-hook itself each round, as the command
 * loop does after each command (eglot-ensure and flymake both start from it).
 */
const EMACS_HARNESS = `
(require 'json)
(require 'cl-lib)
(let* ((buf (find-file (getenv "XXGK_REPORT")))
       (start (float-time))
       diags managed server)
  (with-current-buffer buf
    ;; Diagnostics; give up at once when the snippet did not pick the mode, after 10 s when eglot has no server.
    (while (and (eq major-mode 'xxgk-report-mode)
                (< (float-time) (+ start ${WAIT_MS / 1000}))
                (or (< (float-time) (+ start 10)) (and (fboundp 'eglot-current-server) (eglot-current-server)))
                (null (setq diags (flymake-diagnostics))))
      (run-hooks 'post-command-hook)
      (accept-process-output nil 0.05))
    (setq managed (and (fboundp 'eglot-current-server) (eglot-current-server) t)
          server (executable-find "xxgk-report-language-server"))
    (setq diags
          (mapcar (lambda (d)
                    (let* ((beg (flymake-diagnostic-beg d))
                           (before (save-excursion (goto-char beg) (buffer-substring-no-properties (line-beginning-position) beg)))
                           (text (flymake-diagnostic-text d)))
                      \`((line . ,(1- (line-number-at-pos beg)))
                        (character . ,(+ (length before) (cl-count-if (lambda (c) (> c #xFFFF)) before)))
                        (severity . ,(symbol-name (flymake-diagnostic-type d)))
                        (rule . ,(if (string-match "\\\\[\\\\([a-z0-9-]+\\\\)\\\\]" text) (match-string 1 text) "")))))
                  diags)))
  (with-temp-file (getenv "XXGK_OUT")
    (insert (json-encode \`((mode . ,(symbol-name (buffer-local-value 'major-mode buf)))
                           (managed . ,(if managed t :json-false))
                           (server . ,(or server ""))
                           (diagnostics . ,(vconcat diags))))))
  (kill-emacs 0))
`;

function runEmacs(init: string, tag: string) {
  const w = setup();
  const dir = path.join(w.dir, `emacs-${tag}`);
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'init.el'), init);
  fs.writeFileSync(path.join(dir, 'harness.el'), EMACS_HARNESS);
  const out = path.join(dir, 'out.json');
  const env = { ...w.installed.env, HOME: path.join(dir, 'home'), XXGK_REPORT: w.report, XXGK_OUT: out };
  // --batch skips the start-up package activation that runs before init.el (Emacs 27+): do it first, so
  // packages installed from ELPA or Debian's elpa-* are set up as in an interactive Emacs.
  const r = spawnSync('emacs', ['--batch', '--eval', '(package-activate-all)', '-l', path.join(dir, 'init.el'), '-l', path.join(dir, 'harness.el')], {
    cwd: path.dirname(w.report),
    env,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  ran(r, 'emacs --batch');
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { mode: string; managed: boolean; server: string; diagnostics: { line: number; character: number; severity: string; rule: string }[] };
  assert.equal(result.mode, 'xxgk-report-mode', `the report did not open in xxgk-report-mode (${r.stderr})`);
  assert.equal(result.managed, true, `eglot does not manage the report (${r.stderr})`);
  assert.ok(result.diagnostics.length > 0, `no diagnostics within the time limit (${r.stderr})`);
  assert.equal(path.dirname(result.server), w.installed.bin, 'the language server is the one npm install -g put on PATH');
  return result;
}

// eglot shows LSP errors as eglot-error, warnings as eglot-warning, information and hints as eglot-note.
const emacsSeverity = (s: Finding['severity']) => [s === 'info' ? 'eglot-note' : `eglot-${s}`];

function eglotAvailable(t: { skip: (m: string) => void }): boolean {
  if (!check(t, 'emacs', 'emacs-nox elpa-eglot')) return false;
  const r = spawnSync('emacs', ['--batch', '--eval', "(progn (package-activate-all) (require 'eglot))"], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: os.tmpdir() } });
  if (r.status === 0) return true;
  const why = `emacs cannot load eglot (Emacs 28: apt-get install elpa-eglot; Emacs 29+ has it built in): ${r.stderr.trim().split('\n').pop()}`;
  if (REQUIRE) assert.fail(`XXGK_REQUIRE_EDITORS=1: ${why}`);
  t.skip(why);
  return false;
}

test('Emacs + eglot: the emacs snippet of docs/editors.md starts the installed server; flymake shows the CLI findings', (t) => {
  if (!eglotAvailable(t)) return;
  const w = setup();
  const seen = runEmacs(docSnippet(DOC, 'emacs'), 'plain');
  assertSameFindings(seen.diagnostics, w.reference, emacsSeverity);
});

test('Emacs + eglot: the emacs-settings snippet after it reaches the server (title-row-value off)', (t) => {
  if (!eglotAvailable(t)) return;
  const w = setup();
  const seen = runEmacs(`${docSnippet(DOC, 'emacs')}\n${docSnippet(DOC, 'emacs-settings')}`, 'settings');
  const expected = w.reference.filter((f) => f.rule !== 'title-row-value');
  assert.ok(expected.length < w.reference.length, 'the report has title-row-value findings to switch off');
  assertSameFindings(seen.diagnostics, expected, emacsSeverity);
});

// ---- Helix ------------------------------------------------------------------------------------------------

/**
 * Helix's languages.toml format, from helix-core/src/syntax/config.rs (struct LanguageConfiguration, which
 * denies unknown fields, and LanguageServerConfiguration): the keys a [[language]] table may have, the ones it
 * must have, and the language-server keys.
 */
const HELIX_LANGUAGE_KEYS = new Set([
  'name', 'language-id', 'scope', 'file-types', 'shebangs', 'roots', 'comment-token', 'comment-tokens', 'block-comment-tokens',
  'text-width', 'soft-wrap', 'auto-format', 'code-actions-on-save', 'formatter', 'path-completion', 'word-completion',
  'diagnostic-severity', 'grammar', 'injection-regex', 'language-servers', 'indent', 'debugger', 'auto-pairs', 'rulers',
  'workspace-lsp-roots', 'persistent-diagnostic-sources', 'rainbow-brackets',
]);
const HELIX_LANGUAGE_REQUIRED = ['name', 'scope', 'file-types'];
const HELIX_SERVER_KEYS = new Set(['command', 'args', 'environment', 'config', 'timeout', 'required-root-patterns']);

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

test('Helix: the helix snippet of docs/editors.md is valid languages.toml for the installed server', async (t) => {
  // smol-toml is an ES module (with a CommonJS build whose types TypeScript does not pick): imported dynamically.
  const { parse: parseToml } = await import('smol-toml');
  const toml = parseToml(docSnippet(DOC, 'helix')) as { 'language-server'?: Record<string, Record<string, unknown>>; language?: Record<string, unknown>[] };
  const servers = toml['language-server'] ?? {};
  assert.deepEqual(Object.keys(servers), ['xxgk-report']);
  const server = servers['xxgk-report'];
  for (const k of Object.keys(server)) assert.ok(HELIX_SERVER_KEYS.has(k), `unknown language-server key ${k}`);
  assert.equal(server.command, 'xxgk-report-language-server');
  assert.deepEqual(server.args, ['--stdio']);
  assert.equal(toml.language?.length, 1);
  const lang = toml.language![0];
  for (const k of Object.keys(lang)) assert.ok(HELIX_LANGUAGE_KEYS.has(k), `unknown [[language]] key ${k} (Helix denies unknown fields)`);
  for (const k of HELIX_LANGUAGE_REQUIRED) assert.ok(k in lang, `[[language]] lacks ${k}`);
  assert.equal(typeof lang.name, 'string');
  assert.equal(typeof lang.scope, 'string');
  assert.ok(isStrings(lang.roots ?? []), 'roots is a list of strings');
  const fileTypes = lang['file-types'] as unknown[];
  assert.ok(Array.isArray(fileTypes) && fileTypes.length > 0);
  const globs: string[] = [];
  for (const ft of fileTypes) {
    if (typeof ft === 'string') continue;
    assert.ok(typeof ft === 'object' && ft !== null && Object.keys(ft).join() === 'glob' && typeof (ft as { glob: unknown }).glob === 'string', `file type ${JSON.stringify(ft)}: a string or { glob = "…" }`);
    globs.push((ft as { glob: string }).glob);
  }
  assert.deepEqual(lang['language-servers'], Object.keys(servers));
  // The globs pick the same file names as the other editors' set-up (and the VS Code extension's patterns).
  const toRegExp = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  assert.ok(globs.some((g) => toRegExp(g).test(REPORT_NAME)), `no glob matches ${REPORT_NAME}`);
  assert.ok(!globs.some((g) => toRegExp(g).test('notes.txt')));
  const hx = which('hx') ?? which('helix');
  if (!hx) {
    t.diagnostic('Helix is not installed (not packaged in Debian 12): TOML checked only, hx --health not run');
    return;
  }
  const w = setup();
  const config = path.join(w.dir, 'helix-config', 'helix');
  fs.mkdirSync(config, { recursive: true });
  fs.writeFileSync(path.join(config, 'languages.toml'), docSnippet(DOC, 'helix'));
  const r = spawnSync(hx, ['--health', 'xxgk-report'], { env: { ...w.installed.env, XDG_CONFIG_HOME: path.dirname(config) }, encoding: 'utf8', timeout: 30_000 });
  ran(r, 'hx --health xxgk-report');
  assert.match(r.stdout, /xxgk-report-language-server/);
  assert.doesNotMatch(r.stdout, /not found in \$PATH/i);
});
