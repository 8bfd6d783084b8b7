#!/usr/bin/env node
// `npm run dist`: the installers (electron.config.ts). Checks first that the Electron binary is
// there or can be fetched (Electron 42+ downloads it on first use), and stops with one line
// when it cannot, as on machines that reach only package registries. Then builds the renderer,
// the Electron bundles and the icons, and runs electron-builder.
// Usage: npm run dist [-- extra electron-builder flags, e.g. --linux deb --x64]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { buildElectron } from "./build.mjs";
import { makeIcons } from "./build/make-icons.mjs";
import { electronPackageDir, readOrNull } from "./electron-package.mjs";

register();
const { distRefusalLine, locateElectron } = await import("./launch-decision.ts");

const root = fileURLToPath(new URL("../../", import.meta.url));
const shell = process.platform === "win32";

const packageDir = electronPackageDir();

// The same search as `npm start` (launch-decision.ts), then one attempt at the package's own download.
let located = locateElectron(packageDir, process.env, readOrNull, existsSync);
let downloadError = null;
if (!located.ok && packageDir !== null && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  process.stdout.write("npm run dist: fetching the Electron binary…\n");
  const fetched = spawnSync(process.execPath, [join(packageDir, "install.js")], { cwd: root, encoding: "utf8", timeout: 10 * 60_000 });
  located = locateElectron(packageDir, process.env, readOrNull, existsSync);
  if (!located.ok) {
    const output = `${fetched.error?.message ?? ""}\n${fetched.stderr ?? ""}\n${fetched.stdout ?? ""}`;
    downloadError = output.split("\n").map((l) => l.trim()).find((l) => l !== "" && !/^Downloading/i.test(l)) ?? `exit ${fetched.status}`;
  }
}
if (!located.ok) {
  console.error(distRefusalLine(located.reason, downloadError));
  process.exit(1);
}

const run = (what, cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: shell && cmd === "npx" });
  if (r.status !== 0) {
    console.error(`npm run dist: ${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
};

// `--no`: the project's own tools, never ones fetched on the fly.
run("the renderer build", "npx", ["--no", "vite", "build"]);
await buildElectron();
await makeIcons();
// Its CLI run by node directly: through npx, npm would take --config and --publish as its own options.
const builderCli = createRequire(import.meta.url).resolve("electron-builder/cli.js");
run("electron-builder", process.execPath, [builderCli, "--config", "electron.config.ts", "--publish", "never", ...process.argv.slice(2)]);
