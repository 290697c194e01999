import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, tableViews } from './support';

const CHANNELS = ['A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5'];

/**
 * Old table: 主动公开政府信息数 counts each item once however many channels carried it, so it should
 * lie between the largest channel and the sum of the channels. Not a partition: information only.
 */
const rule: RuleDefinition = {
  id: 'channel-total-implausible',
  category: 'table',
  defaultSeverity: 'info',
  title: { zh: '主动公开总数与各渠道条数不协调', en: 'Proactive disclosure total implausible against its channels' },
  description: {
    zh: '旧版统计表中“主动公开政府信息数”对同一信息只计 1 条，各渠道分别计数，因此它应不小于任一渠道的条数、不大于各渠道之和。超出这个范围时提示核对。',
    en: 'In the old table the proactive-disclosure total counts each item once while each channel counts its own, so the total should be at least the largest channel and at most their sum.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      if (view.table.kind !== 'stats') continue;
      const totalCell = cellIn(view.rows.get('A1'), 'value');
      const total = num(totalCell);
      if (total === undefined || !totalCell) continue;
      const channels = CHANNELS.map((id) => ({ id, cell: cellIn(view.rows.get(id), 'value') })).filter((c) => num(c.cell) !== undefined);
      if (channels.length === 0) continue;
      const related = channels.map((c) => ({ span: c.cell!.span, message: { zh: `渠道：${view.indicators.get(c.id)?.label ?? c.id} = ${c.cell!.raw}`, en: `Channel: ${view.indicators.get(c.id)?.label ?? c.id} = ${c.cell!.raw}` } }));
      const max = Math.max(...channels.map((c) => num(c.cell)!));
      const sum = channels.reduce((s, c) => s + num(c.cell)!, 0);
      const allFilled = channels.length === CHANNELS.filter((id) => view.rows.has(id)).length;
      if (max > total) {
        out.push({
          span: totalCell.span,
          message: {
            zh: `主动公开政府信息数为 ${total}，小于单个渠道的条数 ${max}；同一信息多渠道发布只计 1 条，总数不应小于任一渠道。`,
            en: `Proactive disclosures total ${total}, fewer than one channel alone (${max}); the total counts each item once, so it cannot be below any channel.`,
          },
          expected: `>= ${max}`, actual: total, related, data: { max, sum },
        });
      } else if (allFilled && sum < total) {
        out.push({
          span: totalCell.span,
          message: {
            zh: `主动公开政府信息数为 ${total}，大于各渠道条数之和 ${sum}；每条信息至少经一个渠道公开，请核对。`,
            en: `Proactive disclosures total ${total}, more than all channels together (${sum}); every item goes out through at least one channel.`,
          },
          expected: `<= ${sum}`, actual: total, related, data: { max, sum },
        });
      }
    }
    return out;
  },
};
export default rule;
