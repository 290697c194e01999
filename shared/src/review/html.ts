/**
 * The review page: one self-contained HTML file (inline CSS, JS and SVG; nothing is fetched), Chinese first.
 * An overview table (one row per report, sortable and filterable in the page), the charts, then each report's
 * findings with their excerpts and locations and its tables drawn as grids with the cells that findings point at,
 * blank cells and inferred figures marked. Printable: the controls are hidden and each report starts a page.
 * Report text is untrusted: every string from it is escaped, and the script reads only the page's own attributes.
 */
import type { ReviewLang } from './build';
import { ruleChart, stripPlot, type StripPoint } from './charts';
import { escapeHtml as esc } from './escape';
import type { ReviewData, ReviewFinding, ReviewReport, ReviewTable } from './schema';
import { PAIRING, SHORT_TABLE, STATE, TEMPLATE_NAME, VERDICT, coverageText, percent, t } from './text';

const W = {
  title: { zh: '政府信息公开工作年度报告审阅', en: 'Annual disclosure reports: review' },
  overview: { zh: '总览', en: 'Overview' },
  charts: { zh: '统计图', en: 'Charts' },
  details: { zh: '各报告详情', en: 'Reports in detail' },
  report: { zh: '报告', en: 'Report' },
  body: { zh: '发布机关', en: 'Issuing body' },
  year: { zh: '年度', en: 'Year' },
  template: { zh: '格式', en: 'Format' },
  coverage: { zh: '表格读取', en: 'Tables read' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  infos: { zh: '信息', en: 'Infos' },
  verdict: { zh: '结论', en: 'Verdict' },
  previous: { zh: '上年报告', en: "Last year's report" },
  filter: { zh: '筛选', en: 'Filter' },
  filterPlaceholder: { zh: '输入机关名称、文件名…', en: 'Type a body, a file name…' },
  allVerdicts: { zh: '全部结论', en: 'All verdicts' },
  anySeverity: { zh: '任何级别', en: 'Any severity' },
  hasErrors: { zh: '有错误', en: 'With errors' },
  hasWarnings: { zh: '有警告', en: 'With warnings' },
  hasInfos: { zh: '有信息', en: 'With infos' },
  shown: { zh: '显示', en: 'Showing' },
  rulesChart: { zh: '各规则发现的问题数（全部报告）', en: 'Findings per rule (all reports)' },
  requests: { zh: '本年新收申请数', en: 'New requests' },
  concluded: { zh: '办结率（办结数 ÷ 新收与上年结转之和）', en: 'Concluded rate (concluded ÷ new + carried over)' },
  correction: { zh: '行政复议、行政诉讼纠错率（结果纠正 ÷ 总计）', en: 'Review and litigation correction rate (corrected ÷ total)' },
  findings: { zh: '发现的问题', en: 'Findings' },
  crossYear: { zh: '跨年度对比', en: 'Compared with last year' },
  noFindings: { zh: '没有发现问题。', en: 'No findings.' },
  tables: { zh: '统计表', en: 'Tables' },
  line: { zh: '行', en: 'line' },
  original: { zh: '原文', en: 'in the original' },
  legend: { zh: '图例', en: 'Legend' },
  wrong: { zh: '有问题的单元格', en: 'cell a finding points at' },
  empty: { zh: '未填写', en: 'blank' },
  inferred: { zh: '推断的数字', en: 'inferred figure' },
  invalid: { zh: '不是有效数字', en: 'not a valid number' },
  back: { zh: '返回总览', en: 'Back to the overview' },
  reason: { zh: '原因', en: 'Reason' },
  lastYearFile: { zh: '上年报告', en: "last year's report" },
  generatedBy: { zh: '由 xxgk-report review 生成', en: 'Made by xxgk-report review' },
} as const;

type Words = keyof typeof W;

const CSS = `
:root{--err:#c62828;--warn:#ef8f00;--info:#1565c0;--ok:#2e7d32;--muted:#666;--line:#ddd}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1400px;padding:16px 24px;color:#222}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px;border-bottom:2px solid #333}h3{font-size:16px;margin:16px 0 6px}
.muted{color:var(--muted)}.summary{margin:4px 0 12px}
.controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
.controls input{flex:1;min-width:200px;padding:4px 8px}.controls select,.controls input{font:inherit}
table{border-collapse:collapse}
#overview{width:100%}#overview th,#overview td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
#overview th{white-space:nowrap;cursor:pointer;user-select:none;background:#f4f4f4;position:sticky;top:0}#overview th[aria-sort=ascending]::after{content:" ▲"}#overview th[aria-sort=descending]::after{content:" ▼"}
#overview td.n{text-align:right;font-variant-numeric:tabular-nums}#overview td.f{word-break:break-all;min-width:180px;max-width:360px}#overview td.b,#overview td.t{white-space:nowrap}#overview td.p{max-width:220px;font-size:12px}
.v{font-weight:600;white-space:nowrap}.v-reject{color:var(--err)}.v-revise{color:var(--warn)}.v-clean{color:var(--ok)}.v-incomplete,.v-unchecked{color:#6d4c41}.v-unreadable{color:var(--err);text-decoration:underline}
.cov{white-space:nowrap;font-size:12px}.st{display:inline-block;padding:0 4px;margin:1px;border-radius:3px;background:#eee}.st-read{background:#e8f5e9}.st-partial,.st-empty{background:#fff3e0}.st-unreadable{background:#ffebee}.st-absent{background:#f5f5f5;color:var(--muted)}
tr.bad td{background:#fff5f5}
.chart{max-width:100%;height:auto;font-size:11px}.chart .rid{fill:var(--muted)}.chart .axis{stroke:#888}.chart .box{fill:#e3f2fd;stroke:#1565c0}.chart .median{stroke:#0d47a1;stroke-width:2}.chart .whisker{stroke:#1565c0}
.chart .dot{fill:#1565c0;fill-opacity:.6}.chart .dot.out{fill:var(--err);fill-opacity:.9}.chart .olabel{fill:var(--err)}
figure{margin:8px 0 16px}figcaption{font-weight:600}
section.rep{border-top:1px solid #999;margin-top:24px;padding-top:4px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
ol.fs{padding-left:24px}ol.fs li{margin:6px 0}
.sev{display:inline-block;min-width:3em;text-align:center;color:#fff;border-radius:3px;padding:0 4px;font-size:12px}.sev-error{background:var(--err)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}.sev-hint{background:#9e9e9e}
.rule{color:var(--muted);font-size:12px}.loc{font-size:12px;color:var(--muted)}
code.ex{display:block;background:#f7f7f7;border-left:3px solid #ccc;padding:2px 6px;margin:2px 0;white-space:pre-wrap;word-break:break-all;font-size:12px}code.ex mark{background:#ffe082}
.rel{font-size:12px;margin-left:12px}.rel.prev{border-left:3px solid #7b1fa2;padding-left:6px}
.cy{border:1px solid #ce93d8;background:#fbf5fc;padding:4px 8px;margin:8px 0}
table.g{margin:6px 0 12px;font-size:12px}table.g th,table.g td{border:1px solid #bbb;padding:1px 4px}table.g thead th{background:#f4f4f4;font-weight:600}
table.g td{text-align:right;min-width:2.5em;font-variant-numeric:tabular-nums}table.g th.l{text-align:left;font-weight:normal;max-width:360px}table.g tr.title th.l,table.g tr.group th.l{font-weight:600}
td.w-error{background:#ffcdd2;outline:2px solid var(--err)}td.w-warning{background:#ffe0b2;outline:2px solid var(--warn)}td.w-info,td.w-hint{background:#e3f2fd;outline:1px solid var(--info)}
td.e{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eee 3px,#eee 6px)}td.i{background:#f3e5f5;font-style:italic}td.x{background:#ffebee;color:var(--err)}
.lg span{display:inline-block;border:1px solid #bbb;padding:0 6px;margin-right:6px;font-size:12px}
a{color:#0d47a1}
@media print{.controls,.back{display:none}body{max-width:none;padding:0;font-size:11px}section.rep{break-before:page}table.g,figure{break-inside:avoid}#overview th{position:static}a{color:inherit;text-decoration:none}}
`;

/** Sorting by a column (numbers as numbers, data-v first), and filtering by text, verdict and severity. */
const SCRIPT = `
(function(){
var table=document.getElementById('overview');if(!table)return;
var tbody=table.tBodies[0];var rows=Array.prototype.slice.call(tbody.rows);
var q=document.getElementById('q'),fv=document.getElementById('fv'),fs=document.getElementById('fs'),count=document.getElementById('count');
function key(td){var v=td.getAttribute('data-v');return v===null?td.textContent.trim():v;}
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){th.addEventListener('click',function(){
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir===1?'ascending':'descending');
var sorted=rows.slice().sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);var nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)?nx-ny:(x<y?-1:x>y?1:0);return c*dir||(rows.indexOf(a)-rows.indexOf(b));});
sorted.forEach(function(r){tbody.appendChild(r);});});});
function apply(){var text=q.value.trim().toLowerCase(),v=fv.value,s=fs.value,n=0;
rows.forEach(function(r){var ok=(!text||r.textContent.toLowerCase().indexOf(text)>=0)&&(!v||r.getAttribute('data-verdict')===v)&&(!s||(' '+r.getAttribute('data-sev')+' ').indexOf(' '+s+' ')>=0);
r.hidden=!ok;if(ok)n++;var d=document.getElementById(r.getAttribute('data-id'));if(d)d.hidden=!ok;});
count.textContent=n+' / '+rows.length;}
q.addEventListener('input',apply);fv.addEventListener('change',apply);fs.addEventListener('change',apply);apply();
})();
`;

/** `（2021）` in Chinese, ` (2021)` in English. */
function paren(x: string | number, lang: ReviewLang): string {
  return lang === 'zh' ? `（${x}）` : ` (${x})`;
}

function w(key: Words, lang: ReviewLang): string {
  return t(W[key], lang);
}

function coverageCell(r: ReviewReport, lang: ReviewLang): string {
  if (r.error !== undefined || r.note !== undefined) return `<span class="muted">—</span>`;
  const c = r.coverage;
  if (!c || c.tables.length === 0) return `<span class="st st-absent">${esc(lang === 'zh' ? '未找到统计表' : 'no table')}</span>`;
  return c.tables
    .map((x) => {
      const label = x.state === 'partial' && x.cells ? `${x.cells.read}/${x.cells.expected}` : x.state === 'read' ? '✓' : t(STATE[x.state], lang);
      return `<span class="st st-${x.state}" title="${esc(`${x.title}：${t(STATE[x.state], lang)}`)}">${esc(t(SHORT_TABLE[x.kind], lang))} ${esc(label)}</span>`;
    })
    .join('');
}

function severities(r: ReviewReport): string {
  return [r.counts.errors ? 'error' : '', r.counts.warnings ? 'warning' : '', r.counts.infos ? 'info' : ''].filter(Boolean).join(' ');
}

function overviewRow(r: ReviewReport, lang: ReviewLang): string {
  const prev = r.pairing.previous
    ? `<a href="#${esc(r.pairing.previous.report)}">${esc(r.pairing.previous.name)}</a>${paren(r.pairing.previous.year, lang)}`
    : `<span class="muted">${esc(t(PAIRING[r.pairing.state], lang))}</span>`;
  const reason = r.error ?? r.note;
  const bad = r.error !== undefined ? ' class="bad"' : '';
  return `<tr${bad} data-id="${esc(r.id)}" data-verdict="${r.verdict}" data-sev="${severities(r)}">`
    + `<td class="f"><a href="#${esc(r.id)}">${esc(r.name)}</a>${reason ? `<br><span class="${r.error !== undefined ? 'v v-unreadable' : 'muted'}">${esc(reason)}</span>` : ''}</td>`
    + `<td class="b">${esc(r.body ?? '')}</td>`
    + `<td class="n">${r.year ?? ''}</td>`
    + `<td class="t">${esc(r.template ? t(TEMPLATE_NAME[r.template], lang) : '')}</td>`
    + `<td class="cov">${coverageCell(r, lang)}</td>`
    + `<td class="n" data-k="errors">${r.counts.errors}</td><td class="n" data-k="warnings">${r.counts.warnings}</td><td class="n" data-k="infos">${r.counts.infos}</td>`
    + `<td class="v v-${r.verdict}" data-k="verdict" data-v="${r.verdict}">${esc(t(VERDICT[r.verdict], lang))}</td>`
    + `<td class="p">${prev}</td></tr>`;
}

function excerptHtml(f: { excerpt?: ReviewFinding['excerpt'] }): string {
  const e = f.excerpt;
  if (!e || (e.before + e.text + e.after).trim() === '') return '';
  return `<code class="ex">${esc(e.before)}<mark>${esc(e.text)}</mark>${esc(e.after)}</code>`;
}

function locText(line: number, column: number, lang: ReviewLang): string {
  return lang === 'zh' ? `第 ${line} 行第 ${column} 列` : `line ${line}, column ${column}`;
}

function findingHtml(f: ReviewFinding, r: ReviewReport, lang: ReviewLang): string {
  const where = f.where ? ` ${lang === 'zh' ? `〔原文：${esc(f.where)}〕` : `[${w('original', lang)}: ${esc(f.where)}]`}` : '';
  const related = f.related
    .map((x) => {
      const inPrev = x.inPrevious === true;
      const file = inPrev ? `${w('lastYearFile', lang)} <a href="#${esc(x.report)}">${esc(x.file)}</a> ` : '';
      const place = x.where ? ` ${lang === 'zh' ? `〔原文：${esc(x.where)}〕` : `[${esc(x.where)}]`}` : '';
      return `<div class="rel${inPrev ? ' prev' : ''}">${esc(x.message)} <span class="loc">${file}${locText(x.line, x.column, lang)}${place}</span>${inPrev ? excerptHtml(x) : ''}</div>`;
    })
    .join('');
  return `<li><span class="sev sev-${f.severity}">${esc(t({ zh: { error: '错误', warning: '警告', info: '信息', hint: '提示' }[f.severity], en: f.severity }, lang))}</span> `
    + `${esc(f.message)} <span class="rule">${esc(f.rule)}</span><br><span class="loc">${esc(r.file)} ${locText(f.line, f.column, lang)}${where}</span>${excerptHtml(f)}${related}</li>`;
}

function gridHtml(tb: ReviewTable, r: ReviewReport, lang: ReviewLang): string {
  const groups = tb.columns.some((c) => c.group);
  let head = '';
  if (groups) {
    const cells: string[] = [];
    for (let i = 0; i < tb.columns.length; ) {
      const g = tb.columns[i].group;
      let n = 1;
      while (i + n < tb.columns.length && tb.columns[i + n].group === g && g !== undefined) n++;
      cells.push(g ? `<th colspan="${n}">${esc(g)}</th>` : `<th rowspan="1"></th>`);
      i += n;
    }
    head += `<tr><th></th>${cells.join('')}</tr>`;
  }
  head += `<tr><th></th>${tb.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  const body = tb.rows
    .map((row) => {
      const byCol = new Map(row.cells.map((c) => [c.column, c]));
      const tds = tb.columns
        .map((col) => {
          const c = byCol.get(col.id);
          if (!c) return '<td></td>';
          const cls = c.mark === 'wrong' ? `w-${c.severity ?? 'error'}` : c.mark === 'empty' ? 'e' : c.mark === 'inferred' ? 'i' : c.mark === 'invalid' ? 'x' : '';
          const tip = c.findings ? c.findings.map((i) => r.findings[i]?.message ?? '').join('\n') : c.mark ? w(c.mark, lang) : '';
          return `<td${cls ? ` class="${cls}"` : ''}${tip ? ` title="${esc(tip)}"` : ''}>${esc(c.raw)}</td>`;
        })
        .join('');
      return `<tr${row.role !== 'value' ? ` class="${row.role}"` : ''}><th class="l" title="${esc(`${w('line', lang)} ${row.line}`)}">${esc(row.label)}</th>${tds}</tr>`;
    })
    .join('');
  return `<h4>${esc(tb.title)}</h4><table class="g"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function detailHtml(r: ReviewReport, lang: ReviewLang): string {
  const meta: [string, string][] = [];
  meta.push([w('body', lang), esc(r.body ?? '—')]);
  meta.push([w('year', lang), r.year !== undefined ? String(r.year) : '—']);
  meta.push([w('template', lang), esc(r.template ? t(TEMPLATE_NAME[r.template], lang) : '—')]);
  if (r.coverage) meta.push([w('coverage', lang), esc(coverageText(r.coverage, lang))]);
  meta.push([w('verdict', lang), `<span class="v v-${r.verdict}">${esc(t(VERDICT[r.verdict], lang))}</span>`]);
  meta.push([
    w('previous', lang),
    r.pairing.previous ? `<a href="#${esc(r.pairing.previous.report)}">${esc(r.pairing.previous.name)}</a>${paren(r.pairing.previous.year, lang)}` : esc(t(PAIRING[r.pairing.state], lang)),
  ]);
  if (r.error ?? r.note) meta.push([w('reason', lang), esc(r.error ?? r.note ?? '')]);
  const cross = r.findings.filter((f) => f.crossYear);
  const own = r.findings.filter((f) => !f.crossYear);
  const list = (fs: ReviewFinding[]) => `<ol class="fs">${fs.map((f) => findingHtml(f, r, lang)).join('')}</ol>`;
  let html = `<section class="rep" id="${esc(r.id)}"><h3>${esc(r.title ?? r.name)}</h3><div class="muted">${esc(r.name)}</div>`
    + `<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
  if (cross.length) html += `<div class="cy"><strong>${w('crossYear', lang)}</strong>${list(cross)}</div>`;
  if (r.error === undefined && r.note === undefined) html += `<h4>${w('findings', lang)}${paren(own.length, lang)}</h4>${own.length ? list(own) : `<p class="muted">${w('noFindings', lang)}</p>`}`;
  if (r.tables.length) html += r.tables.map((tb) => gridHtml(tb, r, lang)).join('');
  return `${html}<p class="back"><a href="#top">↑ ${w('back', lang)}</a></p></section>`;
}

function points(data: ReviewData, pick: (r: ReviewReport) => number | undefined): StripPoint[] {
  const out: StripPoint[] = [];
  for (const r of data.reports) {
    const v = pick(r);
    if (v !== undefined && Number.isFinite(v)) out.push({ value: v, label: r.body ?? r.name, id: r.id });
  }
  return out;
}

function summaryText(data: ReviewData, lang: ReviewLang): string {
  const s = data.summary;
  const n = (k: ReviewReport['verdict']) => data.reports.filter((r) => r.verdict === k).length;
  if (lang === 'zh') {
    return `${s.files} 个文件，${s.reports} 份报告：${n('reject')} 份需退回修改，${n('revise')} 份建议修改，${n('clean')} 份未发现问题，${n('incomplete')} 份未完整核对`
      + (s.unreadable ? `，<strong class="v-unreadable">${s.unreadable} 个文件无法读取</strong>` : '')
      + (s.skipped ? `，${s.skipped} 个未检查` : '')
      + `；共 ${s.errors} 个错误、${s.warnings} 个警告、${s.infos} 条信息；${s.paired} 份与上年报告对比。`;
  }
  return `${s.files} files, ${s.reports} reports: ${n('reject')} to return, ${n('revise')} to revise, ${n('clean')} without problems, ${n('incomplete')} not fully checked`
    + (s.unreadable ? `, <strong class="v-unreadable">${s.unreadable} unreadable</strong>` : '')
    + (s.skipped ? `, ${s.skipped} not checked` : '')
    + `; ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos; ${s.paired} compared with last year's report.`;
}

/** The whole page. */
export function reviewHtml(data: ReviewData): string {
  const lang = data.lang;
  const verdicts = (Object.keys(VERDICT) as (keyof typeof VERDICT)[]).map((v) => `<option value="${v}">${esc(t(VERDICT[v], lang))}</option>`).join('');
  const headers: Words[] = ['report', 'body', 'year', 'template', 'coverage', 'errors', 'warnings', 'infos', 'verdict', 'previous'];
  const fmtInt = (v: number) => String(Math.round(v));
  const fmtPct = (v: number) => percent(v);
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${w('title', lang)}</title><style>${CSS}</style></head>
<body><a id="top"></a><h1>${w('title', lang)}</h1><p class="summary">${summaryText(data, lang)}</p>
<h2>${w('overview', lang)}</h2>
<div class="controls"><label for="q">${w('filter', lang)}</label><input id="q" type="search" placeholder="${esc(w('filterPlaceholder', lang))}">
<select id="fv" aria-label="${esc(w('verdict', lang))}"><option value="">${w('allVerdicts', lang)}</option>${verdicts}</select>
<select id="fs" aria-label="severity"><option value="">${w('anySeverity', lang)}</option><option value="error">${w('hasErrors', lang)}</option><option value="warning">${w('hasWarnings', lang)}</option><option value="info">${w('hasInfos', lang)}</option></select>
<span>${w('shown', lang)} <span id="count">${data.reports.length} / ${data.reports.length}</span></span></div>
<table id="overview"><thead><tr>${headers.map((h) => `<th scope="col" data-col="${h}">${w(h, lang)}</th>`).join('')}</tr></thead>
<tbody>${data.reports.map((r) => overviewRow(r, lang)).join('\n')}</tbody></table>
<h2>${w('charts', lang)}</h2>
<figure><figcaption>${w('rulesChart', lang)}</figcaption>${ruleChart(data.rules, lang)}</figure>
${stripPlot(w('requests', lang), points(data, (r) => r.metrics.requests), fmtInt, lang)}
${stripPlot(w('concluded', lang), points(data, (r) => r.metrics.concludedRate), fmtPct, lang)}
${stripPlot(w('correction', lang), points(data, (r) => r.metrics.correctionRate), fmtPct, lang)}
<h2>${w('details', lang)}</h2>
<p class="lg">${w('legend', lang)}${lang === 'zh' ? '：' : ':'} <span class="w-error" style="background:#ffcdd2">${w('wrong', lang)}</span><span style="background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eee 3px,#eee 6px)">${w('empty', lang)}</span><span style="background:#f3e5f5"><i>${w('inferred', lang)}</i></span><span style="background:#ffebee">${w('invalid', lang)}</span></p>
${data.reports.map((r) => detailHtml(r, lang)).join('\n')}
<p class="muted">${w('generatedBy', lang)}</p>
<script>${SCRIPT}</script>
</body></html>
`;
}
