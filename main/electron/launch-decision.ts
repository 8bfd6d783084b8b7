import { join } from "node:path";

/**
 * `npm start` decides between the Electron window and the loopback host. The decisions are pure
 * functions here; start.mjs only gathers the facts (files, environment, how the process ended).
 * The Electron binary is downloaded by the `electron` package on first use, which is impossible
 * on machines that reach only package registries: there Ehlo serves the same UI on loopback.
 */

export type Located = { ok: true; path: string } | { ok: false; reason: string };

export const NOT_DOWNLOADED = "the Electron binary is not downloaded; `npx install-electron` fetches it";

/**
 * Where the `electron` package keeps its binary, following the package's own index.js (path.txt
 * names the executable under dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/) but without its
 * side effect: requiring the package starts a download when the binary is missing.
 */
export function locateElectron(
  packageDir: string | null,
  env: Record<string, string | undefined>,
  read: (file: string) => string | null,
  exists: (file: string) => boolean,
): Located {
  if (packageDir === null) return { ok: false, reason: "the electron package is not installed; run `npm install`" };
  const executable = read(join(packageDir, "path.txt"))?.trim() || null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, executable ?? "electron");
    return exists(path) ? { ok: true, path } : { ok: false, reason: `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (${path})` };
  }
  if (executable === null) return { ok: false, reason: NOT_DOWNLOADED };
  const path = join(packageDir, "dist", executable);
  return exists(path) ? { ok: true, path } : { ok: false, reason: NOT_DOWNLOADED };
}

/** On Linux and other X11/Wayland systems a window needs a display; macOS and Windows always have one. */
export function displayProblem(platform: NodeJS.Platform, env: Record<string, string | undefined>): string | null {
  if (platform === "darwin" || platform === "win32") return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : "no graphical display: DISPLAY and WAYLAND_DISPLAY are unset";
}

/** A start that fails fails fast; an exit after this long is the user closing the app. */
export const STARTUP_GRACE_MS = 5000;

export type LaunchOutcome =
  | { kind: "spawn-error"; message: string }
  | {
      kind: "exited";
      code: number | null;
      signal: string | null;
      afterMs: number;
      /** We forwarded Ctrl+C / SIGTERM: the user stopped it, nothing to fall back from. */
      interrupted: boolean;
    };

/** Why to fall back to the loopback host, or null when Electron ran (or was stopped) normally. */
export function fallbackReason(outcome: LaunchOutcome): string | null {
  if (outcome.kind === "spawn-error") return `Electron failed to start: ${outcome.message}`;
  if (outcome.interrupted || outcome.afterMs > STARTUP_GRACE_MS) return null;
  const seconds = (outcome.afterMs / 1000).toFixed(1);
  if (outcome.signal !== null) return `Electron was killed by ${outcome.signal} after ${seconds} s`;
  if (outcome.code !== 0) return `Electron exited with code ${outcome.code} after ${seconds} s`;
  // Exit 0 at once is normal: a second instance hands over to the first and quits.
  return null;
}

/** The one line `npm start` prints before serving on loopback. */
export function fallbackLine(reason: string): string {
  return `Electron cannot start here (${reason}); serving the UI on loopback instead.`;
}

/** The one line `npm run dist` prints when it cannot package here. */
export function distRefusalLine(reason: string, downloadError: string | null): string {
  const why = downloadError ? `${reason}, and fetching it failed (${downloadError})` : reason;
  return `npm run dist: cannot build installers here: ${why}. electron-builder needs the Electron binary; build them where GitHub downloads work (the release workflow does).`;
}
