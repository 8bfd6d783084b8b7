/**
 * Text from servers (and from imported reports) is hostile until shown otherwise. These helpers
 * make it inert for the views: HTML escaping, and bidirectional controls shown as visible codes,
 * because an invisible RIGHT-TO-LEFT OVERRIDE in a banner can make a transcript line read
 * differently from what was received ("Trojan Source", CVE-2021-42574).
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// Embeddings/overrides (U+202A-202E), isolates (U+2066-2069), marks (U+200E, U+200F, U+061C),
// plus C0/C1 controls other than tab: none belongs in an SMTP line shown to a person.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Server text with invisible controls replaced by a visible "\u{202E}" notation. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u{${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}}`);
}

/**
 * For localised prose: embeddings and overrides (U+202A-202E) made visible, since no text of
 * ours needs them and they reorder what follows. Marks and isolates stay: translations use them.
 */
export function visibleOverrides(text: string): string {
  return text.replace(/[\u202A-\u202E]/g, (char) => `\\u{${char.codePointAt(0)?.toString(16).toUpperCase()}}`);
}
