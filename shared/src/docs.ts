/**
 * Where each rule's documentation page lives. One page per rule id: `docs/rules/<id>.md`.
 * Front ends that know where the pages are installed (the language server, the CLI) pass a
 * `file:` URL base pointing at that `docs/rules/` folder; without one, the link is relative to the
 * project (the same page in the repository or the packaged extension).
 */

/** The rule pages, relative to the project root. */
export const RULE_DOCS_BASE = 'docs/rules/';

/** The documentation URL of a rule: `<base><id>.md`. A base without a trailing slash gets one. */
export function ruleDocUrl(id: string, base: string = RULE_DOCS_BASE): string {
  const dir = base.endsWith('/') ? base : `${base}/`;
  return `${dir}${encodeURIComponent(id)}.md`;
}
