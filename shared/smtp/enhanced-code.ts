/**
 * Enhanced mail system status codes ("5.7.1") as servers put them in reply text.
 *
 * RFC 3463 2: status-code = class "." subject "." detail; class is 2, 4 or 5; subject and detail
 * are 1-3 digits without leading zeros. RFC 2034 4: with ENHANCEDSTATUSCODES the code starts the
 * text of every 2xx/4xx/5xx reply line, followed by a space, and its class matches the reply's
 * first digit. Real servers are looser than that, so the parser also accepts the older Exchange
 * form "550 #5.1.0 Address rejected" and a code glued to punctuation ("5.1.1:").
 */

export type EnhancedClass = 2 | 4 | 5;

export interface EnhancedCode {
  /** Normalised "class.subject.detail", e.g. "5.7.26". */
  code: string;
  cls: EnhancedClass;
  subject: number;
  detail: number;
}

const PART = "(0|[1-9]\\d{0,2})";
/**
 * At the start of the text: optional "#" (Exchange), class, subject, detail. The lookahead stops
 * "5.7.1234" or "5.7.1.2" (a version number, an IP address) from counting as a code.
 */
const AT_START = new RegExp(`^\\s*#?([245])\\.${PART}\\.${PART}(?!\\d|\\.\\d)`);
const WHOLE = new RegExp(`^([245])\\.${PART}\\.${PART}$`);

function toEnhanced(match: RegExpExecArray): EnhancedCode {
  const cls = Number(match[1]) as EnhancedClass;
  const subject = Number(match[2]);
  const detail = Number(match[3]);
  return { code: `${cls}.${subject}.${detail}`, cls, subject, detail };
}

/** Is `text` exactly one well-formed enhanced status code (no surrounding text)? */
export function isEnhancedCode(text: string): boolean {
  return WHOLE.test(text);
}

/** Parses a bare enhanced code ("5.7.1"); null when it is not exactly one. */
export function parseEnhancedCode(text: string): EnhancedCode | null {
  const match = WHOLE.exec(text.trim());
  return match ? toEnhanced(match) : null;
}

/**
 * The enhanced code at the start of one reply line's text (the part after "550 " or "550-"),
 * with the length of the prefix it occupied so callers can strip it. Null when there is none.
 */
export function enhancedCodeAtStart(text: string): { enhanced: EnhancedCode; length: number } | null {
  const match = AT_START.exec(text);
  return match ? { enhanced: toEnhanced(match), length: match[0].length } : null;
}

/**
 * The enhanced code of a reply line's text, only if its class matches the basic reply code's
 * first digit (RFC 3463 2, RFC 2034 4): "550 2.0.0 …" carries no usable enhanced code, and
 * 3xx replies never carry one.
 */
export function enhancedCodeForReply(replyCode: number, text: string): EnhancedCode | null {
  const found = enhancedCodeAtStart(text);
  if (!found) return null;
  return found.enhanced.cls === Math.floor(replyCode / 100) ? found.enhanced : null;
}

/**
 * Keys to look an enhanced code up in the knowledge base, most specific first: the exact code,
 * the registry's class-independent detail "X.7.1", the subject "X.7.X", the class "5.X.X".
 * RFC 3463 2: a client that does not know the detail falls back to the subject, then the class.
 */
export function enhancedLookupKeys(code: EnhancedCode): string[] {
  return [
    code.code,
    `X.${code.subject}.${code.detail}`,
    `X.${code.subject}.X`,
    `${code.cls}.X.X`,
  ];
}
