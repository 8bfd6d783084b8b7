import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript a first paint needs: the entry chunk that index.html loads, the chunks it
 * preloads, and everything those import statically (dynamic `import()` chunks, such as the
 * knowledge bundles and the code reference, are excluded: they load later, on demand).
 */
export interface InitialJs {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

/** Relative module URLs in static import/export statements of a built (minified) ES chunk. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  // `import x from"./a.js"`, `import"./a.js"`, `export{x}from"./a.js"`; never `import("./a.js")`.
  const pattern = /\b(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}

export function initialJs(outDir: string): InitialJs {
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const roots = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => (m[1] ?? "").replace(/^\.\//, ""));
  const seen = new Set<string>();
  const files: InitialJs["files"] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const path = join(outDir, file);
    if (!existsSync(path)) return;
    const body = readFileSync(path);
    files.push({ file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
    for (const spec of staticImports(body.toString("utf8"))) visit(new URL(spec, `http://x/${dir}`).pathname.slice(1));
  };
  for (const root of roots) visit(root);
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
