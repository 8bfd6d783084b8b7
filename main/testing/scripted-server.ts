/**
 * A raw TCP fixture server driven by a tiny script: what to send on connect, and how to answer
 * each received line. It can misbehave on purpose (close, reset, stall, flood, lie about TLS),
 * which a real SMTP server library never would. Loopback only. Test-only code.
 */
import net from "node:net";
import tls from "node:tls";

export type Bytes = string | Uint8Array;

export interface TlsConfig {
  cert: string;
  key: string;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
}

export type Step =
  | { kind: "send"; data: Bytes }
  | { kind: "wait"; ms: number }
  /** Half-close after pending writes (FIN). */
  | { kind: "close" }
  /** Abort with a TCP RST. */
  | { kind: "reset" }
  /** Explicitly do nothing: the peer waits for a reply that never comes. */
  | { kind: "silent" }
  /** Write `chunk` repeatedly until `totalBytes`, honouring backpressure. */
  | { kind: "stream"; chunk: Bytes; totalBytes: number }
  /** Turn this connection into a TLS server socket (STARTTLS, RFC 3207). */
  | { kind: "starttls"; tls: TlsConfig }
  /** The next received line, whatever it says, gets this reply (SASL continuations). */
  | { kind: "next"; reply: Reply }
  /** Collect message lines until the lone "." (RFC 5321 4.1.1.4), then run `reply`. */
  | { kind: "data"; reply: Reply };

export interface LineContext {
  /** The received line without its line ending ("" for the connect event). */
  line: string;
  /** Whether the connection runs over TLS at this point. */
  tls: boolean;
  /** How many times this rule matched on this connection, starting at 1. */
  count: number;
  /** 1-based index of the connection on this server. */
  connection: number;
}

export type Reply = Step | Step[] | ((ctx: LineContext) => Step | Step[]);

export interface Rule {
  /** A string matches the command verb(s) at the start of the line, case-insensitively. */
  match: string | RegExp | ((line: string) => boolean);
  reply: Reply;
}

export interface Script {
  /** Implicit TLS: complete a TLS handshake before `onConnect` runs (RFC 8314 3.3). */
  tls?: TlsConfig;
  onConnect?: Reply;
  /** First matching rule wins. */
  rules?: Rule[];
  /** Reply for lines no rule matches. */
  otherwise?: Reply;
}

export interface ScriptedServer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Every line received, on all connections, without line endings. */
  received: string[];
  /** Message bodies collected by `data` steps, lines joined with CRLF, dot-stuffing intact. */
  messages: string[];
  /** TLS errors seen on the server side (handshake failures and the like). */
  tlsErrors: string[];
  close(): Promise<void>;
}

// ---- step builders: keep scripts readable ----

export const send = (data: Bytes): Step => ({ kind: "send", data });
/** Reply lines, each terminated by CRLF (RFC 5321 2.3.8). */
export const reply = (...lines: string[]): Step => send(lines.map((l) => `${l}\r\n`).join(""));
export const wait = (ms: number): Step => ({ kind: "wait", ms });
export const close = (): Step => ({ kind: "close" });
export const reset = (): Step => ({ kind: "reset" });
export const silent = (): Step => ({ kind: "silent" });
export const stream = (chunk: Bytes, totalBytes: number): Step => ({ kind: "stream", chunk, totalBytes });
export const startTls = (config: TlsConfig): Step => ({ kind: "starttls", tls: config });
export const next = (r: Reply): Step => ({ kind: "next", reply: r });
export const collectData = (r: Reply): Step => ({ kind: "data", reply: r });

const MAX_PENDING_LINE = 1024 * 1024;

interface Connection {
  index: number;
  socket: net.Socket;
  isTls: boolean;
  ended: boolean;
  buffer: string;
  queue: string[];
  running: boolean;
  pendingNext: Reply | undefined;
  dataReply: Reply | undefined;
  dataLines: string[];
  ruleCounts: Map<Rule, number>;
  wake: Set<() => void>;
}

