import type { Report, Span, TemplateId } from '../model/types';
import type { Template } from '../templates/schema';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: Localized;
  readonly edits: readonly TextEdit[];
  /** Safe fixes are applied by `xxgk-report check --fix` and by "fix all totals"; others only on request. */
  readonly safe: boolean;
}

export interface RelatedSpan {
  readonly span: Span;
  readonly message: Localized;
  /** The span is in last year's report (`CheckOptions.previous`), not in this one. */
  readonly inPrevious?: true;
}

/** A finding as a rule returns it, before severities are resolved. */
export interface RawFinding {
  /** The text the finding is about (a cell, a figure, a heading number). */
  readonly span: Span;
  readonly message: Localized;
  /** Overrides the rule's default severity for this one finding (e.g. a softer case). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedSpan[];
  /** The value the report should have (a sum, the table's figure, a year). */
  readonly expected?: number | string;
  /** The value the report has. */
  readonly actual?: number | string;
  readonly fixes?: readonly Fix[];
  /** Parameters of the message, for tests and hover. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface Finding extends RawFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Silenced by a directive; present only when the check was asked to report suppressed findings. */
  readonly suppressed?: true;
}

export interface RuleContext {
  readonly report: Report;
  /** The template the report is checked against, if one was detected or chosen. */
  readonly template?: Template;
  readonly templates: ReadonlyMap<TemplateId, Template>;
  readonly options: CheckOptions;
}

export type RuleCategory = 'table' | 'narrative' | 'structure' | 'template' | 'crossyear';

export interface RuleDefinition {
  /** Lowercase kebab-case ASCII; names the file, the diagnostic code, the setting and the doc page. */
  readonly id: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  /** A short name, e.g. 合计与分项之和不符. */
  readonly title: Localized;
  /** What triggers the rule, one or two sentences. */
  readonly description: Localized;
  readonly fixable: boolean;
  /** Narrative rules can be switched off together with the `narrative` option. */
  readonly narrative?: boolean;
  check(ctx: RuleContext): RawFinding[];
}

export interface CheckOptions {
  /** Force a template instead of detecting it. */
  readonly template?: TemplateId;
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** Run the prose-versus-table rules (default true). */
  readonly narrative?: boolean;
  /** Keep the findings that directives silence, marked `suppressed` (default false: they are dropped). */
  readonly reportSuppressed?: boolean;
  /**
   * Fold findings that one safe single-cell change repairs together into one finding on that cell (default
   * true). `false` gives each rule's findings as the rule raised them.
   */
  readonly fold?: boolean;
  /**
   * Last year's report of the same body (see `reportIdentity`): the cross-year rules (category `crossyear`)
   * compare this report with it; without it they report nothing.
   */
  readonly previous?: Report;
}
