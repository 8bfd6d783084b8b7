import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../testing/capture-io";
import { POSTFIX, postfixSuite } from "../testing/postfix";
import { runCli } from "./program";

const caFile = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
const postfix = await postfixSuite();

describe.skipIf(postfix.skip)("ehlo check --save and ehlo history", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ehlo-history-cli-"));
  const env = { EHLO_DATA_DIR: path.join(dir, "data") };
  const cli = async (args: string[]) => {
    const io = captureIo({ env });
    const code = await runCli(args, io);
    return { code, out: io.stdout(), err: io.stderr() };
  };
  const check = ["check", `${POSTFIX.host}:${POSTFIX.ports.smtp}`, "--tls", "starttls", "--ca-file", caFile, "--from", "bob@ehlo.test"];
  let okId = "";
  let failedId = "";

  beforeAll(async () => {
    const ok = await cli([...check, "--to", POSTFIX.validRecipient, "--save"]);
    okId = /=== Saved to history as (\S+)/.exec(ok.out)?.[1] ?? "";
    const failed = await cli([...check, "--to", POSTFIX.unknownRecipient, "--save", "--report", path.join(dir, "failed.json")]);
    failedId = /=== Saved to history as (\S+)/.exec(failed.out)?.[1] ?? "";
    expect([ok.code, failed.code]).toEqual([0, 1]);
  });

  it("saves only with --save", async () => {
    await cli([...check, "--to", POSTFIX.validRecipient]);
    const list = await cli(["history", "list", "--json"]);
    expect((JSON.parse(list.out) as { id: string }[]).map((h) => h.id)).toEqual([failedId, okId]);
  });

  it("lists newest first and filters", async () => {
    const all = await cli(["history", "list"]);
    expect(all.code).toBe(0);
    const lines = all.out.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${failedId}\\s.*failed\\s+127\\.0\\.0\\.1:25 \\(TLS starttls\\)\\s+rcpt\\.rejected`));
    expect(lines[1]).toMatch(new RegExp(`^${okId}\\s.*ok`));
    expect((await cli(["history", "list", "--outcome", "ok"])).out.trim().split("\n")).toHaveLength(1);
    expect((await cli(["history", "list", "--host", "nowhere"])).out).toMatch(/^No saved runs in /);
    expect((await cli(["history", "list", "--outcome", "great"])).code).toBe(2);
  });

  it("shows a run as the familiar transcript", async () => {
    const shown = await cli(["history", "show", failedId, "--no-color"]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain("550 5.1.1 <nobody@ehlo.test>: Recipient address rejected");
    expect(shown.out).toMatch(/Outcome: failed/);
  });

  it("compares two runs", async () => {
    const compared = await cli(["history", "compare", okId, failedId]);
    expect(compared.code).toBe(0);
    expect(compared.out).toContain("Outcome: ok → failed");
    expect(compared.out).toContain("  + rcpt.rejected (error)");
    expect(compared.out).toMatch(/RCPT {2}\[code changed\]\n {4}- 250 2\.1\.5 Ok\n {4}\+ 550 5\.1\.1/);
    expect(compared.out).toMatch(/^ {2}greeting\s+[\d.]+ → \s*[\d.]+ {2}\([+-]?[\d.]+\)$/m);
  });

  it("imports a JSON report as a new run", async () => {
    const imported = await cli(["history", "import", path.join(dir, "failed.json")]);
    expect(imported.code).toBe(0);
    const id = /Imported as (\S+)\./.exec(imported.out)?.[1] ?? "";
    expect(id).not.toBe(failedId);
    expect((await cli(["history", "list"])).out).toContain(`${id}`);
    const bad = await cli(["history", "import", caFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not valid JSON/);
  });

  it("deletes, and says so when a run is missing or an id is malformed", async () => {
    expect((await cli(["history", "delete", okId])).out).toBe(`Deleted ${okId}.\n`);
    const missing = await cli(["history", "show", okId]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No run .* in the history/);
    const malformed = await cli(["history", "show", "../../etc/passwd"]);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/is not a history id/);
  });
});