function secureContext(config: TlsConfig): tls.SecureContext {
  return tls.createSecureContext({
    cert: config.cert,
    key: config.key,
    ...(config.minVersion ? { minVersion: config.minVersion } : {}),
    ...(config.maxVersion ? { maxVersion: config.maxVersion } : {}),
    ...(config.ciphers ? { ciphers: config.ciphers } : {}),
  });
}

function ruleMatches(rule: Rule, line: string): boolean {
  const { match } = rule;
  if (typeof match === "function") return match(line);
  if (match instanceof RegExp) return match.test(line);
  const head = line.slice(0, match.length).toUpperCase();
  const after = line.charAt(match.length);
  return head === match.toUpperCase() && (after === "" || after === " " || after === ":");
}

function toSteps(r: Reply, ctx: LineContext): Step[] {
  const resolved = typeof r === "function" ? r(ctx) : r;
  return Array.isArray(resolved) ? resolved : [resolved];
}

/**
 * Start a scripted server on 127.0.0.1 with a random port, or on another loopback address and
 * port (benchmarks use a second test host, 127.0.0.2).
 */
export async function startScriptedServer(script: Script, where: { host?: string; port?: number } = {}): Promise<ScriptedServer> {
  const listenHost = where.host ?? "127.0.0.1";
  if (!/^127\./.test(listenHost)) throw new Error(`fixtures listen on loopback only, not ${listenHost}`);
  const sockets = new Set<net.Socket>();
  const connections = new Set<Connection>();
  const received: string[] = [];
  const messages: string[] = [];
  const tlsErrors: string[] = [];
  let accepted = 0;

  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    // A peer that resets or a TLS layer that fails must never crash the test process.
    socket.on("error", (err: Error) => {
      if (socket instanceof tls.TLSSocket) tlsErrors.push(err.message);
    });
    socket.on("close", () => sockets.delete(socket));
  };

  const finish = (conn: Connection): void => {
    conn.ended = true;
    for (const wake of conn.wake) wake();
    conn.wake.clear();
  };

  /** Resolves after `ms`, or at once when the connection ends. */
  const sleep = (conn: Connection, ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        conn.wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      conn.wake.add(done);
    });

  const drained = (conn: Connection): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        conn.socket.off("drain", done);
        conn.wake.delete(done);
        resolve();
      };
      conn.socket.once("drain", done);
      conn.wake.add(done);
    });

  const write = (conn: Connection, data: Bytes): boolean =>
    !conn.ended && conn.socket.writable ? conn.socket.write(data) : true;

  async function pump(conn: Connection, chunk: Bytes, total: number): Promise<void> {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    let sent = 0;
    while (sent < total && !conn.ended) {
      const piece = total - sent >= bytes.length ? bytes : bytes.subarray(0, total - sent);
      sent += piece.length;
      if (!write(conn, piece)) await drained(conn);
    }
  }

  function upgrade(conn: Connection, config: TlsConfig): void {
    const raw = conn.socket;
    raw.removeAllListeners("data");
    // RFC 3207 4.2: anything pipelined before the handshake must be discarded (CVE-2011-0411).
    conn.buffer = "";
    conn.queue.length = 0;
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: secureContext(config) });
    track(secure);
    conn.socket = secure;
    conn.isTls = true;
    secure.on("data", (chunk: Buffer) => onData(conn, chunk));
    secure.on("close", () => finish(conn));
  }

  async function runSteps(conn: Connection, steps: Step[]): Promise<void> {
    for (const step of steps) {
      if (conn.ended) return;
      switch (step.kind) {
        case "send":
          write(conn, step.data);
          break;
        case "wait":
          await sleep(conn, step.ms);
          break;
        case "close":
          conn.socket.end();
          finish(conn);
          break;
        case "reset":
          conn.socket.resetAndDestroy();
          finish(conn);
          break;
        case "silent":
          break;
        case "stream":
          await pump(conn, step.chunk, step.totalBytes);
          break;
        case "starttls":
          upgrade(conn, step.tls);
          break;
        case "next":
          conn.pendingNext = step.reply;
          break;
        case "data":
          conn.dataReply = step.reply;
          conn.dataLines = [];
          break;
      }
    }
  }

  function stepsForLine(conn: Connection, line: string): Step[] {
    const ctx = (count: number): LineContext => ({ line, tls: conn.isTls, count, connection: conn.index });
    if (conn.dataReply) {
      if (line !== ".") {
        conn.dataLines.push(line);
        return [];
      }
      const r = conn.dataReply;
      conn.dataReply = undefined;
      messages.push(conn.dataLines.join("\r\n"));
      return toSteps(r, ctx(1));
    }
    if (conn.pendingNext) {
      const r = conn.pendingNext;
      conn.pendingNext = undefined;
      return toSteps(r, ctx(1));
    }
    for (const rule of script.rules ?? []) {
      if (!ruleMatches(rule, line)) continue;
      const count = (conn.ruleCounts.get(rule) ?? 0) + 1;
      conn.ruleCounts.set(rule, count);
      return toSteps(rule.reply, ctx(count));
    }
    // RFC 5321 4.2.4: 500 for a command the server does not recognise.
    return toSteps(script.otherwise ?? reply("500 5.5.2 Error: command not recognized"), ctx(1));
  }

  async function drain(conn: Connection): Promise<void> {
    if (conn.running) return;
    conn.running = true;
    while (conn.queue.length > 0 && !conn.ended) {
      const line = conn.queue.shift() as string;
      await runSteps(conn, stepsForLine(conn, line));
    }
    conn.running = false;
  }

  function onData(conn: Connection, chunk: Buffer): void {
    conn.buffer += chunk.toString("utf8");
    let nl = conn.buffer.indexOf("\n");
    while (nl >= 0) {
      const line = conn.buffer.slice(0, nl).replace(/\r$/, "");
      conn.buffer = conn.buffer.slice(nl + 1);
      received.push(line);
      conn.queue.push(line);
      nl = conn.buffer.indexOf("\n");
    }
    if (conn.buffer.length > MAX_PENDING_LINE) conn.buffer = "";
    void drain(conn);
  }

  async function begin(conn: Connection): Promise<void> {
    conn.running = true;
    if (script.onConnect) {
      await runSteps(conn, toSteps(script.onConnect, { line: "", tls: conn.isTls, count: 1, connection: conn.index }));
    }
    conn.running = false;
    void drain(conn);
  }

  const server = net.createServer((raw) => {
    accepted += 1;
    track(raw);
    const conn: Connection = {
      index: accepted,
      socket: raw,
      isTls: false,
      ended: false,
      buffer: "",
      queue: [],
      running: false,
      pendingNext: undefined,
      dataReply: undefined,
      dataLines: [],
      ruleCounts: new Map(),
      wake: new Set(),
    };
    connections.add(conn);
    raw.on("close", () => {
      finish(conn);
      connections.delete(conn);
    });
    if (!script.tls) {
      raw.on("data", (chunk: Buffer) => onData(conn, chunk));
      void begin(conn);
      return;
    }
    // Implicit TLS: a plain-text client gets nothing back, like a real port 465.
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: secureContext(script.tls) });
    track(secure);
    conn.socket = secure;
    conn.isTls = true;
    secure.on("close", () => finish(conn));
    secure.on("data", (chunk: Buffer) => onData(conn, chunk));
    secure.once("secure", () => void begin(conn));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port ?? 0, listenHost, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    host: listenHost,
    port,
    get connections() {
      return accepted;
    },
    received,
    messages,
    tlsErrors,
    async close() {
      for (const conn of connections) finish(conn);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
