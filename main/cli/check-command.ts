import type { Command} from "commander";
import { Option } from "commander";
import type { ADDRESS_FAMILIES} from "../../shared/contract/check-request";
import { AUTH_MECHANISMS, TLS_MODES, type CheckRequestInput, type CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import { InputError } from "../../shared/smtp/input-error";
import { validatePort } from "../../shared/smtp/validate";
import { startCheck } from "../services/checks";
import { colorEnabled } from "./ansi";
import { parseDnsFlag, readCaFlag, secondsFlag } from "./common-flags";
import { EXIT, type CliIo } from "./io";
import { parseTarget } from "../../shared/smtp/parse-target";
import { defaultExplainLang } from "./explain-command";
import { createLivePrinter } from "./live-printer";
import { prepareAfterCheck, type AfterCheckFlags } from "./after-check";

interface CheckFlags extends AfterCheckFlags {
  port?: string;
  tls: (typeof TLS_MODES)[number];
  helo?: string;
  from?: string;
  to: string[];
  authUser?: string;
  authMech?: (typeof AUTH_MECHANISMS)[number];
  allowInsecureAuth?: boolean;
  connectTimeout: string;
  greetingTimeout: string;
  commandTimeout: string;
  dns?: string;
  mx?: boolean;
  ipv4?: boolean;
  ipv6?: boolean;
  send?: boolean;
  json?: boolean;
  lang: string;
  color: boolean;
  timing?: boolean;
  caFile?: string;
}

export function registerCheckCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("check")
    .description("Run an SMTP check against a server and print the live transcript")
    .argument("<target>", "HOST[:PORT], [IPv6]:PORT, or an e-mail address / domain with --mx")
    .option("--port <n>", "port (default 25, or 465 with --tls implicit)")
    .addOption(new Option("--tls <mode>", "TLS mode").choices([...TLS_MODES]).default("auto"))
    .option("--helo <name>", "name to announce in EHLO/HELO")
    .option("--from <address>", "MAIL FROM address (empty for the null sender <>)")
    .option("--to <address>", "RCPT TO address (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--auth-user <user>", "authenticate as this user (password from EHLO_PASSWORD or a prompt)")
    .addOption(new Option("--auth-mech <mech>", "force a SASL mechanism").choices([...AUTH_MECHANISMS]))
    .option("--allow-insecure-auth", "allow sending credentials over plain text or unverified TLS")
    .option("--connect-timeout <s>", "TCP connect timeout in seconds", "10")
    .option("--greeting-timeout <s>", "time to wait for the 220 greeting, in seconds", "30")
    .option("--command-timeout <s>", "time to wait for each reply, in seconds", "30")
    .option("--dns <ip[:port]>", "use this DNS server instead of the system resolver")
    .option("--mx", "treat the target as a mail domain and check its best MX")
    .option("--ipv4", "use IPv4 only")
    .option("--ipv6", "use IPv6 only")
    .option("--send", "send a small labelled test message (DATA)")
    .option("--ca-file <path>", "also trust the CA certificates in this PEM file")
    .option("--timing", "show the time of every line")
    .option("--json", "print one JSON object (schema ehlo.check/1) instead of the transcript")
    .option("--report <file>", "write a report of the run: .html, .pdf, .md or .json (from the extension or --format)")
    .addOption(new Option("--format <format>", "report format").choices(["html", "pdf", "md", "json"]))
    .option("--anonymise", "hide mailbox names, the client address and the client's HELO name in the report")
    .option("--save", "save the run to the history (see ehlo history)")
    .addOption(new Option("--lang <lang>", "language of explanations").default(defaultExplainLang(io.env)))
    .option("--no-color", "no ANSI colours")
    .action(async (targetArg: string, flags: CheckFlags) => {
      const afterCheck = prepareAfterCheck(flags, io);
      const { request, secrets } = await buildRequest(targetArg, flags, io);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once("SIGINT", onSigint);
      const printer = flags.json ? null : createLivePrinter(io, { color: colorEnabled(flags.color, io.isTTY, io.env), timing: flags.timing === true, lang: flags.lang });
      let result: CheckResult;
      try {
        result = await startCheck(request, { secrets, signal: controller.signal, onEvent: printer?.onEvent });
      } finally {
        process.off("SIGINT", onSigint);
      }
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printer?.summary(result);
      await afterCheck(result, { request, secrets });
      setExit(result.outcome === "failed" ? EXIT.failed : result.outcome === "cancelled" ? EXIT.interrupted : EXIT.ok);
    });
}

async function buildRequest(targetArg: string, flags: CheckFlags, io: CliIo): Promise<{ request: CheckRequestInput; secrets: CheckSecrets }> {
  const target = parseTarget(targetArg);
  const flagPort = flags.port === undefined ? undefined : validatePort(flags.port);
  if (flagPort !== undefined && target.port !== undefined && flagPort !== target.port) {
    throw new InputError("port", `Two different ports were given: ${target.port} in the target and ${flagPort} with --port. Use one.`);
  }
  if (flags.ipv4 && flags.ipv6) throw new InputError("family", "--ipv4 and --ipv6 cannot be used together.");
  const family: (typeof ADDRESS_FAMILIES)[number] = flags.ipv4 ? "ipv4" : flags.ipv6 ? "ipv6" : "auto";
  const request: CheckRequestInput = {
    host: target.host,
    port: flagPort ?? target.port,
    mx: flags.mx === true || target.mx,
    family,
    tls: flags.tls,
    helo: flags.helo,
    from: flags.from,
    to: flags.to,
    allowInsecureAuth: flags.allowInsecureAuth === true,
    send: flags.send === true,
    timeouts: {
      dnsMs: 10_000,
      connectMs: secondsFlag("connect-timeout", flags.connectTimeout),
      greetingMs: secondsFlag("greeting-timeout", flags.greetingTimeout),
      commandMs: secondsFlag("command-timeout", flags.commandTimeout),
    },
  };
  if (flags.dns) request.dnsServer = parseDnsFlag(flags.dns);
  if (flags.caFile) request.extraCaPem = readCaFlag(flags.caFile);
  const secrets: CheckSecrets = {};
  if (flags.authUser !== undefined) {
    request.auth = { user: flags.authUser, mechanism: flags.authMech };
    // The secret never comes from a flag: flags end up in shell history and process lists.
    const secret = io.env.EHLO_PASSWORD ?? (await io.promptSecret(`Password for ${flags.authUser}: `));
    if (secret === null || secret === "") {
      throw new InputError("password", "No password: set the EHLO_PASSWORD environment variable, or run in a terminal to be asked for it.");
    }
    if (flags.authMech === "XOAUTH2") secrets.token = secret;
    else secrets.password = secret;
  } else if (flags.authMech) {
    throw new InputError("auth-mech", "--auth-mech needs --auth-user.");
  }
  return { request, secrets };
}
