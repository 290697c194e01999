import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTemplates, loadTemplates, templateIntegrityProblems } from '../../shared/src/templates/load';
import { Template as TemplateSchema } from '../../shared/src/templates/schema';
import type { Indicator, Template } from '../../shared/src/templates/schema';
import gov2014Json from '../../shared/src/templates/data/gov2014.json';
import gov2019Json from '../../shared/src/templates/data/gov2019.json';
import gov2021Json from '../../shared/src/templates/data/gov2021.json';

const rawFiles: Record<string, unknown> = { gov2014: gov2014Json, gov2019: gov2019Json, gov2021: gov2021Json };

function template(id: 'gov2014' | 'gov2019' | 'gov2021'): Template {
  const t = builtinTemplates().get(id);
  assert.ok(t, `built-in template ${id} missing`);
  return t;
}

// ---------------------------------------------------------------- validation

test('each bundled JSON file validates against the zod schema', () => {
  for (const [id, raw] of Object.entries(rawFiles)) {
    const parsed = TemplateSchema.safeParse(raw);
    assert.ok(parsed.success, `${id}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues, null, 1)}`);
    assert.equal(parsed.data.id, id);
  }
});

test('builtinTemplates returns the three templates, cached', () => {
  const a = builtinTemplates();
  assert.deepEqual([...a.keys()].sort(), ['gov2014', 'gov2019', 'gov2021']);
  assert.equal(builtinTemplates(), a);
  assert.deepEqual(template('gov2014').years, { from: 2008, to: 2018 });
  assert.deepEqual(template('gov2019').years, { from: 2019, to: 2020 });
  assert.deepEqual(template('gov2021').years, { from: 2021 });
});

test('the loader finds no integrity problems in the bundled templates', () => {
  for (const t of builtinTemplates().values()) assert.deepEqual(templateIntegrityProblems(t), []);
});

// ---------------------------------------------------------------- referential integrity (checked independently of the loader)

for (const id of ['gov2014', 'gov2019', 'gov2021'] as const) {
  test(`${id}: ids are unique and every reference resolves`, () => {
    const t = template(id);
    for (const table of t.tables) {
      const where = `${id}/${table.kind}`;
      const indicatorIds = table.indicators.map((i) => i.id);
      const columnIds = table.columns.map((c) => c.id);
      assert.equal(new Set(indicatorIds).size, indicatorIds.length, `${where}: duplicate indicator ids`);
      assert.equal(new Set(columnIds).size, columnIds.length, `${where}: duplicate column ids`);
      const indicators = new Set(indicatorIds);
      const columns = new Set(columnIds);
      for (const ind of table.indicators) {
        if (ind.parent !== undefined) assert.ok(indicators.has(ind.parent), `${where}: ${ind.id}.parent ${ind.parent} does not exist`);
        for (const c of ind.columns ?? []) assert.ok(columns.has(c), `${where}: ${ind.id} lists unknown column ${c}`);
        assert.ok(ind.hover.zh.length > 5 && ind.hover.en.length > 10, `${where}: ${ind.id} has a too short hover`);
      }
      for (const col of table.columns) {
        assert.ok(col.hover.zh.length > 5 && col.hover.en.length > 10, `${where}: column ${col.id} has a too short hover`);
      }
      for (const check of table.checks) {
        const known = check.axis === 'columns' ? columns : indicators;
        const refs = [...(check.total === undefined ? [] : [check.total]), ...check.parts, ...check.left, ...check.right];
        assert.ok(refs.length > 0, `${where}: ${check.rule} references nothing`);
        for (const r of refs) assert.ok(known.has(r), `${where}: ${check.rule} references unknown ${check.axis === 'columns' ? 'column' : 'indicator'} ${r}`);
        assert.ok(check.reason.zh.length > 5 && check.reason.en.length > 10, `${where}: ${check.rule} without reason`);
      }
    }
  });
}

test('parents precede their children (the outline is built in document order)', () => {
  for (const t of builtinTemplates().values()) {
    for (const table of t.tables) {
      const seen = new Set<string>();
      for (const ind of table.indicators) {
        if (ind.parent !== undefined) assert.ok(seen.has(ind.parent), `${t.id}: ${ind.id} comes before its parent ${ind.parent}`);
        seen.add(ind.id);
      }
    }
  }
});

