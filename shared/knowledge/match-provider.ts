/**
 * Matches a server reply against provider-specific reply rules (data/provider-replies.json).
 *
 * Pure: no I/O. The caller passes the reply already split into its parts: the basic code, the
 * enhanced code of the first line (or null) and the text, which is every line of the reply with
 * its code and enhanced code stripped, joined with single spaces (RFC 5321 4.2.1: a multiline
 * reply repeats the code on each line; only the text after it carries meaning).
 */
import type { ProviderReplyRule } from "./types";

export interface ProviderReplyInput {
  code: number;
  enhanced: string | null;
  text: string;
}

/** Compiled patterns, keyed by pattern source. Rules are data, so sources repeat across bundles. */
const compiled = new Map<string, RegExp | null>();

/** Compiles once; an invalid pattern is remembered as null so it never matches (tests catch it). */
function patternOf(source: string): RegExp | null {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  let re: RegExp | null;
  try {
    re = new RegExp(source, "i");
  } catch {
    re = null;
  }
  compiled.set(source, re);
  return re;
}

/** True when the pattern source compiles as a case-insensitive JavaScript regular expression. */
export function isValidProviderPattern(source: string): boolean {
  return patternOf(source) !== null;
}

/**
 * Rules whose code, enhanced code (when the rule names one) and pattern all match, most specific
 * first: a rule pinned to an enhanced code beats one matching on text alone, and among equals the
 * longer pattern wins (it says more about the text). Ties keep the data file's order.
 */
export function matchProviderRules(
  rules: ProviderReplyRule[],
  reply: ProviderReplyInput,
): ProviderReplyRule[] {
  const code = String(reply.code);
  // Callers may hand over text that still has line breaks; the rules are written for one line.
  const text = reply.text.replace(/\s*\r?\n\s*/g, " ");
  const hits: { rule: ProviderReplyRule; index: number }[] = [];
  rules.forEach((rule, index) => {
    if (rule.code !== code) return;
    // RFC 3463 2: compare the whole status code; "5.7.2" must not match "5.7.26".
    if (rule.enhanced !== null && rule.enhanced !== reply.enhanced) return;
    const re = patternOf(rule.pattern);
    if (re === null || !re.test(text)) return;
    hits.push({ rule, index });
  });
  hits.sort((a, b) => {
    const byEnhanced = Number(b.rule.enhanced !== null) - Number(a.rule.enhanced !== null);
    if (byEnhanced !== 0) return byEnhanced;
    const byLength = b.rule.pattern.length - a.rule.pattern.length;
    return byLength !== 0 ? byLength : a.index - b.index;
  });
  return hits.map((hit) => hit.rule);
}
