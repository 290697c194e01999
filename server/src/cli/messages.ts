/** The CLI's own words, in Chinese and English. */

export type Lang = 'zh' | 'en';

/** `zh` unless LC_ALL, LC_MESSAGES or LANG (the first one set) starts with `en`. */
export function defaultLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

const ERRNO_REASONS: Record<string, { zh: string; en: string }> = {
  ENOENT: { zh: '文件或目录不存在', en: 'no such file or directory' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '操作不被允许', en: 'operation not permitted' },
  EISDIR: { zh: '是一个目录', en: 'is a directory' },
  ENOTDIR: { zh: '路径中有一部分不是目录', en: 'not a directory' },
  ELOOP: { zh: '符号链接层数过多（可能是循环链接）', en: 'too many levels of symbolic links (a link loop?)' },
  EMFILE: { zh: '打开的文件过多', en: 'too many open files' },
  EROFS: { zh: '只读文件系统', en: 'read-only file system' },
  ENOSPC: { zh: '磁盘空间不足', en: 'no space left on device' },
};

export function errnoReason(e: NodeJS.ErrnoException, lang: Lang): string {
  const known = e.code ? ERRNO_REASONS[e.code] : undefined;
  if (known) return known[lang];
  return e.code ? `${e.code}: ${e.message}` : e.message;
}

export const M = {
  cannotRead: (file: string, reason: string) => ({ zh: `无法读取 ${file}：${reason}`, en: `cannot read ${file}: ${reason}` }),
  cannotWrite: (file: string, reason: string) => ({ zh: `无法写入 ${file}：${reason}`, en: `cannot write ${file}: ${reason}` }),
  binary: { zh: '不支持的二进制文件，无法检查（可检查 .txt .md .html .docx .pdf）', en: 'unsupported binary file: cannot be checked (.txt .md .html .docx .pdf can)' },
  previousOtherBody: (file: string) => ({ zh: `与上年报告 ${file} 不是同一机关，未作跨年度对比`, en: `not the same body as last year's report ${file}: not compared across years` }),
  previousNoYear: { zh: '未识别出报告年度，不是年度报告', en: 'no report year found: not an annual report' },
  previousUnreadable: (reason: string) => ({ zh: `上年报告（--previous）：${reason}`, en: `last year's report (--previous): ${reason}` }),
  excludedByFiles: { zh: '按设置 xxgk-report.files 排除，未检查', en: 'excluded by the setting xxgk-report.files: not checked' },
  notAReport: { zh: '未识别为政府信息公开工作年度报告（没有报告标题，也没有统计表），未检查', en: 'not recognised as an annual disclosure report (no report title, no statistics table): not checked' },
  notRegular: { zh: '已跳过：不是普通文件（管道、设备等）', en: 'skipped: not a regular file (a pipe, a device…)' },
  tooLarge: (mib: number) => ({ zh: `已跳过：文件超过 ${mib} MiB`, en: `skipped: file larger than ${mib} MiB` }),
  undecodable: {
    zh: '无法识别编码（不是 UTF-8、带 BOM 的 UTF-16 或 GB18030）',
    en: 'unknown encoding (not UTF-8, UTF-16 with a BOM, or GB18030)',
  },
  empty: { zh: '空文件，未检查', en: 'empty file, nothing to check' },
  notFixedEncoding: (enc: string) => ({
    zh: `未修复：无法按原编码（${enc}）逐字节写回`,
    en: `not fixed: cannot re-encode exactly (${enc})`,
  }),
  notFixedConverted: (format: string) => ({
    zh: `未修复：这是转换来的 ${format.toUpperCase()} 文件，请按提示在原文件中修改`,
    en: `not fixed: a converted ${format.toUpperCase()} file; make the changes in the original`,
  }),
  readOnly: { zh: '未修复：文件是只读的', en: 'not fixed: the file is read-only' },
  outsideTree: { zh: '未修复：这是指向所查目录之外的链接', en: 'not fixed: a link to a file outside the checked directory' },
  changedMeanwhile: { zh: '未修复：检查期间文件被改动', en: 'not fixed: the file changed while it was being checked' },
  internal: (file: string, reason: string) => ({ zh: `检查 ${file} 时内部出错：${reason}`, en: `internal error while checking ${file}: ${reason}` }),
  progress: (done: number, total: number) => ({ zh: `检查中 ${done}/${total} …`, en: `Checking ${done}/${total} …` }),
  usageHint: { zh: '用 xxgk-report --help 查看用法', en: 'run xxgk-report --help for usage' },
  unknownRule: (id: string, known: readonly string[]) => ({
    zh: `未知的规则：${id}（可选 ${known.join('、')}）`,
    en: `unknown rule: ${id} (one of ${known.join(', ')})`,
  }),
  stdinNoFix: { zh: '--fix 不能用于标准输入（-）', en: '--fix cannot be used with standard input (-)' },
} as const;

export interface Counts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  unreadable: number;
  /** Files whose tables were not all read. */
  unchecked: number;
  /** Files not checked at all (empty, too large, not a report). */
  skipped: number;
  fixed: number;
}

