/**
 * A deliberately dumb line client for smoke-testing the fixtures without the engine: read
 * raw lines, send commands, upgrade to TLS, watch for silence, close and reset.
 * Test-only code.
 */
import net from "node:net";
import tls from "node:tls";

export interface ClosedInfo {
  error: NodeJS.ErrnoException | undefined;
}

export interface LineClient {
  /** Bytes received so far (plain and TLS layers together, after decryption). */
  readonly bytes: number;
  /** Everything received, decoded as latin1 so that every byte survives. */
  readonly text: string;
  /** Next line including its ending ("\n" or "\r\n"). */
  readRawLine(timeoutMs?: number): Promise<string>;
  /** Next line without its ending. */
  readLine(timeoutMs?: number): Promise<string>;
  /** Lines up to the last one of a reply ("ddd " or anything that is not "ddd-"). */
  readReply(timeoutMs?: number): Promise<string[]>;
  /** Send one command line with CRLF. */
  send(line: string): void;
  /** Send a command and read its reply. */
  command(line: string, timeoutMs?: number): Promise<string[]>;
  /** Resolves once at least `count` bytes have arrived. */
  waitForBytes(count: number, timeoutMs?: number): Promise<void>;
  /** Upgrade the current socket to TLS (STARTTLS); rejects with the handshake error. */
  startTls(options?: tls.ConnectionOptions): Promise<tls.TLSSocket>;
  /** Resolves when the socket closes, with the error that closed it, if any. */
  closed(timeoutMs?: number): Promise<ClosedInfo>;
  destroy(): void;
}

export interface ConnectOptions {
  host?: string;
  /** Connect with implicit TLS using these options. */
  tls?: tls.ConnectionOptions;
}

const DEFAULT_TIMEOUT = 3000;

export async function connectLines(port: number, options: ConnectOptions = {}): Promise<LineClient> {
  const host = options.host ?? "127.0.0.1";
  let earlyError: NodeJS.ErrnoException | undefined;
  let socket: net.Socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = options.tls
      ? tls.connect({ host, port, ...options.tls }, () => resolve(s))
      : net.connect({ host, port }, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) => {
      // On loopback a server's RST can beat the connect callback: the connection did exist,
      // so hand back a client that reports the reset instead of failing to connect.
      if (err.code !== "ECONNRESET") return reject(err);
      earlyError = err;
      resolve(s);
    });
  });

  let pending = "";
  let all = "";
  let received = 0;
  let isClosed = earlyError !== undefined;
  let closeError: NodeJS.ErrnoException | undefined = earlyError;
  const wakers = new Set<() => void>();
  const wakeAll = (): void => {
    for (const w of [...wakers]) w();
  };

  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    const text = chunk.toString("latin1");
    pending += text;
    // Keep the full transcript only while it is small; floods are counted, not stored.
    if (all.length < 1_000_000) all += text;
    wakeAll();
  };
  const watch = (s: net.Socket): void => {
    s.on("data", onData);
    s.on("error", (err: NodeJS.ErrnoException) => {
      closeError ??= err;
    });
    s.on("close", () => {
      if (s !== socket) return;
      isClosed = true;
      wakeAll();
    });
  };
  watch(socket);

  /** Wait until `ready()` returns a value, the socket closes, or the timeout passes. */
  function until<T>(ready: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = ready();
        if (value !== undefined) return finish(() => resolve(value));
        if (isClosed) finish(() => reject(new Error(`connection closed while waiting for ${what}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}`))), timeoutMs);
      const finish = (f: () => void): void => {
        clearTimeout(timer);
        wakers.delete(check);
        f();
      };
      wakers.add(check);
      check();
    });
  }

  const takeLine = (): string | undefined => {
    const nl = pending.indexOf("\n");
    if (nl < 0) return undefined;
    const line = pending.slice(0, nl + 1);
    pending = pending.slice(nl + 1);
    return line;
  };

  const client: LineClient = {
    get bytes() {
      return received;
    },
    get text() {
      return all;
    },
    readRawLine: (timeoutMs = DEFAULT_TIMEOUT) => until(takeLine, timeoutMs, "a line"),
    async readLine(timeoutMs = DEFAULT_TIMEOUT) {
      return (await client.readRawLine(timeoutMs)).replace(/\r?\n$/, "");
    },
    async readReply(timeoutMs = DEFAULT_TIMEOUT) {
      const lines: string[] = [];
      for (;;) {
        const line = await client.readLine(timeoutMs);
        lines.push(line);
        if (!/^\d{3}-/.test(line)) return lines;
      }
    },
    send(line) {
      socket.write(`${line}\r\n`);
    },
    command(line, timeoutMs) {
      client.send(line);
      return client.readReply(timeoutMs);
    },
    waitForBytes: (count, timeoutMs = DEFAULT_TIMEOUT) =>
      until(() => (received >= count ? true : undefined), timeoutMs, `${count} bytes`).then(() => undefined),
    startTls(tlsOptions = {}) {
      const raw = socket;
      raw.off("data", onData);
      pending = "";
      return new Promise<tls.TLSSocket>((resolve, reject) => {
        const secure = tls.connect({ socket: raw, host, ...tlsOptions }, () => resolve(secure));
        socket = secure;
        watch(secure);
        secure.once("error", reject);
      });
    },
    closed: (timeoutMs = DEFAULT_TIMEOUT) =>
      until<ClosedInfo>(() => (isClosed ? { error: closeError } : undefined), timeoutMs, "close"),
    destroy() {
      socket.destroy();
    },
  };
  return client;
}
