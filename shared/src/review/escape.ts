/** Escaping for HTML text and attribute values (report text is untrusted), and for CSV fields opened in Excel. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` safe in HTML text and in a quoted attribute value; control characters dropped. */
export function escapeHtml(s: string | number): string {
  // eslint-disable-next-line no-control-regex -- control characters are dropped from untrusted text
  return String(s).replace(/[&<>"']/g, (c) => HTML[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * One CSV field: always quoted, quotes doubled; a field that Excel would take for a formula (`=`, `+`, `-`, `@`,
 * tab, CR at the start) gets a leading apostrophe, so text from a report cannot run as one.
 */
export function csvField(s: string | number | undefined): string {
  if (s === undefined) return '';
  if (typeof s === 'number') return String(s);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}
