// Where the `electron` npm package lives, and a file reader that answers null instead of
// throwing: what locateElectron (launch-decision.ts) needs, shared by `npm start` and `npm run dist`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

export const readOrNull = (file) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
};

/** The electron package's folder, or null when it is not installed (locateElectron says so). */
export function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve("electron/package.json"));
  } catch {
    return null;
  }
}
