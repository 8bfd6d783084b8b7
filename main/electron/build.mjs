#!/usr/bin/env node
// Bundles the Electron main process and preload with esbuild:
//   main/electron/main.ts    → out/electron/main.js     (ESM: package.json says "type": "module")
//   main/electron/preload.ts → out/electron/preload.cjs (CommonJS: sandboxed preloads cannot be ESM)
// Usage: node main/electron/build.mjs [outdir]
// `electron` stays external (the runtime provides it); everything else is bundled so the
// packaged app needs no node_modules for its own code.
import { rmSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));
const defaultOutdir = fileURLToPath(new URL("../../out/electron/", import.meta.url));

/** Electron 45 ships Node 22 and Chromium 141. */
const NODE_TARGET = "node22";
const CHROME_TARGET = "chrome141";

/** `outdir` defaults to out/electron/ (tests build elsewhere); it must end with a separator. */
export async function buildElectron(outdir = defaultOutdir) {
  rmSync(outdir, { recursive: true, force: true });
  const common = { absWorkingDir: root, bundle: true, external: ["electron"], logLevel: "warning", legalComments: "none", sourcemap: false };
  await build({
    ...common,
    // The desktop app prints PDFs with Electron's own printToPDF (pdf-printer.ts); the headless
    // Chromium printer of the CLI and host is never bundled into it.
    external: ["electron", "playwright-core"],
    entryPoints: ["main/electron/main.ts"],
    outfile: `${outdir}main.js`,
    platform: "node",
    format: "esm",
    target: NODE_TARGET,
    // Bundled CommonJS dependencies may still call require() for Node built-ins.
    banner: { js: 'import { createRequire as __ehloCreateRequire } from "node:module"; const require = __ehloCreateRequire(import.meta.url);' },
  });
  await build({
    ...common,
    entryPoints: ["main/electron/preload.ts"],
    outfile: `${outdir}preload.cjs`,
    // The sandboxed preload runs in the renderer with a tiny `require` (electron and a few
    // polyfills), not in Node.
    platform: "browser",
    format: "cjs",
    target: CHROME_TARGET,
  });
  return outdir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv[2] ? join(resolve(process.argv[2]), sep) : defaultOutdir;
  await buildElectron(target);
  process.stdout.write(`Electron main and preload built in ${relative(process.cwd(), target) || "."}\n`);
}
