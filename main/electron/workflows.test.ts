import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs tool script, without type declarations
import { lintWorkflows, WORKFLOWS_DIR } from "./actionlint-check.mjs";

interface Problem {
  file: string;
  line: number;
  message: string;
  kind: string;
}
type Lint = (dir?: string) => Promise<{ files: string[]; problems: Problem[] }>;
const lint = lintWorkflows as Lint;

const scratch = mkdtempSync(join(tmpdir(), "ehlo-workflows-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the repository's workflows", () => {
  it("ci.yml and release.yml pass actionlint and the pinning and permissions rules", async () => {
    const { files, problems } = await lint();
    expect(files).toEqual(["ci.yml", "release.yml"]);
    expect(problems).toEqual([]);
  });

  it("release builds installers on all three OSes with npm run dist and keeps them", () => {
    const release = readFileSync(join(WORKFLOWS_DIR as string, "release.yml"), "utf8");
    expect(release).toMatch(/os: \[windows-latest, macos-latest, ubuntu-latest\]/);
    expect(release).toMatch(/run: npm run dist/);
    expect(release).toMatch(/actions\/upload-artifact@[0-9a-f]{40}/);
    expect(release).toMatch(/^permissions:\n {2}contents: read$/m);
  });

  it("CI runs the Electron e2e project under xvfb and the browser project with Debian's Chromium", () => {
    const ci = readFileSync(join(WORKFLOWS_DIR as string, "ci.yml"), "utf8");
    expect(ci).toMatch(/xvfb-run .*playwright test --project=electron/);
    expect(ci).toMatch(/container: debian:12/);
    expect(ci).toMatch(/playwright test --project=browser/);
    expect(ci).toMatch(/bash \.ci\/postfix\/start\.sh/);
  });
});

describe("the checker catches what it should (so a pass means something)", () => {
  it("reports actionlint errors, unpinned actions and missing permissions", async () => {
    const dir = mkdtempSync(join(scratch, "bad-"));
    writeFileSync(
      join(dir, "bad.yml"),
      [
        "on: push",
        "jobs:",
        "  build:",
        "    runs-on: ${{ matrix.os }}",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - run: echo ${{ github.nope }}",
        "",
      ].join("\n"),
    );
    const { problems } = await lint(dir);
    const kinds = problems.map((p) => p.kind);
    expect(kinds).toContain("pinning");
    expect(kinds).toContain("permissions");
    expect(problems.some((p) => p.kind === "expression" && /nope/.test(p.message))).toBe(true);
    expect(problems.some((p) => p.line === 4 && /"os" is not defined/.test(p.message))).toBe(true);
  });
});
