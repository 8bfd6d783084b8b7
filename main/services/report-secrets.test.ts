import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_MECHANISMS } from "../../shared/contract/check-request";
import { runCli } from "../cli/program";
import { secretForms } from "../engine/sasl";
import { AUTH_PASSWORD, AUTH_TOKEN, AUTH_USER, startAuthServer, type AuthServer } from "../testing/auth-server";
import { captureIo } from "../testing/capture-io";

/** Every file under `dir`, with PDFs also as their extracted text (their streams are compressed). */
function everyFileText(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).flatMap((name) => {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) return [];
    const raw = { file, text: readFileSync(file).toString("latin1") + readFileSync(file, "utf8") };
    return file.endsWith(".pdf") ? [raw, { file, text: execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }) }] : [raw];
  });
}

describe("secrets appear in no report, no history file and no output", () => {
  let server: AuthServer;
  let dir: string;
  let caFile: string;
  beforeAll(async () => {
    server = await startAuthServer({ tls: "starttls" });
    dir = mkdtempSync(path.join(tmpdir(), "ehlo-secrets-"));
    caFile = path.join(dir, "ca.pem");
    writeFileSync(caFile, server.caPem);
  });
  afterAll(() => server.close());

  for (const mech of AUTH_MECHANISMS) {
    it(`${mech}: HTML, Markdown, JSON and PDF reports, history and CLI output are clean`, { timeout: 60_000 }, async () => {
      const secret = mech === "XOAUTH2" ? AUTH_TOKEN : AUTH_PASSWORD;
      const out = path.join(dir, mech);
      mkdirSync(out);
      const env = { EHLO_PASSWORD: secret, EHLO_DATA_DIR: path.join(out, "data") };
      let output = "";
      for (const ext of ["html", "md", "json", "pdf"]) {
        const io = captureIo({ env });
        const args = ["check", `${server.host}:${server.port}`, "--tls", "starttls", "--ca-file", caFile, "--auth-user", AUTH_USER, "--auth-mech", mech];
        const code = await runCli([...args, "--report", path.join(out, `r.${ext}`), "--save", ...(ext === "json" ? ["--json"] : [])], io);
        output += io.stdout() + io.stderr();
        expect(code).toBe(0);
      }
      // The runs really authenticated, and the redaction is visible where it happened.
      expect(output).toMatch(/235 /);
      const files = everyFileText(out);
      expect(files.filter((f) => f.file.includes(`${path.sep}history${path.sep}`)).length).toBeGreaterThanOrEqual(4);
      expect(files.some((f) => f.file.endsWith(".json") && f.text.includes("<redacted>"))).toBe(true);
      for (const form of secretForms(AUTH_USER, secret)) {
        expect(output).not.toContain(form);
        for (const { file, text } of files) expect(text.includes(form), `${form} in ${file}`).toBe(false);
      }
    });
  }
});
