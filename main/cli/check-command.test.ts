import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckResultSchema } from "../../shared/contract/check-result";
import { captureIo } from "../testing/capture-io";
import { POSTFIX, postfixSuite } from "../testing/postfix";
import { runCli } from "./program";
import { parseTarget } from "../../shared/smtp/parse-target";
import { startTrapServer, type TrapServer } from "../testing/trap-server";

const caFile = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
const bin = fileURLToPath(new URL("./bin.mjs", import.meta.url));
const postfix = await postfixSuite();

describe("parseTarget", () => {
  it("reads the forms people type", () => {
    expect(parseTarget("mail.example.com:587")).toMatchObject({ host: "mail.example.com", port: 587, mx: false });
    expect(parseTarget("[::1]:25")).toMatchObject({ host: "::1", port: 25, mx: false });
    expect(parseTarget("::1")).toMatchObject({ host: "::1", port: undefined, mx: false });
    expect(parseTarget("user@example.com")).toEqual({ host: "example.com", port: undefined, mx: true, address: "user@example.com" });
    expect(() => parseTarget("2001:db8::1:25x")).toThrow(/several colons|bracket/i);
    expect(() => parseTarget("host:99999")).toThrow(/out of range/);
  });
});

describe("ehlo check: usage errors exit 2 and open no connection", () => {
  let trap: TrapServer;
  beforeAll(async () => {
    trap = await startTrapServer();
  });
  afterAll(() => trap.close());

  it.each([
    [["--helo", "pc1\r\nRSET"], /HELO name contains a carriage return/],
    [["--to", "alice@ehlo.test\nDATA"], /recipient address contains a line feed/],
    [["--from", "a@b.c\0"], /sender address contains a NUL byte/],
    [["--port", "70000"], /Two different ports|out of range/],
    [["--connect-timeout", "abc"], /connect-timeout must be a number/],
    [["--auth-user", "bob"], /No password/],
    [["--tls", "sometimes"], /Allowed choices are auto, starttls, implicit, none/],
  ])("%j", async (extra, message) => {
    const io = captureIo();
    const code = await runCli(["check", `127.0.0.1:${trap.port}`, ...extra], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(trap.connections).toBe(0);
  });
});

describe("ehlo check: network outcomes", () => {
  it("a refused port exits 1 with tcp.refused, fast", async () => {
    const io = captureIo();
    const started = Date.now();
    const code = await runCli(["check", "127.0.0.1:1", "--json"], io);
    expect(code).toBe(1);
    const result = CheckResultSchema.parse(JSON.parse(io.stdout()));
    expect(result.findings[0]?.id).toBe("tcp.refused");
    // The other submission ports were probed too; any that answered is named, never as an error.
    for (const f of result.findings.slice(1)) expect(f).toMatchObject({ id: "port.alternative-open", severity: "info" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("the installed bin (`npx ehlo`) runs as a separate process with the same exit codes", () => {
    const refused = spawnSync(process.execPath, [bin, "check", "127.0.0.1:1"], { encoding: "utf8", timeout: 20_000 });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain("tcp.refused");
    const bad = spawnSync(process.execPath, [bin, "check", "127.0.0.1:1", "--helo", "a\r\nb"], { encoding: "utf8", timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/carriage return/);
  });
});

describe.skipIf(postfix.skip)("ehlo check against the real Postfix", () => {
  it("--json reports outcome ok with the TLS details", async () => {
    const io = captureIo();
    const code = await runCli(["check", `127.0.0.1:${POSTFIX.ports.smtp}`, "--tls", "starttls", "--ca-file", caFile, "--json"], io);
    expect(code).toBe(0);
    const result = CheckResultSchema.parse(JSON.parse(io.stdout()));
    expect(result).toMatchObject({ schema: "ehlo.check/1", outcome: "ok", tls: { authorized: true, mode: "starttls" } });
    expect(result.findings.map((f) => f.id)).toEqual(["session.ok"]);
  });

  it("human output is a readable swaks-style transcript", async () => {
    const io = captureIo();
    const code = await runCli(["check", "127.0.0.1:25", "--tls", "starttls", "--ca-file", caFile, "--helo", "client.ehlo.test", "--from", "a@ehlo.test", "--to", POSTFIX.foreignRecipient], io);
    expect(code).toBe(1);
    const out = io.stdout();
    expect(out).toMatch(/^=== Trying 127\.0\.0\.1:25\.\.\.$/m);
    expect(out).toMatch(/^<- {2}220 mx\.ehlo\.test ESMTP Postfix/m);
    expect(out).toMatch(/^ -> EHLO client\.ehlo\.test$/m);
    expect(out).toMatch(/^ -> STARTTLS$/m);
    expect(out).toMatch(/^ ~> EHLO client\.ehlo\.test$/m);
    expect(out).toMatch(/^<~\* 554 5\.7\.1 <someone@example\.org>: Relay access denied$/m);
    expect(out).toMatch(/rcpt\.relay-denied/);
    // Not a terminal: no colour codes and no live counter in the output.
    expect(out).not.toContain("\x1b[");
  });
});