/** `3 个文件，5 个问题（2 个错误，3 个警告）` / `3 files, 5 problems (2 errors, 3 warnings)`. */
export function summaryLine(c: Counts, lang: Lang, dryRun: boolean): string {
  const problems = c.errors + c.warnings + c.infos + c.hints;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  let line: string;
  if (lang === 'zh') {
    const parts: string[] = [];
    if (c.errors) parts.push(`${c.errors} 个错误`);
    if (c.warnings) parts.push(`${c.warnings} 个警告`);
    if (c.infos) parts.push(`${c.infos} 条信息`);
    if (c.hints) parts.push(`${c.hints} 条提示`);
    // "未发现问题" only when every table was read: otherwise some figures were never checked.
    const partly = c.unchecked || c.skipped || c.unreadable;
    const none = c.files > 0 && c.skipped + c.unreadable >= c.files;
    line = `${c.files} 个文件，` + (problems ? `${problems} 个问题（${parts.join('，')}）` : none ? '没有检查任何报告' : partly ? '已读取的部分未发现问题' : '未发现问题');
    if (c.fixed) line += dryRun ? `，可自动修复 ${c.fixed} 处` : `，已自动修复 ${c.fixed} 处`;
    if (c.unreadable) line += `，${c.unreadable} 个文件无法读取`;
    if (c.unchecked) line += `，${c.unchecked} 个文件有表格未能完整读取（其数字未全部核对）`;
    if (c.skipped) line += `，${c.skipped} 个文件未检查`;
  } else {
    const parts: string[] = [];
    if (c.errors) parts.push(plural(c.errors, 'error', 'errors'));
    if (c.warnings) parts.push(plural(c.warnings, 'warning', 'warnings'));
    if (c.infos) parts.push(plural(c.infos, 'info', 'infos'));
    if (c.hints) parts.push(plural(c.hints, 'hint', 'hints'));
    const partly = c.unchecked || c.skipped || c.unreadable;
    const none = c.files > 0 && c.skipped + c.unreadable >= c.files;
    line = plural(c.files, 'file', 'files') + ', ' + (problems ? `${plural(problems, 'problem', 'problems')} (${parts.join(', ')})` : none ? 'no report checked' : partly ? 'no problems in what was read' : 'no problems');
    if (c.fixed) line += dryRun ? `, ${plural(c.fixed, 'fix', 'fixes')} would be applied` : `, ${plural(c.fixed, 'fix', 'fixes')} applied`;
    if (c.unreadable) line += `, ${c.unreadable} unreadable`;
    if (c.unchecked) line += `, ${plural(c.unchecked, 'file', 'files')} with tables not fully read (their figures not all checked)`;
    if (c.skipped) line += `, ${plural(c.skipped, 'file', 'files')} not checked`;
  }
  return line;
}