// ---------------------------------------------------------------- conventions other modules rely on

function ids(t: Template, kind: string): string[] {
  const table = t.tables.find((x) => x.kind === kind);
  assert.ok(table, `${t.id} has no ${kind} table`);
  return table.indicators.map((i) => i.id);
}

test('gov2014: one stats table with the agreed row ids in document order', () => {
  const t = template('gov2014');
  assert.equal(t.tables.length, 1);
  assert.deepEqual(t.tables[0].columns.map((c) => c.id), ['value']);
  assert.deepEqual(ids(t, 'stats'), [
    'A', 'A1', 'A1a', 'A1b', 'A2', 'A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5',
    'B', 'B1', 'B2', 'B2.1', 'B2.1a', 'B2.2', 'B2.2a', 'B2.3', 'B2.4', 'B2.5',
    'C', 'C1', 'C1.1', 'C1.2', 'C1.3', 'C1.4', 'C1.5', 'C2', 'C2.1', 'C2.2',
    'C3', 'C3.1', 'C3.2', 'C3.3', 'C3.4', 'C3.4a', 'C3.4b', 'C3.4c', 'C3.4d', 'C3.4e', 'C3.4f', 'C3.5', 'C3.6', 'C3.7', 'C3.8',
    'D', 'D1', 'D2', 'D3', 'E', 'E1', 'E2', 'E3', 'F', 'F1', 'F2', 'F3', 'K', 'K1', 'K2',
    'W', 'W1', 'W2', 'P', 'P1', 'P2', 'Q', 'Q1', 'Q2', 'J', 'J1', 'J2',
    'G', 'H', 'H1', 'H2', 'H3', 'H3.1', 'H3.2', 'H4', 'I', 'I1', 'I2', 'I3',
  ]);
  const titles = t.tables[0].indicators.filter((i) => i.role === 'title').map((i) => i.id);
  assert.deepEqual(titles, ['A', 'A2', 'B', 'B2', 'C', 'P', 'H', 'I']);
  const decimals = t.tables[0].indicators.filter((i) => i.numeric === 'decimal').map((i) => i.id);
  assert.deepEqual(decimals, ['G', 'H4']);
});

test('gov2019 / gov2021: three tables, T3 and T4 as agreed', () => {
  for (const id of ['gov2019', 'gov2021'] as const) {
    const t = template(id);
    assert.deepEqual(t.tables.map((x) => x.kind), ['active', 'requests', 'review']);
    const requests = t.tables[1];
    assert.deepEqual(requests.columns.map((c) => c.id), ['np', 'biz', 'res', 'npo', 'law', 'oth', 'tot']);
    const review = t.tables[2];
    assert.equal(review.columns.length, 15);
    assert.deepEqual(review.indicators.map((i) => i.id), ['T4']);
    assert.deepEqual(review.checks.map((c) => c.total), ['rev.total', 'lit1.total', 'lit2.total']);
    assert.deepEqual(t.requiredSections.map((s) => s.ordinal), [1, 2, 3, 4, 5, 6]);
    const r37 = requests.checks.find((c) => c.rule === 'outcome-total-mismatch');
    assert.ok(r37);
    // every outcome leaf (a value row under 三) is a part of （七）总计
    const leaves = requests.indicators.filter((i) => i.id.startsWith('R3.') && i.id !== 'R3.7' && i.role === 'value').map((i) => i.id);
    assert.deepEqual([...r37.parts].sort(), [...leaves].sort());
  }
  const r19 = ids(template('gov2019'), 'requests');
  const r21 = ids(template('gov2021'), 'requests');
  assert.equal(r19.filter((x) => template('gov2019').tables[1].indicators.find((i) => i.id === x)?.role === 'value').length, 23);
  assert.equal(r21.filter((x) => template('gov2021').tables[1].indicators.find((i) => i.id === x)?.role === 'value').length, 25);
  assert.ok(r21.includes('R3.6.3') && !r19.includes('R3.6.1'));
  assert.deepEqual(ids(template('gov2019'), 'active'), ['X1', 'X1.1', 'X1.2', 'X5', 'X5.1', 'X5.2', 'X6', 'X6.1', 'X6.2', 'X8', 'X8.1', 'X9', 'X9.1']);
  assert.deepEqual(ids(template('gov2021'), 'active'), ['X1', 'X1.1', 'X1.2', 'X5', 'X5.1', 'X6', 'X6.1', 'X6.2', 'X8', 'X8.1']);
});

