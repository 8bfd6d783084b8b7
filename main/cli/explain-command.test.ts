import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { LRI, PDI, RLM } from "../../shared/i18n/bidi";
import { formatBriefExplanation, registerExplainCommands } from "./explain-command";
import { EXIT, UsageError, type CliIo } from "./io";

interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
}

/** Runs the real commands in-process, handling errors the way the program (runCli) does. */
async function run(argv: string[], options: RunOptions = {}) {
  let out = "";
  let err = "";
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    readStdin: () => Promise.resolve(options.stdin ?? ""),
    promptSecret: () => Promise.resolve(null),
    platform: "linux",
  };
  const program = new Command("ehlo").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerExplainCommands(program, io);
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ehlo: ${e.message}\n`);
      code = EXIT.usage;
    } else if (e instanceof CommanderError) {
      code = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else {
      throw e;
    }
  }
  return { out, err, code };
}

const gmailLines = [
  "550-5.7.26 This mail is unauthenticated, which poses a security risk to the",
  "550-5.7.26 sender and Gmail users, and has been blocked. The sender must",
  "550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,",
  "550-5.7.26 DKIM checks did not pass and SPF check for [example.com] did not",
  "550-5.7.26 pass with ip: [192.0.2.1]. The sender should visit",
  "550-5.7.26  https://support.google.com/mail/answer/81126#authentication for",
  "550 5.7.26 instructions on setting up authentication. a1si123 - gsmtp",
].join("\n");

describe("ehlo explain", () => {
  it("explains a full reply with readable sections", async () => {
    const { out, err, code } = await run(["explain", "550 5.7.1 Relay access denied"]);
    expect(code).toBe(EXIT.ok);
    expect(err).toBe("");
    expect(out.split("\n")[0]).toBe("550 5.7.1 Relay access denied");
    for (const heading of ["What it means", "When you see it", "How to fix it", "Who acts:"]) expect(out).toContain(heading);
    expect(out).toContain("Server wording · 550 — Relaying denied");
    expect(out).toContain("Enhanced status code X.7.1");
    expect(out).toContain("Reply code 550 — Requested action refused (permanent)");
    expect(out).toContain("Reply class 5xx — Permanent failure");
    // Without --phase, the per-command meanings are listed.
    expect(out).toContain("In reply to RCPT — Recipient refused");
    expect(out).not.toContain("\x1b[");
  });

  it("explains a basic code, an enhanced code, and a code in a given phase", async () => {
    expect((await run(["explain", "251"])).out).toContain("Reply code 251 — User not local; will forward");
    expect((await run(["explain", "5.7.1"])).out).toMatch(/^5\.7\.1\n\nEnhanced status code X\.7\.1/);
    const phased = await run(["explain", "--phase", "rcpt", "550"]);
    expect(phased.out).toContain("550 · In reply to RCPT — Recipient refused");
    expect(phased.out).not.toContain("Depending on the command");
  });

  it("reads several reply lines from stdin with '-' or no argument", async () => {
    for (const argv of [["explain", "-"], ["explain"]]) {
      const { out, code } = await run(argv, { stdin: `${gmailLines}\n` });
      expect(code).toBe(EXIT.ok);
      expect(out).toContain("Gmail / Google Workspace");
      expect(out).toContain("Enhanced status code X.7.26");
    }
  });

  it("prints JSON with the schema, the parsed reply and every layer", async () => {
    const { out } = await run(["explain", "--json", "--phase", "DATA-END"], { stdin: gmailLines });
    const json = JSON.parse(out) as Record<string, unknown> & { layers: { kind: string; key: string; title: string }[] };
    expect(json.schema).toBe("ehlo.explain/1");
    expect(json.reply).toMatchObject({ code: 550, enhanced: "5.7.26" });
    expect(json.input).toMatchObject({ kind: "reply", phase: "DATA-END" });
    expect(json.layers.map((l) => l.kind)).toEqual(["provider", "enhanced", "phase", "code", "class"]);
    expect(json.layers[0]?.key).toBe("gmail.5.7.26-unauthenticated");
    expect(json.known).toBe(true);
  });

  it("explains an unknown code by its class and says so", async () => {
    const { out, code } = await run(["explain", "--json", "299"]);
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out) as { known: boolean; layers: { key: string }[]; notes: string[] };
    expect(json.known).toBe(false);
    expect(json.layers.map((l) => l.key)).toEqual(["2xx"]);
    expect(json.notes[0]).toContain("299 is not in the knowledge base");
  });

  it.each([
    [["explain", "999x"], 'Cannot explain "999x"'],
    [["explain", "--phase", "FOO", "250"], 'Unknown command "FOO"'],
    [["explain", "-"], "Nothing to explain"],
  ])("rejects bad input %j on stderr with exit code 2", async (argv, message) => {
    const { out, err, code } = await run(argv, { stdin: "\n" });
    expect(code).toBe(EXIT.usage);
    expect(out).toBe("");
    expect(err).toContain(message);
  });

  it("writes Arabic with Arabic headings and isolated codes", async () => {
    const { out, code } = await run(["explain", "550 5.7.1 Relay access denied", "--lang", "ar"]);
    expect(code).toBe(EXIT.ok);
    for (const heading of ["ماذا يعني", "متى يظهر", "كيف يُعالَج"]) expect(out).toContain(heading);
    expect(out).toContain(`${LRI}550 5.7.1 Relay access denied${PDI}`);
    expect(out).toContain(`${LRI}X.7.1${PDI}`);
    expect(out.split("\n").filter(Boolean).every((line) => line.startsWith(RLM))).toBe(true);
  });

  it("takes the language from the environment and warns about an unknown one", async () => {
    expect((await run(["explain", "250"], { env: { LANG: "ar_EG.UTF-8" } })).out).toContain("رمز الرد");
    const french = await run(["explain", "250", "--lang", "fr"]);
    expect(french.code).toBe(EXIT.ok);
    expect(french.err).toContain('Language "fr" is not available (available: ar, en)');
    expect(french.out).toContain("Reply code 250 — OK, completed");
  });

  it("uses colour only on a terminal, and never with --no-color", async () => {
    expect((await run(["explain", "250"], { isTTY: true })).out).toContain("\x1b[");
    expect((await run(["explain", "250", "--no-color"], { isTTY: true })).out).not.toContain("\x1b[");
    expect((await run(["explain", "250"], { isTTY: true, env: { NO_COLOR: "1" } })).out).not.toContain("\x1b[");
  });
});

describe("ehlo compare", () => {
  it("compares in Arabic with differences and which one needs action", async () => {
    const { out, err, code } = await run(["compare", "220", "251", "--lang", "ar"]);
    expect(code).toBe(EXIT.ok);
    expect(err).toBe("");
    expect(out).toContain(`${LRI}220${PDI} — الخدمة جاهزة`);
    expect(out).toContain(`${LRI}251${PDI} — المستخدم ليس محليًا`);
    for (const heading of ["أهم الفروق", "أيهما يتطلب إجراءً", "ماذا يعني", "كيف يُعالَج"]) expect(out).toContain(heading);
    expect(out).toContain("لا يتطلب أيٌّ منهما إجراءً");
  });

  it("shows what differs and which code asks for action", async () => {
    const { out } = await run(["compare", "250", "550"]);
    expect(out).toContain("• Success or failure:");
    expect(out).toContain("    550: failure");
    expect(out).toContain("550 needs action; 250 does not.");
    expect(out).toContain("550 is a permanent failure");
  });

  it("prints JSON", async () => {
    const json = JSON.parse((await run(["compare", "450", "5.2.2", "--json"])).out) as {
      schema: string;
      a: { class: string; permanence: string };
      b: { kind: string };
      needsAction: string[];
    };
    expect(json.schema).toBe("ehlo.compare/1");
    expect(json.a).toMatchObject({ class: "4xx", permanence: "transient" });
    expect(json.b.kind).toBe("enhanced");
    expect(json.needsAction).toEqual(["450", "5.2.2"]);
  });

  it("rejects something that is not a code with exit code 2", async () => {
    const bad = await run(["compare", "220", "hello"]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('Cannot compare "hello"');
    expect((await run(["compare", "220"])).code).toBe(EXIT.usage);
  });
});

describe("formatBriefExplanation (one line under each reply of `ehlo check`)", () => {
  it("depends on the command the reply answers", () => {
    expect(formatBriefExplanation(["220 mx.example.com ESMTP"], "CONNECT", "en")).toMatch(/^Greeting: service ready: /);
    expect(formatBriefExplanation(["220 2.0.0 Ready to start TLS"], "STARTTLS", "en")).toMatch(/^Ready to start TLS: /);
    expect(formatBriefExplanation(["not a reply"], undefined, "en")).toBe("");
  });

  it("isolates Latin tokens in Arabic", () => {
    const brief = formatBriefExplanation(["220 mx.example.com ESMTP"], "CONNECT", "ar");
    expect(brief).toContain(`${LRI}TCP${PDI}`);
    expect(brief).not.toContain("\n");
  });
});
