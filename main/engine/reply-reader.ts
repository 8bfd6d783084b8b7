import { ReplyAssembler, parseReplyLine, type Reply } from "../../shared/smtp/reply";
import { binaryRatio, escapeLine } from "./escape";
import { MAX_REPLY_LINE_BYTES, MAX_REPLY_LINES } from "./limits";

export interface ReceivedLine {
  /** Escaped text (see escape.ts), without the line ending. */
  text: string;
  /** The line ended with LF alone (RFC 5321 2.3.8 requires CRLF). */
  bareLf: boolean;
  /** Parsed code when the line is a well-formed reply line. */
  code: number | null;
  final: boolean;
}

export type ReaderOutput =
  | { type: "line"; line: ReceivedLine }
  | { type: "reply"; line: ReceivedLine; reply: Reply }
  | { type: "invalid"; line: ReceivedLine; kind: "invalid-code" | "mixed-codes" | "too-many-lines"; detail: string }
  | { type: "overflow"; bytes: number; binary: boolean; sample: string };

/**
 * Turns a byte stream into reply lines and replies, incrementally and with bounded memory: at
 * most MAX_REPLY_LINE_BYTES are ever buffered. After an overflow the reader is finished and
 * ignores further input (the session ends the connection).
 */
export class ReplyReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private overflowed = false;
  private readonly assembler: ReplyAssembler;

  constructor(
    private readonly maxLineBytes = MAX_REPLY_LINE_BYTES,
    maxLines = MAX_REPLY_LINES,
  ) {
    this.assembler = new ReplyAssembler(maxLines);
  }

  push(data: Uint8Array): ReaderOutput[] {
    const out: ReaderOutput[] = [];
    if (this.overflowed) return out;
    let chunk = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (;;) {
      const lf = chunk.indexOf(0x0a);
      if (lf === -1) {
        if (this.buffered + chunk.length > this.maxLineBytes) {
          const head = Buffer.concat([...this.chunks, chunk]).subarray(0, 256);
          this.overflowed = true;
          this.chunks = [];
          out.push({ type: "overflow", bytes: this.buffered + chunk.length, binary: binaryRatio(head) > 0.3, sample: escapeLine(head.subarray(0, 80)) });
          return out;
        }
        if (chunk.length > 0) {
          // Copy: the caller's buffer may be reused by the stream.
          this.chunks.push(Buffer.from(chunk));
          this.buffered += chunk.length;
        }
        return out;
      }
      if (this.buffered + lf > this.maxLineBytes) {
        const head = Buffer.concat([...this.chunks, chunk.subarray(0, Math.min(lf, 256))]).subarray(0, 256);
        this.overflowed = true;
        this.chunks = [];
        out.push({ type: "overflow", bytes: this.buffered + lf, binary: binaryRatio(head) > 0.3, sample: escapeLine(head.subarray(0, 80)) });
        return out;
      }
      const lineBytes = this.chunks.length === 0 ? chunk.subarray(0, lf) : Buffer.concat([...this.chunks, chunk.subarray(0, lf)]);
      this.chunks = [];
      this.buffered = 0;
      chunk = chunk.subarray(lf + 1);
      const bareLf = lineBytes.length === 0 || lineBytes[lineBytes.length - 1] !== 0x0d;
      out.push(this.acceptLine(escapeLine(bareLf ? lineBytes : lineBytes.subarray(0, -1)), bareLf));
    }
  }

  /** True while a multiline reply has begun but not ended. */
  get midReply(): boolean {
    return this.assembler.inReply;
  }

  private acceptLine(text: string, bareLf: boolean): ReaderOutput {
    const parsed = parseReplyLine(text);
    const line: ReceivedLine = {
      text,
      bareLf,
      code: parsed.ok ? parsed.line.code : null,
      final: parsed.ok ? parsed.line.final : false,
    };
    const result = this.assembler.push(text);
    switch (result.type) {
      case "continue":
        return { type: "line", line };
      case "reply":
        return { type: "reply", line, reply: result.reply };
      case "error":
        return { type: "invalid", line, kind: result.kind, detail: result.detail };
    }
  }
}