test('markers are distinctive: no marker of one template occurs in another template\'s markers', () => {
  const all = [...builtinTemplates().values()];
  for (const a of all) {
    for (const b of all) {
      if (a === b) continue;
      for (const m of a.markers) {
        for (const n of b.markers) assert.ok(!n.includes(m), `${a.id} marker ${m} also matches ${b.id} marker ${n}`);
      }
    }
  }
});

// ---------------------------------------------------------------- bad input

test('bad input yields problems, never a throw', () => {
  const inputs: unknown[] = [undefined, null, 42, 'gov2014', [], {}, [{}], { id: 'gov2099' }, [null, 3]];
  for (const input of inputs) {
    const result = loadTemplates(input);
    assert.equal(result.templates.size, 0, `input ${JSON.stringify(input)} loaded something`);
    assert.ok(result.problems.length > 0, `input ${JSON.stringify(input)} gave no problem`);
    for (const p of result.problems) assert.equal(typeof p, 'string');
  }
  const hostile = new Proxy({}, { get() { throw new Error('boom'); }, ownKeys() { throw new Error('boom'); } });
  assert.doesNotThrow(() => loadTemplates(hostile));
  assert.ok(loadTemplates(hostile).problems.length > 0);
});

test('problems name the path of the offending value', () => {
  const broken = structuredClone(gov2021Json) as unknown as { tables: { indicators: { hover: { en?: string } }[] }[] };
  delete broken.tables[1].indicators[3].hover.en;
  const { templates, problems } = loadTemplates(broken);
  assert.equal(templates.size, 0);
  assert.ok(problems.some((p) => p.startsWith('tables[1].indicators[3].hover.en')), problems.join('\n'));
});

test('a template file: good templates load, bad ones are reported by index, duplicates are refused', () => {
  const dangling = structuredClone(gov2014Json) as unknown as { tables: { checks: { parts: string[] }[] }[] };
  dangling.tables[0].checks[0].parts.push('Z9');
  const { templates, problems } = loadTemplates([gov2019Json, dangling, gov2019Json]);
  assert.deepEqual([...templates.keys()], ['gov2019']);
  assert.ok(problems.some((p) => p.startsWith('[1].tables[0].checks[0].parts') && p.includes('Z9')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('[2].id')), problems.join('\n'));
});

test('loadTemplates applies the schema defaults', () => {
  const { templates, problems } = loadTemplates(gov2014Json);
  assert.deepEqual(problems, []);
  const a1 = templates.get('gov2014')?.tables[0].indicators.find((i) => i.id === 'A1');
  assert.ok(a1);
  assert.deepEqual(a1.aliases, []);
  assert.equal(a1.role, 'value');
  assert.equal(a1.numeric, 'count');
});

// ---------------------------------------------------------------- label coverage of the seed tables

/** Mirrors the label normalisation the parser applies before comparing labels. */
function normalise(label: string): string {
  let s = label.normalize('NFKC');
  // remaining full-width forms NFKC leaves alone, and ideographic punctuation used as numbering
  s = s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  s = s.replace(/\s+/gu, '');
  s = s.replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、．]|\(\d+\))/u, '');
  s = s.replace(/^其中[:：]/u, '');
  let prev: string;
  do {
    prev = s;
    s = s.replace(/\([^()]*\)/gu, '');
  } while (s !== prev);
  s = s.replace(/\([^()]*$/u, '');
  return s;
}

test('the local normaliser behaves as described', () => {
  assert.equal(normalise('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）'), '主动公开政府信息数');
  assert.equal(normalise('　　　　　　其中：主动公开规范性文件数'), '主动公开规范性文件数');
  assert.equal(normalise('十一、查阅点接待人数'), '查阅点接待人数');
  assert.equal(normalise('1、当面申请数'), '当面申请数');
  assert.equal(normalise('(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维'), '政府信息公开专项经费');
  assert.equal(normalise('八、开通政府信息公开网站（或设立门户网站信息公开专栏）数'), '开通政府信息公开网站数');
});