export function helpText(lang: Lang, version: string): string {
  if (lang === 'en') {
    return `xxgk-report ${version} — checks annual government information disclosure reports (政府信息公开工作年度报告)

Usage:
  xxgk-report check [options] <file|dir>...
  xxgk-report extract <file>       print the text a web page, Word file or PDF is
                                   checked as, tables as aligned pipe tables
                                   (save it as .md to start an editable draft)
  xxgk-report draft --from <last year's report> [--year <year>] [--out <file.md>] [--force]
                                   start this year's draft from last year's report:
                                   years moved on, the new format's tables empty but for
                                   the carry-over, last year's sentences marked 〔上年原文〕
                                   and figures put in 〔〕 (docs/draft.md); standard output
                                   unless --out (an existing file only with --force)
  xxgk-report review [--out <file>] [--format html|csv|json] [--lang zh|en]
                     [--jobs <n>] [--template …] [--rule …] [--no-narrative] <file|dir>...
                                   review a set of reports: each report (a file of
                                   several is split) checked and compared with last
                                   year's report of the same body; one self-contained
                                   HTML page (default; overview, charts, tables, findings),
                                   a CSV overview (UTF-8 with BOM) or JSON; standard
                                   output unless --out; exit codes as check's
                                   (docs/review.md)
  xxgk-report --help | --version

Directories are searched recursively for .txt .md .html .htm .shtml .docx .pdf
(and .doc/.wps, reported as needing to be saved as .docx); node_modules and
dot-directories are skipped; symbolic links are followed once. A file named on
the command line is checked whatever its extension; "-" reads standard input.
Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, GB18030/GBK;
web pages by their <meta charset>.
Web pages, Word and PDF files are converted: locations are line:column in the
extracted text, followed by the page or table cell in the original; --fix lists
the fixes but does not rewrite such a file.

Options:
  -f, --format <human|json|sarif>  output format (default: human)
      --lang <zh|en>               message language (default: zh, or en when
                                   LC_ALL/LC_MESSAGES/LANG starts with "en")
      --template <gov2014|gov2019|gov2021>
                                   check against this template instead of detecting it
      --rule <id>=<level>          set a rule's severity: off, error, warning, info,
                                   hint; repeatable, or comma-separated
      --no-narrative               skip the rules comparing the prose with the tables
  -q, --quiet                      report errors only
      --fix                        apply the safe fixes and rewrite the files (same
                                   encoding, BOM and line endings; atomic replace)
      --dry-run                    with --fix: print a unified diff, write nothing
      --report-suppressed          also list the findings that directives in the
                                   report silence (marked; not counted)
  -j, --jobs <n>                   check on n threads (default: the number of CPUs,
                                   at most 8; output order does not change)
      --previous <file>            last year's report of the same body (any format):
                                   the cross-year rules (carry-over, stock, copied
                                   text, year) compare each report with it
  -h, --help                       show this help
  -V, --version                    show the version

Human output: one line per finding, "file:line:column severity rule-id message".
Lines and columns are 1-based; a column counts UTF-16 code units (a Chinese
character is 1, a character outside the BMP is 2), as editors do.
JSON output: {"version": 1, "files": [...], "summary": {...}}; ranges are 0-based
and count UTF-16 code units, like LSP.
SARIF output: SARIF 2.1.0, one run.

Exit codes:
  0  no errors or warnings (info and hints do not count)
  1  at least one error or warning was found
  2  usage error, an unreadable or undecodable input, a failed write, or an
     internal error (takes precedence over 1)
`;
  }
  return `xxgk-report ${version} —— 政府信息公开工作年度报告检查工具

用法：
  xxgk-report check [选项] <文件|目录>...
  xxgk-report extract <文件>       输出网页、Word 或 PDF 文件转换后被检查的文字，表格
                                   排成对齐的竖线表（另存为 .md 即可作为可编辑草稿）
  xxgk-report draft --from <上年报告> [--year <年度>] [--out <文件.md>] [--force]
                                   从上年报告生成本年草稿：年份顺延，表格为本年格式、
                                   只填上年结转，上年的句子标〔上年原文〕、数字加〔〕
                                   （见 docs/draft.md）；默认输出到标准输出，--out 写入
                                   文件（已存在的文件须加 --force 才覆盖）
  xxgk-report review [--out <文件>] [--format html|csv|json] [--lang zh|en]
                     [--jobs <n>] [--template …] [--rule …] [--no-narrative] <文件|目录>...
                                   审阅一批报告：逐份检查（一个文件含多份报告时分开），
                                   并与同一机关上年报告对比；输出一个独立的 HTML 页面
                                   （默认；总览、统计图、表格、问题）、CSV 总览（带 BOM
                                   的 UTF-8）或 JSON；默认输出到标准输出，--out 写入
                                   文件；退出码与 check 相同（见 docs/review.md）
  xxgk-report --help | --version

目录会递归查找 .txt .md .html .htm .shtml .docx .pdf 文件（以及 .doc/.wps，会提示
另存为 .docx）；跳过 node_modules 和以点开头的目录；符号链接只跟随一次，不会陷入
循环。命令行上直接给出的文件不论扩展名都会检查；"-" 表示读取标准输入。支持的编码：
UTF-8（带或不带 BOM）、带 BOM 的 UTF-16 LE/BE、GB18030/GBK；网页按其 <meta charset>。
网页、Word 和 PDF 文件先转换再检查：位置是转换后文字的“行:列”，后附原文件中的页码或
表格单元格；--fix 对这类文件只列出修复，不改写文件。

选项：
  -f, --format <human|json|sarif>  输出格式（默认 human）
      --lang <zh|en>               提示语言（默认 zh；LC_ALL/LC_MESSAGES/LANG 以 en
                                   开头时为 en）
      --template <gov2014|gov2019|gov2021>
                                   按指定模板检查，不自动识别
      --rule <规则>=<级别>       设置规则级别：off、error、warning、info、hint；
                                   可重复，也可用逗号分隔
      --no-narrative               不检查正文数字与表格是否一致
  -q, --quiet                      只报告错误
      --fix                        应用安全的自动修复并写回文件（保持原编码、BOM 和
                                   换行符；原子替换）
      --dry-run                    与 --fix 一起用：只输出统一格式的差异，不写文件
      --report-suppressed          同时列出被报告中注释指令停用的问题（加标记，
                                   不计入统计）
  -j, --jobs <n>                   用 n 个线程检查（默认为 CPU 数，最多 8；不影响
                                   输出顺序）
      --previous <文件>            同一机关的上年报告（任一支持的格式）：跨年度规则
                                   （上年结转、存量衔接、沿用上年文本、年度）把每份报告
                                   与它对比
  -h, --help                       显示本帮助
  -V, --version                    显示版本

文本输出每个问题一行："文件:行:列 级别 规则 说明"。行号和列号从 1 开始；列按
UTF-16 码元计数（一个汉字算 1，BMP 以外的字符算 2），与编辑器一致。
JSON 输出：{"version": 1, "files": [...], "summary": {...}}；范围从 0 开始，按
UTF-16 码元计数，与 LSP 相同。
SARIF 输出：SARIF 2.1.0，一个 run。

退出码：
  0  没有错误或警告（信息和提示不计）
  1  发现至少一个错误或警告
  2  用法错误、有文件无法读取或无法识别编码、写入失败或内部错误（优先于 1）
`;
}
