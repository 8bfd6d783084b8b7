import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";

/**
 * A port whose SYNs are dropped, on loopback, without firewall rules: a listener that never
 * accepts, with a backlog of 0, whose accept queue is filled first. Linux then drops further
 * SYNs (net.ipv4.tcp_abort_on_overflow = 0, the default), so a client's connect hangs exactly as
 * behind a filtering firewall. Node always accepts, so the listener is a tiny python3 process.
 */
export async function startFilteredPort(host: string, port: number): Promise<{ close(): void }> {
  const script = `import socket,sys,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(0); print("ready", flush=True)
time.sleep(3600)`;
  const child: ChildProcess = spawn("python3", ["-c", script, host, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`filtered-port listener exited (${code})`)));
  });
  // Fill the accept queue; these connections complete at kernel level and are never accepted.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 4; i++) {
    const s = net.connect({ host, port });
    s.on("error", () => {});
    fillers.push(s);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    close() {
      for (const s of fillers) s.destroy();
      child.kill("SIGKILL");
    },
  };
}
