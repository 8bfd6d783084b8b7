import { createServer, type Socket } from "node:net";

/**
 * The event source of `npm run bench:ui`: a real SMTP server on 127.0.0.1 that makes the real
 * engine emit thousands of events at a steady rate. The engine caps a reply at 200 lines and a
 * check at 100 recipients (shared/contract, main/engine/limits.ts), so the flood is 100 RCPT
 * replies of `linesPerRcpt` lines each: every line is one `recv` event (RFC 5321 4.2.1 multiline
 * replies: "250-" for all lines but the last, "250 " on the last). Lines leave at `linesPerSecond`
 * through a small token bucket, so the rate holds across the RCPT round trips. Bench-only code.
 */
export interface FloodOptions {
  linesPerRcpt: number;
  linesPerSecond: number;
  /** Hold after this many lines, until `resume` (a test's known point mid-flood). */
  holdAfter?: number;
}

export interface FloodServer {
  host: string;
  port: number;
  /** Epoch ms when the last line of the last RCPT reply was written, or null. */
  readonly lastLineAt: number | null;
  /** Lines written in RCPT replies so far. */
  readonly linesSent: number;
  /** Holds the lines not yet sent until `resume` (tests use it to act at a known point of a flood). */
  pause(): void;
  /** Sends again: `lines` more lines and then holds, or (without it) everything left. */
  resume(lines?: number): void;
  close(): Promise<void>;
}

/** Lines one tick may send after a pause (the RCPT round trip): a short burst, never a backlog. */
const MAX_BURST = 50;
const TICK_MS = 4;

export async function startFloodServer(options: FloodOptions): Promise<FloodServer> {
  const sockets = new Set<Socket>();
  let lastLineAt: number | null = null;
  let linesSent = 0;
  let paused = false;
  // Lines still allowed before holding again (resume(lines)); Infinity when not limited.
  let allowance = options.holdAfter ?? Infinity;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.setNoDelay(true);
    const queue: string[] = [];
    let tokens = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      tokens = Math.min(MAX_BURST, tokens + ((now - last) * options.linesPerSecond) / 1000);
      last = now;
      if (queue.length === 0 || paused) return;
      const n = Math.min(queue.length, Math.floor(tokens), allowance);
      if (n === 0) return;
      tokens -= n;
      socket.write(queue.splice(0, n).join(""));
      linesSent += n;
      allowance -= n;
      if (allowance <= 0) {
        paused = true;
        allowance = Infinity;
      }
      lastLineAt = Date.now();
    }, TICK_MS);
    socket.on("close", () => clearInterval(timer));

    let rcpt = 0;
    const rcptReply = (): void => {
      rcpt++;
      for (let i = 1; i < options.linesPerRcpt; i++) queue.push(`250-2.1.5 recipient ${rcpt}: policy note ${i} of ${options.linesPerRcpt}\r\n`);
      queue.push(`250 2.1.5 recipient ${rcpt} ok\r\n`);
    };

    socket.write("220 flood.ehlo.test ESMTP bench\r\n");
    let buffer = "";
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      let eol: number;
      while ((eol = buffer.indexOf("\r\n")) >= 0) {
        const verb = buffer.slice(0, eol).split(" ")[0]?.toUpperCase() ?? "";
        buffer = buffer.slice(eol + 2);
        if (verb === "EHLO" || verb === "HELO") socket.write("250-flood.ehlo.test\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") socket.write("250 2.1.0 Ok\r\n");
        else if (verb === "RCPT") rcptReply();
        else if (verb === "QUIT") {
          // After the queued lines, so the order on the wire stays request/reply.
          const bye = setInterval(() => {
            if (queue.length > 0) return;
            clearInterval(bye);
            socket.end("221 2.0.0 Bye\r\n");
          }, TICK_MS);
        } else socket.write("502 5.5.2 Not implemented here\r\n");
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    host: "127.0.0.1",
    port,
    get lastLineAt() {
      return lastLineAt;
    },
    get linesSent() {
      return linesSent;
    },
    pause() {
      paused = true;
    },
    resume(lines) {
      allowance = lines ?? Infinity;
      paused = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
