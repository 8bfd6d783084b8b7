import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** How to hand a URL to the desktop's browser on this platform, or null when there is no way. */
export interface BrowserCommand {
  command: string;
  args: string[];
}

/**
 * Pure choice of the opener: `open` on macOS, `start` through cmd on Windows, `xdg-open` on
 * other Unixes, but only inside a graphical session: without one xdg-open would start a text
 * browser in the very terminal that prints the URL.
 */
export function browserCommand(url: string, platform: NodeJS.Platform, env: Record<string, string | undefined>, hasCommand: (name: string) => boolean): BrowserCommand | null {
  if (platform === "darwin") return hasCommand("open") ? { command: "open", args: [url] } : null;
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the "".
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return hasCommand("xdg-open") ? { command: "xdg-open", args: [url] } : null;
}

/** Whether `name` is an executable somewhere on PATH. */
export function onPath(name: string, env: Record<string, string | undefined>): boolean {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Starts the browser detached; resolves with an error text, or null when it started. */
export function launchBrowser(cmd: BrowserCommand): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(cmd.command, cmd.args, { detached: true, stdio: "ignore", windowsVerbatimArguments: cmd.command === "cmd" });
    child.once("error", (e) => resolve(e.message));
    child.once("spawn", () => {
      child.unref();
      resolve(null);
    });
  });
}
