import * as net from "node:net";
import * as tls from "node:tls";
import type { EventOf } from "../../shared/contract/events";
import { sniffForeignProtocol } from "../../shared/smtp/protocol-sniff";
import { escapeLine } from "./escape";

export type ProbeState = EventOf<"port.probe">["state"];

export interface ProbeResult {
  port: number;
  state: ProbeState;
  banner: string | null;
  ms: number;
}

export interface ProbeOptions {
  address: string;
  port: number;
  servername: string | null;
  /** Budget for the TCP connect. */
  connectMs: number;
  /** Budget for a greeting once connected (plain, then again under TLS). */
  greetingMs: number;
  /** Start with the TLS handshake (the implicit-TLS port 465, or a port already silent in plain text). */
  tlsFirst?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Asks one port "do you speak SMTP, and how?": connect, wait briefly for a greeting; if the port
 * stays silent, try a TLS handshake on the same socket (implicit TLS, RFC 8314 3.3, waits for
 * the client to speak first) and read the greeting inside it. Never sends a command, so probing
 * leaves nothing in the server's logs beyond a connection.
 */
export function probePort(opts: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const tcp = net.connect({ host: opts.address, port: opts.port });
    let socket: net.Socket | tls.TLSSocket = tcp;
    const timers: NodeJS.Timeout[] = [];
    const finish = (state: ProbeState, banner: string | null = null) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener("abort", onAbort);
      // Destroying a TLS socket does not close the TCP socket it wraps: close both.
      socket.destroy();
      tcp.destroy();
      resolve({ port: opts.port, state, banner, ms: Date.now() - started });
    };
    const onAbort = () => finish("timeout");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const readGreeting = (s: net.Socket | tls.TLSSocket, secure: boolean, onSilence: () => void) => {
      let buffer = Buffer.alloc(0);
      s.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]).subarray(0, 1024);
        const lf = buffer.indexOf(0x0a);
        if (lf === -1 && buffer.length < 1024) return;
        const line = escapeLine(buffer.subarray(0, lf === -1 ? 200 : lf).filter((b) => b !== 0x0d));
        const foreign = sniffForeignProtocol(line);
        if (foreign && foreign !== "FTP") finish("not-smtp", line.slice(0, 200));
        else if (/^220[ -]/.test(line) && !foreign) finish(secure ? "tls-smtp" : "smtp", line.slice(0, 200));
        else finish("not-smtp", line.slice(0, 200));
      });
      timers.push(setTimeout(onSilence, opts.greetingMs));
    };
    socket.once("error", (e: NodeJS.ErrnoException) => {
      finish(e.code === "ECONNREFUSED" ? "refused" : e.code === "ECONNRESET" ? "closed" : e.code === "ETIMEDOUT" ? "timeout" : "unreachable");
    });
    socket.once("close", () => finish("closed"));
    timers.push(setTimeout(() => finish("timeout"), opts.connectMs));
    const startTls = () => {
      const plain = socket;
      plain.removeAllListeners("data");
      plain.removeAllListeners("close");
      plain.on("error", () => {});
      const secure = tls.connect({ socket: plain, rejectUnauthorized: false, ...(opts.servername ? { servername: opts.servername } : {}) });
      socket = secure;
      secure.once("error", () => finish("open-silent"));
      secure.once("secureConnect", () => readGreeting(secure, true, () => finish("open-silent")));
      timers.push(setTimeout(() => finish("open-silent"), opts.greetingMs * 2));
    };
    socket.once("connect", () => {
      // Silent in plain text: maybe it waits for our TLS ClientHello.
      if (opts.tlsFirst) startTls();
      else readGreeting(socket, false, startTls);
    });
  });
}
