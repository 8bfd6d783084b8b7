import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LRI, PDI, RLM, stripIsolates } from "../../shared/i18n/bidi";
import { loadKnowledgeBundle } from "../services/knowledge-store";
import { captureIo } from "../testing/capture-io";
import { runCli } from "./program";

/** The human summary of `ehlo check`, through the real CLI against loopback ports. */

async function check(lang: string, platform: NodeJS.Platform, target = "127.0.0.1:1", extra: string[] = []) {
  const io = captureIo({ platform });
  const code = await runCli(["check", target, "--lang", lang, ...extra], io);
  return { code, lines: io.stdout().split("\n"), text: io.stdout() };
}

/** The lines of one finding's block: from its heading to the next blank line. */
function block(lines: string[], id: string): string[] {
  const start = lines.findIndex((line) => line.includes(`[${id}]`));
  expect(start, `heading of ${id}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && line === "");
  return lines.slice(start, end);
}

const COMMAND = /^\u200F?\s+\u2066?(PS>|C:\\>|\$) /;
const commandsIn = (lines: string[]) => lines.filter((line) => COMMAND.test(line)).map((line) => stripIsolates(line).replace(RLM, "").trim());

describe("ehlo check: findings in words, with the checklist for the user's system", () => {
  it("English on Windows: title, how to fix, numbered steps, PowerShell first, then cmd", async () => {
    const { code, lines, text } = await check("en", "win32");
    expect(code).toBe(1);
    const refused = block(lines, "tcp.refused");
    const en = loadKnowledgeBundle("en").findings["tcp.refused"];
    expect(refused[0]).toBe(`✖ ${en.title}  [tcp.refused]`);
    expect(refused.join(" ")).toMatch(/127\.0\.0\.1 answered at once that nothing accepts connections on port 1 \(ECONNREFUSED after \d+ ms\)/);
    expect(refused.some((line) => line.startsWith("  How to fix it: "))).toBe(true);
    const steps = refused.filter((line) => /^ {4}\d+\. /.test(line)).map((line) => Number(/\d+/.exec(line)?.[0]));
    expect(steps).toEqual(en.checklist.map((_, index) => index + 1));
    const commands = commandsIn(refused);
    expect(commands.slice(0, 3)).toEqual(["PS> Test-NetConnection 127.0.0.1 -Port 1", "C:\\> curl -v telnet://127.0.0.1:1", "C:\\> telnet 127.0.0.1 1"]);
    expect(commands).toContain("PS> Get-NetFirewallProfile | Format-Table Name, Enabled, DefaultOutboundAction");
    // Only the user's own system: no macOS or Linux commands on Windows.
    expect(text).not.toContain("nc -vz");
    expect(lines.filter(Boolean).at(-1)).toMatch(/^Outcome: failed \(\d+ ms\)$/);
    // Prose is wrapped to 100 columns; commands are never wrapped, so they can be copied whole.
    for (const line of refused.filter((l) => !COMMAND.test(l))) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it("English on Linux: the same checklist with nc", async () => {
    const { lines, text } = await check("en", "linux");
    const commands = commandsIn(block(lines, "tcp.refused"));
    expect(commands[0]).toBe("$ nc -vz 127.0.0.1 1");
    expect(commands).toContain("$ sudo nft list ruleset");
    expect(text).not.toContain("Test-NetConnection");
  });

  it("Arabic on Windows and Linux: Arabic texts, right-to-left lines, commands kept whole", async () => {
    const ar = loadKnowledgeBundle("ar").findings["tcp.refused"];
    const windows = await check("ar", "win32");
    const refused = block(windows.lines, "tcp.refused");
    expect(refused[0]).toBe(`${RLM}✖ ${ar.title}  ${LRI}[tcp.refused]${PDI}`);
    for (const line of refused) expect(line.startsWith(RLM), line).toBe(true);
    expect(refused).toContain(`${RLM}       ${LRI}PS> Test-NetConnection 127.0.0.1 -Port 1${PDI}`);
    expect(commandsIn(refused)[0]).toBe("PS> Test-NetConnection 127.0.0.1 -Port 1");
    const plain = stripIsolates(refused.join("\n"));
    expect(plain).toContain(`1. ${stripIsolates(ar.checklist[0]?.text ?? "?")}`);
    expect(plain).toContain("الاتصالات على المنفذ 1 (الخطأ ECONNREFUSED");
    const linux = await check("ar", "linux");
    expect(commandsIn(block(linux.lines, "tcp.refused"))[0]).toBe("$ nc -vz 127.0.0.1 1");
    expect(linux.text).not.toContain("Test-NetConnection");
  });
});

describe("ehlo check: a server that never greets", () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("prints the RFC 5321 4.5.3.2.1 advice from the greeting.timeout texts", async () => {
    const { code, lines } = await check("en", "darwin", `127.0.0.1:${port}`, ["--greeting-timeout", "0.5"]);
    expect(code).toBe(1);
    const text = block(lines, "greeting.timeout").join(" ");
    expect(text).toContain("--greeting-timeout 300");
    expect(text).toContain("RFC 5321 section 4.5.3.2.1");
    expect(commandsIn(block(lines, "greeting.timeout"))).toContain(`$ nc -v 127.0.0.1 ${port}`);
  });
});
