import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, type Finding, type FindingId } from "../contract/findings";
import { PDI, isolateLtr } from "../i18n/bidi";
import { COMMAND_SHELLS, type FindingText, type FindingTexts } from "./finding-types";
import { describeFinding, fillTemplate, platformOf, shellOrder } from "./findings";

/**
 * Finding texts (architecture convention 7): every finding id in every locale folder found, no
 * empty field, checklists for failures, commands for every shell where the network is at fault,
 * only placeholders the engine really fills, and translations that are translations.
 */

const here = (relative: string) => new URL(relative, import.meta.url);
const readJson = <T>(relative: string): T => JSON.parse(readFileSync(here(relative), "utf8")) as T;
const locales = readdirSync(here("./locales/"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(here(`./locales/${entry.name}/locale.json`)))
  .map((entry) => entry.name)
  .sort();
const textsOf = (lang: string) => readJson<FindingTexts>(`./locales/${lang}/findings.json`);
const english = textsOf("en");

/**
 * The params each finding carries (main/engine/session.ts, shared/smtp/classify.ts,
 * tls-verdicts.ts): `always` are set on every path, `optional` only on some. {host} and {port}
 * of the target are always available. Optional ones may only be used inside {{ … }}.
 */
const PARAMS: Record<FindingId, { always: string[]; optional?: string[] }> = {
  "dns.not-found": { always: ["host"], optional: ["code"] },
  "dns.no-address": { always: ["host", "rrtype"] },
  "dns.timeout": { always: ["host", "code"] },
  "dns.no-mx": { always: ["domain"] },
  "dns.null-mx": { always: ["domain"] },
  "tcp.refused": { always: ["address", "port", "code", "ms"] },
  "tcp.timeout": { always: ["address", "port", "code", "ms"] },
  "tcp.unreachable": { always: ["address", "port", "code", "ms"] },
  "tcp.reset": { always: ["code"], optional: ["address", "ms", "phase"] },
  "greeting.timeout": { always: ["timeoutMs", "phase"] },
  "greeting.closed": { always: ["phase"] },
  "greeting.rejected": { always: ["code", "text"] },
  "greeting.not-smtp": { always: ["protocol"], optional: ["line"] },
  "greeting.tls-expected": { always: ["port"], optional: ["banner"] },
  "greeting.slow": { always: ["seconds"] },
  "port.alternative-open": { always: ["port", "tls", "ms"], optional: ["banner"] },
  "ehlo.rejected": { always: ["code", "helo"] },
  "ehlo.helo-fallback": { always: ["code"] },
  "starttls.not-offered": { always: ["port"] },
  "starttls.rejected": { always: ["code", "text"] },
  "starttls.required": { always: ["code"], optional: ["from", "to"] },
  "tls.handshake-failed": { always: [], optional: ["reason", "code", "hint", "phase"] },
  "tls.protocol-outdated": { always: ["protocol"] },
  "tls.cert-untrusted": { always: ["reason", "issuer"], optional: ["interception"] },
  "tls.cert-expired": { always: ["validTo", "days"] },
  "tls.cert-not-yet-valid": { always: ["validFrom"] },
  "tls.cert-expiring": { always: ["daysLeft", "validTo"] },
  "tls.cert-name-mismatch": { always: ["name"], optional: ["covered"] },
  "tls.cert-os-trusted": { always: ["issuer"] },
  "auth.not-offered": { always: ["secure"] },
  "auth.requires-tls": { always: ["code", "mechanism", "text"] },
  "auth.mechanism-unsupported": { always: [], optional: ["wanted", "offered", "code", "mechanism", "text"] },
  "auth.failed": { always: ["code", "mechanism", "text"] },
  "auth.insecure-refused": { always: ["reason"] },
  "auth.required": { always: ["code"], optional: ["from", "to"] },
  "mail.rejected": { always: ["code", "from"] },
  "rcpt.rejected": { always: ["code", "to"] },
  "rcpt.relay-denied": { always: ["code", "to"] },
  "rcpt.deferred": { always: ["code", "to"] },
  "rcpt.forwarded": { always: ["code", "to"] },
  "rcpt.cannot-verify": { always: ["code", "to"] },
  "data.rejected": { always: ["code", "stage"] },
  "server.closed": { always: [], optional: ["code", "text", "phase"] },
  "server.timeout": { always: ["timeoutMs", "phase"] },
  "server.protocol-error": { always: [], optional: ["reason", "line", "phase", "internal"] },
  "server.line-too-long": { always: ["bytes", "phase"] },
  "server.bare-lf": { always: [] },
  "session.ok": { always: [] },
};
const INFO_ONLY = new Set<FindingId>(["port.alternative-open", "rcpt.forwarded", "rcpt.cannot-verify", "session.ok"]);
/** Where the network path is at fault, helpdesks need commands on every system. */
const NETWORK = FINDING_IDS.filter((id) => /^(dns|tcp)\./.test(id) || ["greeting.timeout", "greeting.tls-expected", "tls.handshake-failed"].includes(id));
const FIELDS = ["title", "description", "whenSeen", "howToFix"] as const;

/** Every prose field of a finding's text, named for failure messages. */
function prose(text: FindingText): [string, string][] {
  return [...FIELDS.map((field): [string, string] => [field, text[field]]), ...text.checklist.map((step): [string, string] => [`step ${step.id}`, step.text])];
}
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\??\}/g)].map((match) => match[1] ?? "");
const outsideSegments = (template: string) => template.replace(/\{\{((?:[^{}]|\{\w+\??\})*)\}\}/g, "");

