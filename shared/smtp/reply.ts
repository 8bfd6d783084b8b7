/**
 * SMTP reply grammar (RFC 5321 4.2):
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
 *   Reply-code = %x32-35 %x30-35 %x30-39
 * The engine is lenient where real servers are (a bare "250" final line, a second digit of 6-9)
 * and strict where it matters for safety and diagnosis (three digits, 2xx-5xx, one code per reply).
 */

export interface ReplyLine {
  code: number;
  /** False for "250-…" continuation lines, true for the last line "250 …". */
  final: boolean;
  text: string;
}

export type ReplyLineParse = { ok: true; line: ReplyLine } | { ok: false; reason: "invalid-code" | "bad-separator" };

export function parseReplyLine(raw: string): ReplyLineParse {
  const m = /^([2-5])(\d)(\d)(.?)/.exec(raw);
  if (!m) return { ok: false, reason: "invalid-code" };
  const sep = m[4] ?? "";
  if (sep !== "" && sep !== " " && sep !== "-") return { ok: false, reason: "bad-separator" };
  const code = Number(raw.slice(0, 3));
  return { ok: true, line: { code, final: sep !== "-", text: raw.slice(4) } };
}

export interface Reply {
  code: number;
  /** Text of each line without the code and separator. */
  lines: string[];
  /** The lines exactly as received (escaped), for transcripts and explanations. */
  raw: string[];
}

export type AssemblerOutput =
  | { type: "continue"; line: ReplyLine }
  | { type: "reply"; line: ReplyLine; reply: Reply }
  | { type: "error"; kind: "invalid-code" | "mixed-codes" | "too-many-lines"; detail: string };

/**
 * Groups reply lines into replies. Every line of a multiline reply must carry the same code
 * (RFC 5321 4.2.1: "the same reply code must be used on every line"); a cap on lines per reply
 * keeps an endless "250-" stream from growing memory without bound.
 */
export class ReplyAssembler {
  private pending: { code: number; lines: string[]; raw: string[] } | null = null;

  constructor(private readonly maxLines: number) {}

  push(raw: string): AssemblerOutput {
    const parsed = parseReplyLine(raw);
    if (!parsed.ok) {
      this.pending = null;
      return { type: "error", kind: "invalid-code", detail: raw.slice(0, 80) };
    }
    const { line } = parsed;
    if (this.pending && this.pending.code !== line.code) {
      const expected = this.pending.code;
      this.pending = null;
      return { type: "error", kind: "mixed-codes", detail: `${expected} then ${line.code}` };
    }
    const current = this.pending ?? { code: line.code, lines: [], raw: [] };
    current.lines.push(line.text);
    current.raw.push(raw);
    if (line.final) {
      this.pending = null;
      return { type: "reply", line, reply: current };
    }
    if (current.lines.length >= this.maxLines) {
      this.pending = null;
      return { type: "error", kind: "too-many-lines", detail: `more than ${this.maxLines} lines` };
    }
    this.pending = current;
    return { type: "continue", line };
  }

  get inReply(): boolean {
    return this.pending !== null;
  }
}

export function replyClass(code: number): 2 | 3 | 4 | 5 {
  return Math.floor(code / 100) as 2 | 3 | 4 | 5;
}

export const isPositive = (code: number): boolean => code >= 200 && code < 400;
