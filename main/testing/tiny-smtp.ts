/**
 * The smallest SMTP peer the faces' tests need: "polite" answers 220 / 250 / 221, "silent" accepts
 * the connection and never says a word (a check then waits until cancelled). It counts open
 * sockets so a test can prove that closing a face really hangs up on the server. Loopback only.
 * Test-only code.
 */
import { createServer, type Socket } from "node:net";

export interface TinySmtp {
  host: string;
  port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections still open. */
  readonly open: number;
  /** Resolves once `count` connections have been accepted. */
  waitForAccepted(count: number): Promise<void>;
  /** Resolves once no connection is open (after at least one was accepted). */
  waitForAllClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startTinySmtp(mode: "polite" | "silent"): Promise<TinySmtp> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => {
      sockets.delete(socket);
      notify();
    });
    notify();
    if (mode === "silent") return;
    socket.write("220 tiny.ehlo.test ESMTP ok\r\n");
    let buffer = "";
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      let eol: number;
      while ((eol = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("QUIT")) socket.end("221 2.0.0 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ready()) return resolve();
      const check = () => {
        if (!ready()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  return {
    host: "127.0.0.1",
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    waitForAccepted: (count) => until(() => accepted >= count),
    waitForAllClosed: () => until(() => accepted > 0 && sockets.size === 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