describe.each(locales)("findings.json (%s)", (lang) => {
  const texts = textsOf(lang);

  it("has texts for exactly the finding ids, none empty", () => {
    expect(Object.keys(texts).sort()).toEqual([...FINDING_IDS].sort());
    for (const id of FINDING_IDS) {
      const text = texts[id];
      for (const [where, value] of prose(text)) expect(value.trim(), `${id} ${where}`).not.toBe("");
      const stepIds = text.checklist.map((step) => step.id);
      expect(new Set(stepIds).size, `${id} step ids unique`).toBe(stepIds.length);
      for (const step of text.checklist) {
        for (const [shell, lines] of Object.entries(step.commands ?? {})) {
          expect(COMMAND_SHELLS, `${id} ${step.id}`).toContain(shell);
          expect(lines.length, `${id} ${step.id} ${shell}`).toBeGreaterThan(0);
          for (const line of lines) expect(line.trim(), `${id} ${step.id} ${shell}`).not.toBe("");
        }
      }
    }
  });

  it("gives every failure an ordered checklist of at least 3 steps, and info findings at most one", () => {
    for (const id of FINDING_IDS) {
      const steps = texts[id].checklist.length;
      if (INFO_ONLY.has(id)) expect(steps, id).toBeLessThanOrEqual(1);
      else expect(steps, id).toBeGreaterThanOrEqual(3);
    }
  });

  it("has commands for all four shells on every network failure", () => {
    for (const id of NETWORK) {
      const shells = new Set(texts[id].checklist.flatMap((step) => Object.keys(step.commands ?? {})));
      expect([...shells].sort(), id).toEqual([...COMMAND_SHELLS].sort());
    }
  });

  it("uses only placeholders the finding carries, optional ones only inside {{ … }}", () => {
    for (const id of FINDING_IDS) {
      const { always, optional = [] } = PARAMS[id];
      const sure = new Set(["host", "port", ...always]);
      for (const [where, template] of prose(texts[id])) {
        for (const name of placeholders(template)) expect([...sure, ...optional], `${id} ${where}: {${name}}`).toContain(name);
        for (const name of placeholders(outsideSegments(template))) expect([...sure], `${id} ${where}: {${name}} outside {{ }}`).toContain(name);
        // No stray brace: a typo such as "{host" would otherwise be printed as it is.
        expect(outsideSegments(template).replace(/\{\w+\}/g, ""), `${id} ${where}`).not.toMatch(/[{}]/);
      }
      for (const step of texts[id].checklist) {
        for (const line of Object.values(step.commands ?? {}).flat()) {
          for (const name of placeholders(line)) expect([...sure], `${id} ${step.id}: ${line}`).toContain(name);
        }
      }
    }
  });

  it("keeps the greeting-timeout advice (RFC 5321 4.5.3.2.1, --greeting-timeout 300) in the texts", () => {
    const all = prose(texts["greeting.timeout"]).map(([, value]) => value).join(" ");
    expect(all).toContain("--greeting-timeout 300");
    expect(all).toContain("4.5.3.2.1");
  });
});

