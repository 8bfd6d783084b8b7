#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundle, then open the Electron window. When
// Electron cannot run here (binary never downloaded, no display, crashes at once), print one line
// saying why and serve the same UI on loopback with `ehlo serve --open` instead.
// The decisions live in launch-decision.ts (unit-tested); this file only gathers facts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { buildElectron } from "./build.mjs";
import { electronPackageDir, readOrNull } from "./electron-package.mjs";

register();
const { displayProblem, fallbackLine, fallbackReason, locateElectron } = await import("./launch-decision.ts");

const root = fileURLToPath(new URL("../../", import.meta.url));

// `--no`: use the project's own Vite, never one fetched on the fly.
const vite = spawnSync("npx", ["--no", "vite", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
if (vite.status !== 0) {
  console.error("npm start: the renderer build failed (see above).");
  process.exit(vite.status ?? 1);
}
await buildElectron();

const packageDir = electronPackageDir();

const located = locateElectron(packageDir, process.env, readOrNull, existsSync);
let reason = located.ok ? displayProblem(process.platform, process.env) : located.reason;
if (reason === null && located.ok) reason = await runElectron(located.path);
if (reason !== null) {
  console.log(fallbackLine(reason));
  const { runCli } = await import("../cli/program.ts");
  const { nodeIo } = await import("../cli/node-io.ts");
  process.exitCode = await runCli(["serve", "--open"], nodeIo());
}

/** Runs Electron on this app; resolves with a fallback reason, or null once it has run and exited. */
function runElectron(path) {
  return new Promise((resolve) => {
    const started = Date.now();
    let interrupted = false;
    const child = spawn(path, [root], { stdio: "inherit" });
    const forward = (signal) => {
      interrupted = true;
      child.kill(signal);
    };
    const stopForwarding = () => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.once("error", (e) => {
      stopForwarding();
      resolve(fallbackReason({ kind: "spawn-error", message: e.message }));
    });
    child.once("exit", (code, signal) => {
      stopForwarding();
      const why = fallbackReason({ kind: "exited", code, signal, afterMs: Date.now() - started, interrupted });
      if (why === null) process.exitCode = code ?? (interrupted ? 0 : 1);
      resolve(why);
    });
  });
}
