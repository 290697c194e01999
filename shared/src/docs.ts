/**
 * Where each rule's documentation page lives. One page per rule id: `docs/rules/<id>.md`.
 * The language server passes a `file:` URL base pointing at the installed extension's
 * `docs/rules/` folder; other front ends (CLI, web) use the public default.
 */

/** The public location of the rule pages (the repository's `docs/rules/` folder). */
export const RULE_DOCS_BASE = 'https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/';

/** The documentation URL of a rule: `<base><id>.md`. A base without a trailing slash gets one. */
export function ruleDocUrl(id: string, base: string = RULE_DOCS_BASE): string {
  const dir = base.endsWith('/') ? base : `${base}/`;
  return `${dir}${encodeURIComponent(id)}.md`;
}