describe.each(locales.filter((lang) => lang !== "en"))("translation (%s)", (lang) => {
  const texts = textsOf(lang);

  it("translates every field and step, keeping step ids and commands as in English", () => {
    for (const id of FINDING_IDS) {
      const englishProse = new Map(prose(english[id]));
      for (const [where, value] of prose(texts[id])) expect(value, `${id} ${where}`).not.toBe(englishProse.get(where));
      expect(texts[id].checklist.map((step) => [step.id, step.commands])).toEqual(english[id].checklist.map((step) => [step.id, step.commands]));
    }
  });
});

describe("Arabic texts", () => {
  const arabic = textsOf("ar");
  const sample: Record<string, string | number> = {
    host: "mail.example.com", port: 587, address: "192.0.2.1", code: 550, ms: 12, text: "Relay access denied", banner: "220 mx ESMTP",
    protocol: "HTTP", line: "HTTP/1.1 400", reason: "wrong version number", issuer: "CN=Avast Mail Shield Root", interception: "Avast",
    covered: "smtp.example.net", mechanism: "PLAIN", wanted: "LOGIN", offered: "PLAIN XOAUTH2", phase: "greeting", tls: "plain",
  };

  it("is written in Arabic script", () => {
    for (const id of FINDING_IDS) for (const [where, value] of prose(arabic[id])) expect(value, `${id} ${where}`).toMatch(/[\u0600-\u06FF]/);
  });

  it("isolates every Latin run with balanced brackets once filled", () => {
    for (const id of FINDING_IDS) {
      for (const [where, template] of prose(arabic[id])) {
        for (const run of isolateLtr(fillTemplate(template, sample)).split(PDI).map((part) => part.split("\u2066")[1] ?? "")) {
          const count = (char: string) => run.split(char).length - 1;
          expect([count("("), count("[")], `${id} ${where}: "${run}"`).toEqual([count(")"), count("]")]);
        }
      }
    }
  });
});

describe("fillTemplate", () => {
  it("fills placeholders and removes missing ones cleanly", () => {
    expect(fillTemplate("{host} on port {port}.", { host: "mx.example.com", port: 25 })).toBe("mx.example.com on port 25.");
    expect(fillTemplate("Lookup failed ({code}) for {host} .", { host: "a.test" })).toBe("Lookup failed for a.test.");
    expect(fillTemplate("It covers: {covered}.", {})).toBe("It covers.");
    expect(fillTemplate("Banner \"{banner}\" seen.", { banner: "" })).toBe("Banner seen.");
  });

  it("keeps an optional part only when all its values exist; {name?} is a silent condition", () => {
    const template = "Failed{{: {reason}}}{{ ({code})}}.{{{hint?} Plain text came back.}}";
    expect(fillTemplate(template, { reason: "wrong version number", code: "EPROTO", hint: "plain-port" })).toBe("Failed: wrong version number (EPROTO). Plain text came back.");
    expect(fillTemplate(template, { code: "EPROTO" })).toBe("Failed (EPROTO).");
    expect(fillTemplate(template, {})).toBe("Failed.");
  });

  it("never reads values as patterns or template syntax", () => {
    const values = { text: "$& $1 {host} {{x}} {code?}", host: "h" };
    expect(fillTemplate("Server said: \"{text}\" to {host}", values)).toBe("Server said: \"$& $1 {host} {{x}} {code?}\" to h");
    // Names of Object.prototype members are not values.
    expect(fillTemplate("a{constructor}b {toString}", {})).toBe("ab");
  });
});

