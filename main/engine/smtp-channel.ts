import type { Socket } from "node:net";
import * as tls from "node:tls";
import type { Phase } from "../../shared/contract/events";
import { sniffForeignProtocol } from "../../shared/smtp/protocol-sniff";
import type { Reply } from "../../shared/smtp/reply";
import { ChannelError } from "./channel-error";
import { MAX_STRAY_LINES } from "./limits";
import type { Recorder } from "./recorder";
import { ReplyReader, type ReaderOutput } from "./reply-reader";
import { waitWithProgress } from "./wait";

export interface ReceivedReply extends Reply {
  /** seq of each recv event of the reply. */
  seqs: number[];
}

/**
 * One SMTP connection: writes command lines, reads replies with a timeout, records every byte
 * in both directions as events, and can be upgraded to TLS in place (RFC 3207 STARTTLS).
 * Received data is processed the moment it arrives so the transcript is live even while nobody
 * is waiting for a reply.
 */
export class SmtpChannel {
  private reader = new ReplyReader();
  private readonly queue: ReceivedReply[] = [];
  private pendingSeqs: number[] = [];
  private failure: ChannelError | null = null;
  private wake: (() => void) | null = null;
  private strayLines = 0;
  private repliesSeen = 0;
  private bareLfSeen = false;
  phase: Phase = "greeting";
  replyTo: string | null = null;
  secure = false;

  constructor(
    private socket: Socket,
    private readonly rec: Recorder,
  ) {
    this.attach();
  }

  get alive(): boolean {
    return this.failure === null && !this.socket.destroyed;
  }

  /** True once the server has sent at least one complete reply. */
  get answered(): boolean {
    return this.repliesSeen > 0;
  }

  /** True once any line ended with a bare LF. */
  get sawBareLf(): boolean {
    return this.bareLfSeen;
  }

  get rawSocket(): Socket {
    return this.socket;
  }

  /** Sends one command line; `display` replaces the text in the transcript (secrets). */
  send(line: string, command: string, display?: string): number {
    const event = this.rec.emit({
      kind: "send",
      text: display ?? line,
      command,
      tls: this.secure,
      redacted: display !== undefined,
    });
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
    return event.seq;
  }

  /** Sends a block of raw data (the DATA payload); recorded as one event per line. */
  sendData(payload: string, lines: readonly string[]): void {
    for (const l of lines) this.rec.emit({ kind: "send", text: l, command: "DATA-BODY", tls: this.secure, redacted: false });
    if (!this.socket.destroyed) this.socket.write(payload);
  }

  async readReply(phase: Phase, replyTo: string | null, timeoutMs: number, progressMs: number, signal?: AbortSignal): Promise<ReceivedReply> {
    this.phase = phase;
    this.replyTo = replyTo;
    return waitWithProgress<ReceivedReply>({
      rec: this.rec,
      phase,
      timeoutMs,
      progressMs,
      signal,
      poll: () => {
        const reply = this.queue.shift();
        if (reply) return { done: true, value: reply };
        if (this.failure) throw this.failure;
        return { done: false };
      },
      subscribe: (wake) => {
        this.wake = wake;
        return () => {
          this.wake = null;
        };
      },
      onTimeout: () => {
        const note = this.rec.emit({
          kind: "note",
          level: "error",
          code: "timeout",
          text: `No complete reply within ${Math.round(timeoutMs / 100) / 10} s`,
        });
        return new ChannelError("timeout", "timed out waiting for a reply", [note.seq], { timeoutMs });
      },
    });
  }

  /**
   * Hands the TCP socket to TLS (STARTTLS or implicit TLS). Our plaintext reader is detached
   * first; RFC 3207 4.2 says anything the server sent before the handshake must be discarded.
   */
  async upgradeToTls(options: tls.ConnectionOptions, timeoutMs: number, progressMs: number, signal?: AbortSignal): Promise<tls.TLSSocket> {
    this.detach();
    const plain = this.socket;
    const secure = tls.connect({ ...options, socket: plain });
    let error: Error | null = null;
    let ready = false;
    let wake: (() => void) | null = null;
    secure.once("secureConnect", () => {
      ready = true;
      wake?.();
    });
    secure.once("error", (e) => {
      error = e;
      wake?.();
    });
    plain.once("close", () => {
      error ??= Object.assign(new Error("connection closed during the TLS handshake"), { code: "ECONNCLOSED" });
      wake?.();
    });
    try {
      await waitWithProgress<true>({
        rec: this.rec,
        phase: "tls",
        timeoutMs,
        progressMs,
        signal,
        poll: () => {
          if (ready) return { done: true, value: true };
          if (error) throw error;
          return { done: false };
        },
        subscribe: (w) => {
          wake = w;
          return () => {
            wake = null;
          };
        },
        onTimeout: () => new ChannelError("timeout", "TLS handshake timed out", [], { timeoutMs }),
      });
    } catch (e) {
      secure.destroy();
      plain.destroy();
      this.failure = e instanceof ChannelError ? e : new ChannelError("tls", (e as Error).message);
      throw e;
    }
    this.socket = secure;
    this.secure = true;
    this.reader = new ReplyReader();
    this.attach();
    return secure;
  }

