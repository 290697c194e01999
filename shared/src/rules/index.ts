/** The ordered registry of rules: the only list of them. Adding a rule = one file + one line here. */
import type { RuleDefinition } from './types';
import sumMismatch from './sum-mismatch';
import sumExpectedMismatch from './sum-expected-mismatch';
import applicantTotalMismatch from './applicant-total-mismatch';
import outcomeTotalMismatch from './outcome-total-mismatch';
import requestBalanceMismatch from './request-balance-mismatch';
import reviewTotalMismatch from './review-total-mismatch';
import subsetExceedsTotal from './subset-exceeds-total';
import totalMissing from './total-missing';
import titleRowValue from './title-row-value';
import cellInvalid from './cell-invalid';
import cellMissing from './cell-missing';
import tableUnread from './table-unread';
import channelTotalImplausible from './channel-total-implausible';
import repliesConcludedDiffer from './replies-concluded-differ';
import feeAfter2017 from './fee-after-2017';
import figureTableMismatch from './figure-table-mismatch';
import percentageMismatch from './percentage-mismatch';
import yearMismatch from './year-mismatch';
import sectionNumberSequence from './section-number-sequence';
import sectionLevelSkip from './section-level-skip';
import declaredPartCount from './declared-part-count';
import requiredSectionMissing from './required-section-missing';
import templateMismatch from './template-mismatch';
import directiveIgnored from './directive-ignored';
import checkerError from './checker-error';
import carryoverMismatch from './carryover-mismatch';
import stockContinuity from './stock-continuity';
import repeatedText from './repeated-text';
import periodNotConsecutive from './period-not-consecutive';

export const rules: readonly RuleDefinition[] = [
  sumMismatch,
  sumExpectedMismatch,
  applicantTotalMismatch,
  outcomeTotalMismatch,
  requestBalanceMismatch,
  reviewTotalMismatch,
  subsetExceedsTotal,
  totalMissing,
  titleRowValue,
  cellInvalid,
  cellMissing,
  tableUnread,
  channelTotalImplausible,
  repliesConcludedDiffer,
  feeAfter2017,
  figureTableMismatch,
  percentageMismatch,
  yearMismatch,
  sectionNumberSequence,
  sectionLevelSkip,
  declaredPartCount,
  requiredSectionMissing,
  templateMismatch,
  directiveIgnored,
  carryoverMismatch,
  stockContinuity,
  repeatedText,
  periodNotConsecutive,
  checkerError,
];

const byId = new Map(rules.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDefinition | undefined {
  return byId.get(id);
}