/** Row labels of the seed statistical tables, in order, as printed (first physical line of each label). */
const seedTables: Record<string, string[]> = {
  // 山东省质量技术监督局 2017 (Shandong variant)
  '000': [
    '一、主动公开情况', '(一) 主动公开政府信息数', '其中：主动公开规范性文件数', '制发规范性文件总数',
    '(二) 通过不同渠道和方式公开政府信息的情况', '1. 政府公报公开政府信息数', '2. 政府网站公开政府信息数',
    '3. 政务微博公开政府信息数', '4. 政务微信公开政府信息数', '5. 其他方式公开政府信息数',
    '二、回应解读情况', '(一) 回应公众关注热点或重大舆情数', '(二) 通过不同渠道和方式回应解读的情况',
    '1. 参加或举办新闻发布会总次数', '其中：主要负责同志参加新闻发布会次数', '2. 政府网站在线访谈次数',
    '其中：主要负责同志参加政府网站在线访谈次数', '3. 政策解读稿件发布数', '4. 微博微信回应事件数', '5. 其他方式回应事件数',
    '三、依申请公开情况', '(一) 收到申请数', '1. 当面申请数', '2. 传真申请数', '3. 网络申请数', '4. 信函申请数', '5. 其他形式',
    '(二) 申请办结数', '1. 按时办结数', '2. 延期办结数', '(三) 申请答复数', '1. 属于已主动公开范围数', '2. 同意公开答复数',
    '3. 同意部分公开答复数', '4. 不同意公开答复数', '其中：涉及国家秘密', '涉及商业秘密', '涉及个人隐私',
    '危及国家安全、公共安全、经济安全和社会稳定', '不是《条例》所指政府信息', '法律法规规定的其他情形',
    '5. 不属于本行政机关公开数', '6. 申请信息不存在数', '7. 告知作出更改补充数', '8. 告知通过其他途径办理数',
    '四、行政复议数量', '(一) 维持具体行政行为数', '(二) 被依法纠错数', '(三) 其他情形数',
    '五、行政诉讼数量', '(一) 维持具体行政行为或者驳回原告诉讼请求数', '(二) 被依法纠错数', '(三) 其他情形数',
    '六、被举报投诉数量', '(一) 维持具体行政行为数', '(二) 被纠错数', '(三) 其他情形数',
    '七、向图书馆、档案馆等查阅场所报送信息数', '(一) 纸质文件数', '(二) 电子文件数',
    '八、机构建设和保障经费情况', '（一）政府信息公开工作专门机构数', '（二）设置政府信息公开查阅点数',
    '（三）从事政府信息公开工作人员数', '1. 专职人员数（不包括政府公报及政府网站工作人员数）', '2. 兼职人员数',
    '（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维',
    '九、政府信息公开会议和培训情况', '（一）召开政府信息公开工作会议或专题会议数', '（二）举办各类培训班数', '（三）接受培训人员数',
  ],
  // 高青县质量技术监督局 2018 (Zibo / Gaoqing county variant)
  '001': [
    '一、主动公开情况', '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '其中：主动公开规范性文件数', '制发规范性文件总数',
    '（二）通过不同渠道和方式公开政府信息的情况', '1. 政府公报公开政府信息数', '2. 政府网站公开政府信息数',
    '3. 政务微博公开政府信息数', '4. 政务微信公开政府信息数', '5. 其他方式公开政府信息数',
    '二、回应解读情况（不同方式回应同一热点或舆情计1次）', '（一）回应公众关注热点或重大舆情数', '（二）通过不同渠道和方式回应解读的情况',
    '1. 参加或举办新闻发布会总次数', '其中：主要负责同志参加新闻发布会次数', '2. 政府网站在线访谈次数',
    '其中：主要负责同志参加政府网站在线访谈次数', '3. 政策解读稿件发布数', '4. 微博微信回应事件数', '5. 其他方式回应事件数',
    '三、依申请公开情况', '（一）收到申请数', '1. 当面申请数', '2. 传真申请数', '3. 网络申请数', '4. 信函申请数', '5. 其他形式',
    '（二）申请办结数', '1. 按时办结数', '2. 延期办结数', '（三）申请答复数', '1. 属于已主动公开范围数', '2. 同意公开答复数',
    '3. 同意部分公开答复数', '4. 不同意公开答复数', '其中：涉及国家秘密', '涉及商业秘密', '涉及个人隐私',
    '危及国家安全、公共安全、经济安全和社会稳定', '不是《条例》所指政府信息', '法律法规规定的其他情形',
    '5. 不属于本行政机关公开数', '6. 申请信息不存在数', '7. 告知作出更改补充数', '8. 告知通过其他途径办理数',
    '四、行政复议数量', '（一）维持具体行政行为数', '（二）被依法纠错数', '（三）其他情形数',
    '五、行政诉讼数量', '（一）维持具体行政行为或者驳回原告诉讼请求数', '（二）被依法纠错数', '（三）其他情形数',
    '六、被举报投诉数量', '（一）维持具体行政行为数', '（二）被纠错数', '（三）其他情形数',
    '七、向图书馆、档案馆等查阅场所报送信息数', '（一）纸质文件数', '（二）电子文件数',
    '八、开通政府信息公开网站（或设立门户网站信息公开专栏）数', '（一）区县政府及其部门门户网站', '（二）乡镇政府（街道办事处）门户网站',
    '九、政府公报发行量', '（一）公报发行期数', '（二）公报发行总份数',
    '十、设置政府信息查阅点数', '（一）区县政府及其部门', '（二）乡镇政府（街道办事处）',
    '十一、查阅点接待人数', '（一）区县政府及其部门', '（二）乡镇政府（街道办事处）',
    '十二、依申请公开信息收取的费用',
    '十三、机构建设和保障经费情况', '（一）政府信息公开工作专门机构数', '（二）从事政府信息公开工作人员数',
    '1. 专职人员数（不包括政府公报及政府网站工作人员数）', '2. 兼职人员数',
    '（三）政府信息公开专项经费（不包括政府公报编辑管理及政府网站建设）',
    '十四、政府信息公开会议和培训情况', '（一）召开政府信息公开工作会议或专题会议数', '（二）举办各类培训班数', '（三）接受培训人员数',
  ],
  // 温州市质量技术监督局 2018 (Zhejiang variant: 4 channels, no fee row)
  '002': [
    '一、主动公开情况', '（一）主动公开政府信息数', '    其中：主动公开规范性文件数', '          制发规范性文件总数',
    ' （二）通过不同渠道和方式公开政府信息的情况', '1.政府公报公开政府信息数', '2.政府网站公开政府信息数',
    '3.政务微博公开政府信息数', '4.政务微信公开政府信息数', '5.其他方式公开政府信息数',
    '二、回应解读情况', '（一）回应公众关注热点或重大舆情数', '（二）通过不同渠道和方式回应解读的情况',
    '1.参加或举办新闻发布会总次数', '其中：主要负责同志参加新闻发布会次数', '2.政府网站在线访谈次数',
    '其中：主要负责同志参加政府网站在线访谈次数', '3.政策解读稿件发布数', '4.微博微信回应事件数', '5.其他方式回应事件数',
    '三、依申请公开情况', '（一）收到申请数', '1.当面申请数', '2.传真申请数', '3.网络申请数', '4.信函申请数',
    '（二）申请办结数', '1.按时办结数', '2.延期办结数', '（三）申请答复数', '1.属于已主动公开范围数', '2.同意公开答复数',
    '3.同意部分公开答复数', '4.不同意公开答复数', '其中：涉及国家秘密', '涉及商业秘密', '涉及个人隐私',
    '危及国家安全、公共安全、经济安全和社会稳定', '不是《条例》所指政府信息', '法律法规规定的其他情形',
    '5.不属于本行政机关公开数', '6.申请信息不存在数', '7.告知作出更改补充数', '8.告知通过其他途径办理数',
    '四、行政复议数量', '（一）维持具体行政行为数', '（二）被依法纠错数', '（三）其他情形数',
    '五、行政诉讼数量', '（一）维持具体行政行为或者驳回原告诉讼请求数', '（二）被依法纠错数', '（三）其他情形数',
    '六、举报投诉数量',
    '七、机构建设和保障经费情况', '（一）政府信息公开工作专门机构数', '（二）设置政府信息公开查阅点数',
    '（三）从事政府信息公开工作人员数', '1.专职人员数（不包括政府公报及政府网站工作人员数）', '2.兼职人员数',
    '（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）',
    '八、政府信息公开会议和培训情况', '（一）召开政府信息公开工作会议或专题会议数', '（二）举办各类培训班数', '（三）接受培训人员数',
  ],
  // 山东省工业和信息化厅 2018 (Shandong variant, ideographic-space indentation)
  '003': [
    '一、主动公开情况', '　　（一）主动公开政府信息数', '　　　　　　其中：主动公开规范性文件数', '　　　　　　　　　制发规范性文件总数',
    '　　（二）通过不同渠道和方式公开政府信息的情况', '　　　　　1.政府公报公开政府信息数', '　　　　　2.政府网站公开政府信息数',
    '　　　　　3.政务微博公开政府信息数', '　　　　　4.政务微信公开政府信息数', '　　　　　5.其他方式公开政府信息数',
    '二、回应解读情况', '（一）回应公众关注热点或重大舆情数', '　　（二）通过不同渠道和方式回应解读的情况',
    '　　　　　1.参加或举办新闻发布会总次数', '　　　　　　 其中：主要负责同志参加新闻发布会次数', '　　　　　2.政府网站在线访谈次数',
    '　　　　　　 其中：主要负责同志参加政府网站在线访谈次数', '　　　　　3.政策解读稿件发布数', '　　　　　4.微博微信回应事件数',
    '　　　　　5.其他方式回应事件数',
    '三、依申请公开情况', '　　（一）收到申请数', '　　　　　1.当面申请数', '　　　　　2.传真申请数', '　　　　　3.网络申请数',
    '　　　　　4.信函申请数', '          5.其他形式',
    '　　（二）申请办结数', '　　　　　1.按时办结数', '　　　　　2.延期办结数', '　　（三）申请答复数', '　　　　　1.属于已主动公开范围数',
    '　　　　　2.同意公开答复数', '　　　　　3.同意部分公开答复数', '　　　　　4.不同意公开答复数', '　　　　　 　其中：涉及国家秘密',
    '　　　　　　　　　 涉及商业秘密', '　　　　　　　　　 涉及个人隐私', '　　　　　　　　　 危及国家安全、公共安全、经济安全和社会稳定',
    '　　　　　　　　　 不是《条例》所指政府信息', '　　　　　　　　　 法律法规规定的其他情形',
    '　　　　　5.不属于本行政机关公开数', '　　　　　6.申请信息不存在数', '　　　　　7.告知作出更改补充数', '　　　　　8.告知通过其他途径办理数',
    '四、行政复议数量', '　　（一）维持具体行政行为数', '　　（二）被依法纠错数', '　　（三）其他情形数',
    '五、行政诉讼数量', '　　（一）维持具体行政行为或者驳回原告诉讼请求数', '　　（二）被依法纠错数', '　　（三）其他情形数',
    '六、被举报投诉数量', '　　（一）维持具体行政行为数', '　　（二）被纠错数', '　　（三）其他情形数',
    '七、向图书馆、档案馆等查阅场所报送信息数', '　　（一）纸质文件数', '　　（二）电子文件数',
    '八、机构建设和保障经费情况', '　　（一）政府信息公开工作专门机构数', '　　（二）设置政府信息公开查阅点数',
    '　　（三）从事政府信息公开工作人员数', '　　　　　1.专职人员数（不包括政府公报及政府网站工作人员数）', '　　　　　2.兼职人员数',
    '　　（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维',
    '九、政府信息公开会议和培训情况', '　　（一）召开政府信息公开工作会议或专题会议数', '　　（二）举办各类培训班数', '　　（三）接受培训人员数',
  ],
  // 湖南省质量技术监督局 2017 (national baseline; half-width parentheses, `1、` numbering, typos)
  '004': [
    '一、主动公开情况', '(一)主动公开政府信息数', '其中:主动公开规范性文件数', '制发规范性文件总数',
    '(二)通过不同渠道和方式公开政府信息的情况', '1、政府公报公开政府信息数', '2、政府网站公开政府信息数',
    '3、政务微博公开政府信息数', '4、政务微信公开政府信息数', '5、其他方式公开政府信息数',
    '二、回应解读情况', '(一)回应公众关注热点或重大舆情数', '(二)通过不同渠道和方式回应解读的情况',
    '1、参加或举办新闻发布会总次数', '其中:主要负责同志参加新闻发布会次数', '2、政府网站在线访谈次数',
    '其中:主要负责同志参加政府网站在线访谈次数', '3、政策解读稿件发布数', '4、微博微信回应事件数', '5、其他方式回应事件数',
    '三、依申请公开情况', '(一)收到申请数', '1、当面申请数', '2、传真申请数', '3、网络申请数', '4、信函申请数',
    '(二)申请办结数', '1、按时办结数', '2、延期办结数', '(三)申请答复数', '1、属于已主动公开范围数', '2、同意公开答复数',
    '3、同意部分公开答复数', '4、不同意公开答复数', '其中:涉及国家秘密', '涉及商业秘密', '涉及个人隐私',
    '危及国家安全、公共安全、经济安全和社会稳定', '不是《条例》所指政府信息', '法律法规规定的其他情形',
    '5、不属于本行政机关公开数', '6、申请信息不存在数', '7、告知作出更改补充数', '8、告知通过其他途径办理数',
    '四、行政复议数量', '(一)维持具体行政行为数', '(二)被依法纠错数', '(三)其他情形数',
    '五、行政诉讼数量', '(一)维持具体行政行为或者驳回原告诉讼请求数', '(二)依法纠错数', '(三)其他情形数',
    '六、举报投诉数量', '七、依申请公开信息收取的费用',
    '八、机构建设和保障经费情况', '(一)政府信息公开工作专门机构数', '(二)设置政府信息公开查阅点数',
    '(三)从事政府信息公开工作人数员', '1、专职人员数(不包括政府公报及政府网站工作人员数)', '2、兼职人员数',
    '(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)',
    '九、政府信息公开会议和培训情况', '(一)召开政府信息公开工作会议或专题会议数', '(二)举办各类培训班数', '(三)接受培训人员数',
  ],
};

