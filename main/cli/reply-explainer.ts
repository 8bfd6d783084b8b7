/**
 * One-line explanation printed under each reply. Filled in from the knowledge base.
 */
export function replyExplainer(_lang: string): (lines: string[], replyTo: string | null) => string | null {
  return () => null;
}
