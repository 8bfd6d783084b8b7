import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { InputError } from "../../shared/smtp/input-error";
import { startHost } from "../host/host";
import { EXIT, type CliIo } from "./io";
import { browserCommand, launchBrowser, onPath } from "./open-browser";

/** The repository (or installed package) root, and the renderer build inside it. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const RENDERER_DIR = join(ROOT, "out", "renderer");

export interface ServeDeps {
  /** The renderer build to serve; default `out/renderer`, built on demand. */
  staticDir?: string;
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  untilStopped?: () => Promise<unknown>;
}

interface ServeFlags {
  port: string;
  open?: boolean;
}

/**
 * `ehlo serve`: the full UI in the system browser, served from 127.0.0.1 with a per-run token.
 * For headless boxes, WSL and jump hosts, and the fallback of `npm start` when Electron cannot run.
 */
export function registerServeCommand(program: Command, io: CliIo, setExit: (code: number) => void, deps: ServeDeps = {}): void {
  program
    .command("serve")
    .description("Serve the Ehlo UI on 127.0.0.1 and print its URL (with a one-time access token)")
    .option("--port <n>", "port to listen on (0 picks a free one)", "0")
    .option("--open", "open the URL in the system browser")
    .action(async (flags: ServeFlags) => {
      const port = parseListenPort(flags.port);
      const staticDir = deps.staticDir ?? ensureRendererBuilt(io);
      if (staticDir === null) {
        io.err("ehlo: the UI is not built (out/renderer/index.html is missing); run `npm run build` first.\n");
        setExit(EXIT.failed);
        return;
      }
      let host;
      try {
        host = await startHost({ port, staticDir });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.err(`ehlo: cannot listen on 127.0.0.1:${port}: ${code === "EADDRINUSE" ? "the port is in use; choose another with --port" : (e as Error).message}.\n`);
        setExit(EXIT.failed);
        return;
      }
      io.out(`Ehlo is serving its UI on this machine only. Open this URL (it carries the access token):\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);
      if (flags.open) {
        const cmd = browserCommand(host.url, io.platform, io.env, (name) => onPath(name, io.env));
        const failure = cmd === null ? "no system browser could be found" : await launchBrowser(cmd);
        io.out(failure === null ? "Opening it in your browser.\n" : `Not opening a browser (${failure}); open the URL above yourself.\n`);
      }
      await (deps.untilStopped ?? untilSignal)();
      await host.close();
      io.out("Stopped.\n");
      setExit(EXIT.ok);
    });
}

function parseListenPort(raw: string): number {
  const text = raw.trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new InputError("port", `--port must be a whole number from 0 to 65535, not "${raw}".`);
  return n;
}

/** The default build, made with the project's own Vite when missing; null when that is impossible. */
function ensureRendererBuilt(io: CliIo): string | null {
  const index = join(RENDERER_DIR, "index.html");
  if (existsSync(index)) return RENDERER_DIR;
  io.err("ehlo: the UI is not built yet; building it with `npx vite build`…\n");
  // `--no`: never fetch Vite from the registry; only the project's own copy may build the UI.
  // Vite's output goes to stderr so that stdout stays the URL alone.
  const r = spawnSync("npx", ["--no", "vite", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2], shell: process.platform === "win32" });
  return r.status === 0 && existsSync(index) ? RENDERER_DIR : null;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