  /** Ends the connection at once (after QUIT, on failure, or on cancellation). */
  destroy(): void {
    this.detach();
    this.socket.destroy();
  }

  private readonly onData = (data: Buffer) => {
    for (const output of this.reader.push(data)) this.handle(output);
  };

  private readonly onError = (err: NodeJS.ErrnoException) => {
    if (this.failure) return;
    const reset = err.code === "ECONNRESET" || err.code === "EPIPE";
    const note = this.rec.emit({ kind: "tcp.error", code: err.code ?? "ERROR", message: err.message });
    this.fail(new ChannelError(reset ? "reset" : "socket", err.message, [note.seq], { code: err.code ?? "ERROR" }));
  };

  private readonly onClose = () => {
    if (this.failure) return;
    const note = this.rec.emit({ kind: "note", level: "warning", code: "closed", text: "The server closed the connection" });
    this.fail(new ChannelError("closed", "the server closed the connection", [note.seq]));
  };

  private attach(): void {
    this.socket.on("data", this.onData);
    this.socket.on("error", this.onError);
    this.socket.on("end", this.onClose);
    this.socket.on("close", this.onClose);
  }

  private detach(): void {
    this.socket.off("data", this.onData);
    this.socket.off("error", this.onError);
    this.socket.off("end", this.onClose);
    this.socket.off("close", this.onClose);
    // Keep a listener so a late socket error after detaching cannot crash the process.
    this.socket.on("error", () => {});
  }

  private fail(error: ChannelError): void {
    this.failure ??= error;
    this.wake?.();
  }

  private recordLine(text: string, code: number | null, final: boolean, bareLf: boolean): number {
    if (bareLf) this.bareLfSeen = true;
    return this.rec.emit({ kind: "recv", text, code, final, tls: this.secure, bareLf, phase: this.phase, replyTo: this.replyTo }).seq;
  }

  private handle(output: ReaderOutput): void {
    if (this.failure) return;
    switch (output.type) {
      case "line":
        this.pendingSeqs.push(this.recordLine(output.line.text, output.line.code, false, output.line.bareLf));
        return;
      case "reply": {
        const seq = this.recordLine(output.line.text, output.line.code, true, output.line.bareLf);
        this.queue.push({ ...output.reply, seqs: [...this.pendingSeqs, seq] });
        this.pendingSeqs = [];
        this.repliesSeen++;
        this.wake?.();
        return;
      }
      case "invalid": {
        const seq = this.recordLine(output.line.text, null, false, output.line.bareLf);
        const evidence = [...this.pendingSeqs, seq];
        this.pendingSeqs = [];
        const foreign = this.repliesSeen === 0 ? sniffForeignProtocol(output.line.text) : null;
        if (foreign) {
          this.fail(new ChannelError("not-smtp", `the server speaks ${foreign}, not SMTP`, evidence, { protocol: foreign, line: output.line.text }));
          return;
        }
        // Stray data before the greeting (a blank line, a proxy's noise) is recorded and skipped.
        if (this.repliesSeen === 0 && output.kind === "invalid-code" && this.strayLines < MAX_STRAY_LINES) {
          this.strayLines++;
          this.rec.emit({ kind: "note", level: "warning", code: "stray-data", text: "Data that is not an SMTP reply arrived before the greeting; it was skipped" });
          return;
        }
        this.fail(new ChannelError("protocol", `invalid reply (${output.kind}): ${output.detail}`, evidence, { reason: output.kind, line: output.line.text }));
        return;
      }
      case "overflow": {
        const note = this.rec.emit({
          kind: "note",
          level: "error",
          code: output.binary ? "binary-data" : "line-too-long",
          text: output.binary
            ? `The server sent binary data instead of text (starts with ${output.sample})`
            : `A reply line exceeded ${output.bytes} bytes without a line end; reading stopped`,
        });
        this.fail(new ChannelError(output.binary ? "protocol" : "overflow", "reply line too long", [note.seq], { bytes: output.bytes, reason: output.binary ? "binary" : "overflow" }));
        this.socket.destroy();
        return;
      }
    }
  }
}
