import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "../testing/capture-io";
import { browserCommand } from "./open-browser";
import { runCli } from "./program";
import { registerServeCommand } from "./serve-command";

const dir = mkdtempSync(join(tmpdir(), "ehlo-serve-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>Ehlo stand-in</title>");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(ready: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function serve(args: string[], env: Record<string, string | undefined> = {}) {
  const io = captureIo({ env });
  let exit = -1;
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const program = new Command("ehlo").exitOverride();
  registerServeCommand(program, io, (code) => (exit = code), { staticDir: dir, untilStopped: () => stopped });
  const run = program.parseAsync(["serve", ...args], { from: "user" });
  return { io, run, stop, exit: () => exit };
}

describe("ehlo serve", () => {
  it("prints a tokenised loopback URL that serves the page, and stops cleanly", async () => {
    const s = serve(["--port", "0"]);
    await until(() => s.io.stdout().includes("Ctrl+C"));
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}/.exec(s.io.stdout())?.[0];
    expect(url).toBeDefined();
    const page = await fetch(url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ehlo stand-in");
    expect((await fetch(new URL("/", url).href)).status).toBe(403);
    s.stop();
    await s.run;
    expect(s.exit()).toBe(0);
    expect(s.io.stdout()).toMatch(/Stopped\.\n$/);
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it("--open without a graphical session says so and still prints the URL", async () => {
    const s = serve(["--open"], { PATH: "/usr/bin:/bin" });
    await until(() => s.io.stdout().includes("open the URL above yourself"));
    expect(s.io.stdout()).toMatch(/Not opening a browser \(no system browser could be found\)/);
    expect(s.io.stdout()).toMatch(/\?token=/);
    s.stop();
    await s.run;
  });

  it("a taken port is a one-line failure, exit 1", async () => {
    const first = serve([]);
    await until(() => first.io.stdout().includes("Ctrl+C"));
    const port = /127\.0\.0\.1:(\d+)/.exec(first.io.stdout())?.[1] as string;
    const second = serve(["--port", port]);
    await second.run;
    expect(second.exit()).toBe(1);
    expect(second.io.stderr()).toMatch(/^ehlo: cannot listen on 127\.0\.0\.1:\d+: the port is in use; choose another with --port\.\n$/);
    first.stop();
    await first.run;
  });

  it("a bad --port is a usage error (exit 2) through the real CLI", async () => {
    const io = captureIo();
    expect(await runCli(["serve", "--port", "http"], io)).toBe(2);
    expect(io.stderr()).toMatch(/--port must be a whole number from 0 to 65535/);
  });
});

describe("browserCommand", () => {
  const all = () => true;
  const none = () => false;
  const url = "http://127.0.0.1:1/?token=t";
  it("picks the platform's opener, only when it exists and a desktop session is there", () => {
    expect(browserCommand(url, "darwin", {}, all)).toEqual({ command: "open", args: [url] });
    expect(browserCommand(url, "win32", {}, none)).toEqual({ command: "cmd", args: ["/c", "start", '""', url] });
    expect(browserCommand(url, "linux", { DISPLAY: ":0" }, all)).toEqual({ command: "xdg-open", args: [url] });
    expect(browserCommand(url, "linux", { WAYLAND_DISPLAY: "wayland-0" }, all)).toEqual({ command: "xdg-open", args: [url] });
    expect(browserCommand(url, "linux", {}, all)).toBeNull();
    expect(browserCommand(url, "linux", { DISPLAY: ":0" }, none)).toBeNull();
    expect(browserCommand(url, "darwin", {}, none)).toBeNull();
  });
});