function matches(ind: Indicator, label: string): boolean {
  const n = normalise(label);
  return [ind.label, ...ind.aliases].some((l) => normalise(l) === n);
}

test('gov2014: every seed row label is covered by an indicator label or alias', () => {
  const indicators = template('gov2014').tables[0].indicators;
  for (const [seed, labels] of Object.entries(seedTables)) {
    for (const label of labels) {
      assert.ok(indicators.some((ind) => matches(ind, label)), `seed ${seed}: no indicator for "${label}"`);
    }
  }
});

test('gov2014: each seed table is matched in template order by a forward-moving cursor', () => {
  const indicators = template('gov2014').tables[0].indicators;
  const expectedVariants: Record<string, string[]> = {
    '000': ['shandong'], '001': ['gaoqing', 'shandong'], '002': [], '003': ['shandong'], '004': [],
  };
  for (const [seed, labels] of Object.entries(seedTables)) {
    let cursor = 0;
    const matched: Indicator[] = [];
    for (const label of labels) {
      let found = -1;
      for (let i = cursor; i < indicators.length; i++) {
        if (matches(indicators[i], label)) { found = i; break; }
      }
      assert.ok(found >= 0, `seed ${seed}: "${label}" not found at or after ${indicators[cursor]?.id ?? 'the end'}`);
      matched.push(indicators[found]);
      cursor = found + 1;
    }
    assert.equal(matched.length, labels.length);
    const variants = [...new Set(matched.map((m) => m.variant).filter((v): v is string => v !== undefined))].sort();
    assert.deepEqual(variants, expectedVariants[seed], `seed ${seed}: variants ${variants.join(',')}`);
  }
});

test('gov2014: specific seed rows map to the intended ids', () => {
  const indicators = template('gov2014').tables[0].indicators;
  const idOf = (label: string, after = 0) => indicators.slice(after).find((i) => matches(i, label))?.id;
  assert.equal(idOf('(二)依法纠错数'), 'E2');
  assert.equal(idOf('六、被举报投诉数量'), 'F');
  assert.equal(idOf('(三)从事政府信息公开工作人数员'), 'H3');
  assert.equal(idOf('十二、依申请公开信息收取的费用'), 'G');
  assert.equal(idOf('（三）政府信息公开专项经费（不包括政府公报编辑管理及政府网站建设）'), 'H4');
  assert.equal(idOf('（一）区县政府及其部门'), 'Q1');
  assert.equal(idOf('（一）区县政府及其部门', indicators.findIndex((i) => i.id === 'J')), 'J1');
});
