import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatrixResultSchema } from "../../shared/contract/matrix";
import { captureIo } from "../testing/capture-io";
import { startDnsServer, type DnsServer } from "../testing/dns-server";
import { startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { runCli } from "./program";

let dns: DnsServer;
let good: ScriptedServer;
let closedPort = 0;

beforeAll(async () => {
  good = await startScriptedServer(smtpScript({ auth: "PLAIN" }), { host: "127.0.80.1" });
  const closed = await startScriptedServer(smtpScript({}), { host: "127.0.80.1" });
  closedPort = closed.port;
  await closed.close();
  dns = await startDnsServer({
    "gridcli.test": [{ type: "MX", preference: 10, exchange: "mx.gridcli.test" }],
    "mx.gridcli.test": [{ type: "A", address: "127.0.80.1" }],
  });
});
afterAll(async () => {
  await Promise.all([good.close(), dns.close()]);
});

describe("ehlo matrix", () => {
  it("HOST --ports prints the target × stage grid and exits 1 when a row fails", async () => {
    const io = captureIo();
    const code = await runCli(["matrix", "127.0.80.1", "--ports", `${good.port},${closedPort}`, "--concurrency", "4", "--connect-timeout", "2"], io);
    expect(code).toBe(1);
    const out = io.stdout();
    expect(out).toMatch(/Matrix for 127\.0\.80\.1: 4 rows, concurrency 4/);
    expect(out).toMatch(/^Target\s+DNS\s+Connect\s+Greeting\s+EHLO\s+TLS\s+Cert\s+AUTH\s+RCPT\s+Verdict$/m);
    const row = (port: number, mode: string) => out.split("\n").find((l) => l.startsWith(`127.0.80.1:${port} ${mode} `)) ?? "";
    expect(row(good.port, "none")).toMatch(/–\s+✔ [\d.]+ms\s+✔ [\d.]+ms\s+✔ [\d.]+ms\s+–\s+–\s+!\s+–\s+warn$/);
    expect(row(good.port, "starttls")).toMatch(/✖\s+–\s+!\s+–\s+fail$/);
    expect(row(closedPort, "none")).toMatch(/–\s+✖ ?[\d.]*(ms)?\s+–\s+–\s+–\s+–\s+–\s+–\s+fail$/);
    expect(out).toContain(`✖ 127.0.80.1:${closedPort} none: Connect tcp.refused`);
    expect(out).toContain(`! 127.0.80.1:${good.port} none: AUTH offered in plain text: PLAIN`);
  });

  it("DOMAIN --mx --json prints one ehlo.matrix/1 document", async () => {
    const io = captureIo();
    const code = await runCli(["matrix", "gridcli.test", "--mx", "--ports", String(good.port), "--dns", `${dns.address}:${dns.port}`, "--to", "postmaster@gridcli.test", "--json"], io);
    expect(io.stderr()).toBe("");
    const result = MatrixResultSchema.parse(JSON.parse(io.stdout()));
    expect(result.rows.map((r) => [r.target.host, r.target.address, r.verdict, r.stages.rcpt.status])).toEqual([["mx.gridcli.test", "127.0.80.1", "warn", "pass"]]);
    // No STARTTLS on this MX: a warning for a server-to-server port, not a failure.
    expect(result.rows[0]?.stages.tls).toMatchObject({ status: "warn", detail: "starttls.not-offered" });
    expect(code).toBe(0);
  });

  it.each([
    [["matrix", "127.0.80.1", "--concurrency", "0"], /--concurrency must be a whole number from 1 to 100/],
    [["matrix", "127.0.80.1", "--concurrency", "101"], /--concurrency must be a whole number from 1 to 100/],
    [["matrix", "127.0.80.1", "--ports", "25,abc"], /not a number/],
    [["matrix", "127.0.80.1", "--ports", ","], /at least one port/],
  ])("usage error %j exits 2", async (argv, message) => {
    const io = captureIo();
    const before = good.connections;
    // Aimed at the live fixture: bad input must be refused before any connection to it.
    const full = argv.includes("--ports") ? argv : [...argv, "--ports", String(good.port)];
    expect(await runCli(full, io)).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(good.connections).toBe(before);
  });
});
