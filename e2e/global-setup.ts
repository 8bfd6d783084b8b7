import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { electronSkipReason } from "./support/electron-binary";
import { electronBundle, postfixCaFile, rendererDir, repoRoot } from "./support/paths";

/**
 * Runs once before the e2e projects: builds what the tests load (unless the build is newer than
 * its sources), and makes the engine in the worker processes trust the test Postfix's CA.
 * Workers are started after this, so they inherit the environment set here.
 */

/** Newest modification time of the files under `dirs` (recursively), tests left out. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of paths) visit(join(repoRoot, path));
  return newest;
}

function isFresh(output: string, sources: string[]): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= newestMtime(sources);
}

function run(what: string, cmd: string, args: string[]): void {
  const started = Date.now();
  // `--no`: the project's own tools, never one fetched on the fly.
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"], shell: process.platform === "win32" });
  if (r.status !== 0) throw new Error(`e2e setup: ${what} failed (exit ${r.status})`);
  process.stdout.write(`[e2e] ${what} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * NODE_EXTRA_CA_CERTS names one file. When the developer already points it somewhere, both are
 * combined, so neither their corporate root nor the test CA is lost.
 */
function trustPostfixCa(): void {
  if (!existsSync(postfixCaFile)) {
    process.stdout.write("[e2e] no Postfix test CA (.ci/postfix/generated/ca.pem): Postfix specs will skip or fail\n");
    return;
  }
  const current = process.env.NODE_EXTRA_CA_CERTS;
  if (!current || current === postfixCaFile) {
    process.env.NODE_EXTRA_CA_CERTS = postfixCaFile;
    return;
  }
  const dir = join(repoRoot, ".tmp");
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, "e2e-extra-ca.pem");
  const own = existsSync(current) ? readFileSync(current, "utf8") : "";
  writeFileSync(bundle, `${own.trimEnd()}\n${readFileSync(postfixCaFile, "utf8")}`);
  process.env.NODE_EXTRA_CA_CERTS = bundle;
}

// eslint-disable-next-line no-restricted-syntax -- Playwright loads globalSetup from the default export.
export default async function globalSetup(): Promise<void> {
  const rendererSources = ["renderer", "shared", "vite.config.ts", "package.json"];
  if (isFresh(join(rendererDir, "index.html"), rendererSources)) process.stdout.write("[e2e] renderer build is fresh\n");
  else run("renderer (vite build)", "npx", ["--no", "vite", "build"]);

  const electronSkip = electronSkipReason();
  if (electronSkip !== null) {
    process.stdout.write(`[e2e] electron project: every test skipped. ${electronSkip}\n`);
  } else if (isFresh(electronBundle, ["main", "shared"])) {
    process.stdout.write("[e2e] Electron bundle is fresh\n");
  } else {
    run("Electron main and preload", process.execPath, ["main/electron/build.mjs"]);
  }
  trustPostfixCa();
  // The app saves every finished check to its history: e2e runs keep theirs in .tmp/, never in
  // the user's data folder (workers inherit this; Electron launches set their own per test).
  process.env.EHLO_DATA_DIR = join(repoRoot, ".tmp", "e2e-data");
}
