import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { displayProblem, locateElectron, type Located } from "../../main/electron/launch-decision";

/**
 * Can the Electron project run here? The same facts and the same decisions as `npm start`
 * (launch-decision.ts): the binary must be downloaded and, on Linux, there must be a display.
 * Where it cannot, the project's tests are skipped with this reason.
 */
export function electronAvailability(env: Record<string, string | undefined> = process.env): Located {
  let packageDir: string | null = null;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve("electron/package.json"));
  } catch {
    // not installed: locateElectron says so
  }
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return null;
    }
  };
  const located = locateElectron(packageDir, env, read, existsSync);
  if (!located.ok) return located;
  const noDisplay = displayProblem(process.platform, env);
  return noDisplay === null ? located : { ok: false, reason: noDisplay };
}

export function electronSkipReason(): string | null {
  const located = electronAvailability();
  return located.ok ? null : `Electron cannot run here: ${located.reason}`;
}
