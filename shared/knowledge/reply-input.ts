import { enhancedCodeAtStart, isEnhancedCode } from "../smtp/enhanced-code";
import { REPLY_PHASES, type ReplyPhase } from "./types";

/**
 * Turning what a person pastes (or what the engine received) into a reply to explain. Pure.
 * The engine has its own wire parser; this one is lenient on purpose: it accepts wrapped
 * copies, transcript arrows and missing trailing spaces.
 */

export interface ParsedReply {
  /** The basic reply code, e.g. 550. */
  code: number;
  /** The enhanced status code whose class matches `code` (RFC 3463 2), or null. */
  enhanced: string | null;
  /** The human text of all lines, without codes, joined by single spaces. */
  text: string;
  /** The reply lines as understood (trimmed, one per element). */
  lines: string[];
}

// RFC 5321 4.2: a reply line is a three-digit code, then SP (last line) or "-" (continuation),
// then text; clients must accept a bare code without the space. The first digit is 2-5; the
// ABNF limits the second digit to 0-5, but unknown codes must still be handled by their first
// digit (RFC 5321 4.2.1), so the parser accepts any second and third digit.
const REPLY_LINE = /^([2-5]\d\d)(?:([ -])(.*))?$/;
/** Prefixes of copied transcripts: swaks' "<-", "<~" (TLS) and "<**" (unexpected), "S:". */
const TRANSCRIPT_PREFIX = /^\s*(?:<(?:-|~|\*\*)\s*|S:\s*)?/;

function splitLines(input: readonly string[]): string[] {
  return input
    .flatMap((entry) => entry.split(/\r\n|\r|\n/))
    .map((line) => line.replace(TRANSCRIPT_PREFIX, "").trimEnd())
    .filter((line) => line.length > 0);
}

/**
 * Parses reply lines such as ["550-5.7.26 This mail is unauthenticated", "550 5.7.26 …"].
 * Lines may also arrive as one string with line breaks. Lines without a code after the first are
 * taken as wrapped text. Returns null when the first line is not a reply line.
 */
export function parseReplyLines(input: readonly string[]): ParsedReply | null {
  const lines = splitLines(input);
  const first = lines[0] === undefined ? null : REPLY_LINE.exec(lines[0]);
  if (!first || first[1] === undefined) return null;
  const code = Number(first[1]);
  let enhanced: string | null = null;
  const texts: string[] = [];
  for (const line of lines) {
    const match = REPLY_LINE.exec(line);
    let text = match && match[1] === first[1] ? (match[3] ?? "") : line;
    const found = enhancedCodeAtStart(text);
    // RFC 2034 4: every line of a multiline reply repeats the code; the class must match the
    // basic code's first digit, otherwise the "code" is just text (e.g. "550 2.0.0" is bogus).
    if (found && found.enhanced.cls === Math.floor(code / 100)) {
      enhanced ??= found.enhanced.code;
      text = text.slice(found.length);
    }
    const trimmed = text.trim();
    if (trimmed.length > 0) texts.push(trimmed);
  }
  return { code, enhanced, text: texts.join(" "), lines };
}

/** What the user asked to explain. */
export type ExplainRequest =
  | { kind: "code"; code: string }
  | { kind: "enhanced"; code: string }
  | { kind: "reply"; reply: ParsedReply };

/**
 * Classifies free input: a basic code ("251"), an enhanced code ("5.7.1") or reply lines.
 * Several arguments that each start like a reply line are separate lines; otherwise they are
 * words of one line (`explain 550 5.7.1 Relay access denied` without quotes). Null when invalid.
 */
export function readExplainInput(args: readonly string[]): ExplainRequest | null {
  const eachIsLine = args.length > 1 && args.every((arg) => /^\s*[2-5]\d\d[ -]/.test(arg));
  const lines = eachIsLine ? [...args] : [args.join(" ")];
  const single = lines.length === 1 ? (lines[0] ?? "").trim() : null;
  if (single !== null && /^[2-5]\d\d$/.test(single)) return { kind: "code", code: single };
  if (single !== null && isEnhancedCode(single)) return { kind: "enhanced", code: single };
  const reply = parseReplyLines(lines);
  return reply ? { kind: "reply", reply } : null;
}

/** Normalises a phase name typed by a person ("rcpt", "data-end", "greeting"). */
export function parseReplyPhase(text: string): ReplyPhase | null {
  const upper = text.trim().toUpperCase().replace(/_/g, "-");
  if (upper === "GREETING") return "CONNECT";
  return (REPLY_PHASES as readonly string[]).includes(upper) ? (upper as ReplyPhase) : null;
}

/**
 * The phase of a reply from the engine's `recv.replyTo`: null is the greeting, the AUTH
 * continuation lines still answer AUTH, the body ("DATA-BODY") is answered at DATA-END.
 */
export function replyPhaseOf(replyTo: string | null): ReplyPhase | undefined {
  if (replyTo === null) return "CONNECT";
  if (replyTo === "AUTH-RESPONSE") return "AUTH";
  if (replyTo === "DATA-BODY") return "DATA-END";
  return parseReplyPhase(replyTo) ?? undefined;
}
