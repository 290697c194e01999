import type { RawFinding, RuleDefinition } from './types';

/** A table of a format that does not belong to the report year (an old 统计表 in a 2019+ report, a 2019 trial table in 2021+). */
const rule: RuleDefinition = {
  id: 'template-mismatch',
  category: 'template',
  defaultSeverity: 'warning',
  title: { zh: '表格格式与报告年度不符', en: 'Table format does not fit the report year' },
  description: {
    zh: '2018年及以前的年度报告使用《政府信息公开情况统计表》，2019、2020年度使用2019年试行格式，2021年度起使用2021年格式。报告中的表格属于其他年代的格式时提示（例如2021年度报告仍用“统计指标/单位/统计数”旧表）。',
    en: 'Reports up to 2018 use the old statistics table, 2019–2020 the 2019 trial format, 2021 onwards the 2021 format. A table of another era\'s format is reported.',
  },
  fixable: false,
  check(ctx) {
    const year = ctx.report.year;
    if (year === undefined) return [];
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const table of ctx.report.tables) {
      const tpl = ctx.templates.get(table.template);
      if (!tpl) continue;
      const fits = year >= tpl.years.from && (tpl.years.to === undefined || year <= tpl.years.to);
      // The 2019 and 2021 application/appeal tables are identical: only the 主动公开 table tells them apart.
      if (fits || seen.has(tpl.id) || (table.kind !== 'stats' && table.kind !== 'active' && tpl.id !== 'gov2014')) continue;
      seen.add(tpl.id);
      const marker = ctx.report.templateEvidence.find((e) => e.template === tpl.id && e.span.start >= table.span.start && e.span.end <= table.span.end);
      const expectedId = year <= 2018 ? 'gov2014' : year <= 2020 ? 'gov2019' : 'gov2021';
      const expected = ctx.templates.get(expectedId);
      out.push({
        span: marker?.span ?? { start: table.span.start, end: Math.min(table.span.end, table.span.start + 20) },
        message: {
          zh: `这是${year}年度报告，但此表格属于“${tpl.name.zh}”（适用于${tpl.years.from}${tpl.years.to ? '至' + tpl.years.to : '年起'}${tpl.years.to ? '年度' : ''}），应使用“${expected?.name.zh ?? expectedId}”。`,
          en: `This is a ${year} report, but this table follows "${tpl.name.en}" (for ${tpl.years.from}${tpl.years.to ? '–' + tpl.years.to : ' onwards'}); use "${expected?.name.en ?? expectedId}".`,
        },
        expected: expectedId,
        actual: tpl.id,
      });
    }
    return out;
  },
};
export default rule;