describe("describeFinding", () => {
  const timeout: Finding = { id: "tcp.timeout", severity: "error", evidence: [3], params: { address: "192.0.2.7", port: 25, code: "ETIMEDOUT", ms: 10000 } };
  const commandsOf = (platform: "windows" | "macos" | "linux" | "other") =>
    describeFinding(english, timeout, { host: "mail.example.com", port: 25, platform }).checklist.find((step) => step.id === "test-port")?.commands ?? [];

  it("fills texts and commands with the target and the finding's params", () => {
    const described = describeFinding(english, timeout, { host: "mail.example.com", port: 25, platform: "linux" });
    expect(described.title).toBe(english["tcp.timeout"].title);
    expect(described.description).toContain("192.0.2.7 on port 25");
    expect(described.description).toContain("10000 ms");
    expect(described.checklist.map((step) => step.id)).toEqual(english["tcp.timeout"].checklist.map((step) => step.id));
    expect(commandsOf("linux")[0]).toEqual({ shell: "linux", native: true, lines: ["nc -vz mail.example.com 25"] });
  });

  it("puts the user's own shells first: Windows PowerShell, then cmd", () => {
    expect(commandsOf("windows").map((group) => [group.shell, group.native])).toEqual([
      ["windows-powershell", true],
      ["windows-cmd", true],
      ["macos", false],
      ["linux", false],
    ]);
    expect(commandsOf("windows")[0]?.lines).toEqual(["Test-NetConnection mail.example.com -Port 25"]);
    expect(commandsOf("macos").map((group) => group.shell)).toEqual(["macos", "windows-powershell", "windows-cmd", "linux"]);
    expect(commandsOf("other").map((group) => [group.shell, group.native])).toEqual(COMMAND_SHELLS.map((shell) => [shell, false]));
    expect(shellOrder("linux")[0]).toEqual({ shell: "linux", native: true });
  });

  it("lets the finding's params win over the target, and leaves out commands missing a value", () => {
    const open: Finding = { id: "port.alternative-open", severity: "info", evidence: [9], params: { port: 587, tls: "plain", banner: "", ms: 8 } };
    const described = describeFinding(english, open, { host: "mail.example.com", port: 25, platform: "linux" });
    expect(described.title).toBe("Port 587 answers SMTP");
    expect(described.description).not.toContain('""');
    const texts: Partial<FindingTexts> = {
      "tcp.reset": {
        ...english["tcp.reset"],
        checklist: [{ id: "route", text: "Trace {address}.", commands: { linux: ["ip route get {address}", "nc -vz {host} {port}"], macos: ["route -n get {address}"] } }],
      },
    };
    const reset: Finding = { id: "tcp.reset", severity: "error", evidence: [], params: { code: "ECONNRESET", phase: "greeting" } };
    const [step] = describeFinding(texts, reset, { host: "mail.example.com", port: 25, platform: "linux" }).checklist;
    expect(step).toEqual({ id: "route", text: "Trace.", commands: [{ shell: "linux", native: true, lines: ["nc -vz mail.example.com 25"] }] });
  });

  it("shows the id and params of a finding the locale has no text for", () => {
    const described = describeFinding({}, timeout, { host: "h", port: 25, platform: "linux" });
    expect(described).toMatchObject({ hasText: false, title: "tcp.timeout", description: "address=192.0.2.7 port=25 code=ETIMEDOUT ms=10000", checklist: [] });
  });
});

describe("platformOf", () => {
  it("maps Node's platform names", () => {
    expect([platformOf("win32"), platformOf("darwin"), platformOf("linux"), platformOf("freebsd")]).toEqual(["windows", "macos", "linux", "other"]);
  });
});
