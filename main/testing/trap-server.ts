import { createServer } from "node:net";

export interface TrapServer {
  port: number;
  /** Connections accepted so far: a test of "refused before any connection" expects 0. */
  readonly connections: number;
  close(): Promise<void>;
}

/** A loopback SMTP-looking server that only counts who connects to it. */
export async function startTrapServer(): Promise<TrapServer> {
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    s.end("220 trap\r\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as { port: number }).port,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
