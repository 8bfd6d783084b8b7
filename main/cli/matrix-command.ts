import type { Command } from "commander";
import { MATRIX_STAGES, type MatrixResult, type MatrixRow, type MatrixSpecInput, type StageCell } from "../../shared/contract/matrix";
import type { Tone } from "../../shared/report/transcript-text";
import { InputError } from "../../shared/smtp/input-error";
import { validatePort } from "../../shared/smtp/validate";
import { runMatrix } from "../services/matrix";
import { colorEnabled, paint } from "./ansi";
import { pad, parseDnsFlag, readCaFlag, secondsFlag } from "./common-flags";
import { EXIT, type CliIo } from "./io";

interface MatrixFlags {
  mx?: boolean;
  ports?: string;
  concurrency: string;
  dns?: string;
  caFile?: string;
  from?: string;
  to?: string;
  helo?: string;
  connectTimeout: string;
  greetingTimeout: string;
  commandTimeout: string;
  json?: boolean;
  color: boolean;
}

const DEFAULT_PORTS = "25,465,587,2525";
const MARK: Record<StageCell["status"], string> = { pass: "✔", warn: "!", fail: "✖", skip: "–" };
const TONE: Record<StageCell["status"], Tone> = { pass: "info", warn: "warning", fail: "failure", skip: "muted" };
const HEADER: Record<(typeof MATRIX_STAGES)[number], string> = { dns: "DNS", connect: "Connect", greeting: "Greeting", ehlo: "EHLO", tls: "TLS", certificate: "Cert", auth: "AUTH", rcpt: "RCPT" };
const CELL = 10;

export function registerMatrixCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("matrix")
    .description("Check many targets at once: every MX address of a domain (--mx), or a host's ports in each TLS mode")
    .argument("<target>", "a mail domain (with --mx) or a host")
    .option("--mx", "check every MX host and every address of each")
    .option("--ports <list>", `comma-separated ports (host default ${DEFAULT_PORTS}; with --mx default 25)`)
    .option("--concurrency <n>", "checks at once (1 to 100)", "16")
    .option("--dns <ip[:port]>", "use this DNS server instead of the system resolver")
    .option("--ca-file <path>", "also trust the CA certificates in this PEM file")
    .option("--from <address>", "MAIL FROM for the rcpt stage (default: the null sender <>)")
    .option("--to <address>", "run MAIL FROM and RCPT TO with this recipient (never DATA)")
    .option("--helo <name>", "name to announce in EHLO/HELO")
    .option("--connect-timeout <s>", "TCP connect timeout in seconds", "10")
    .option("--greeting-timeout <s>", "time to wait for the 220 greeting, in seconds", "30")
    .option("--command-timeout <s>", "time to wait for each reply, in seconds", "30")
    .option("--json", "print one JSON object (schema ehlo.matrix/1)")
    .option("--no-color", "no ANSI colours")
    .action(async (targetArg: string, flags: MatrixFlags) => {
      const target = targetArg.trim();
      const byAddress = target.includes("@");
      const domainMode = flags.mx === true || byAddress;
      const ports = flags.ports === undefined ? undefined : parsePorts(flags.ports);
      const spec: MatrixSpecInput = domainMode
        ? { domain: byAddress ? target.slice(target.lastIndexOf("@") + 1) : target, mx: true, ...(ports ? { ports } : {}) }
        : { host: target, ports: ports ?? parsePorts(DEFAULT_PORTS) };
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) throw new InputError("concurrency", `--concurrency must be a whole number from 1 to 100, not "${flags.concurrency}".`);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once("SIGINT", onSigint);
      let result: MatrixResult;
      try {
        result = await runMatrix(spec, {
          concurrency,
          dnsServer: flags.dns ? parseDnsFlag(flags.dns) : undefined,
          extraCaPem: flags.caFile ? readCaFlag(flags.caFile) : undefined,
          from: flags.from,
          to: flags.to,
          helo: flags.helo,
          timeouts: { dnsMs: 10_000, connectMs: secondsFlag("connect-timeout", flags.connectTimeout), greetingMs: secondsFlag("greeting-timeout", flags.greetingTimeout), commandMs: secondsFlag("command-timeout", flags.commandTimeout) },
          signal: controller.signal,
        });
      } finally {
        process.off("SIGINT", onSigint);
      }
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printMatrix(io, result, colorEnabled(flags.color, io.isTTY, io.env));
      setExit(result.cancelled ? EXIT.interrupted : result.rows.some((r) => r.verdict === "fail") ? EXIT.failed : EXIT.ok);
    });
}

function parsePorts(raw: string): number[] {
  const ports = raw.split(",").map((p) => p.trim()).filter(Boolean).map((p) => validatePort(p, "ports"));
  if (ports.length === 0) throw new InputError("ports", "--ports needs at least one port, such as 25,465,587.");
  return [...new Set(ports)];
}

/** "mx1.example.com [192.0.2.1]:25 auto" — the row's name as helpdesk people read it. */
export function rowLabel(row: MatrixRow): string {
  const t = row.target;
  const where = t.address ? `${t.host} [${t.address}]:${t.port}` : `${t.host}:${t.port}`;
  return `${where} ${t.tls}`;
}

function cellText(c: StageCell): string {
  return c.status === "skip" || c.ms === null ? MARK[c.status] : `${MARK[c.status]} ${c.ms < 10 ? c.ms.toFixed(1) : Math.round(c.ms)}ms`;
}

export function printMatrix(io: CliIo, r: MatrixResult, color: boolean): void {
  const say = (text: string, tone: Tone = "received") => io.out(`${paint(color, tone, text)}\n`);
  const what = "domain" in r.spec ? `${r.spec.domain} (every MX address${r.implicitMx ? "; no MX, the domain itself" : ""})` : r.spec.host;
  say(`Matrix for ${what}: ${r.rows.length} rows, concurrency ${r.concurrency} (peak ${r.peakConcurrency}), ${r.durationMs} ms`, "finding");
  say("");
  const labels = r.rows.map(rowLabel);
  const width = Math.max(6, ...labels.map((l) => l.length));
  say(`${pad("Target", width)}  ${MATRIX_STAGES.map((s) => pad(HEADER[s], CELL)).join("")}Verdict`, "muted");
  r.rows.forEach((row, i) => {
    const cells = MATRIX_STAGES.map((s) => paint(color, TONE[row.stages[s].status], pad(cellText(row.stages[s]), CELL))).join("");
    io.out(`${pad(labels[i] ?? "", width)}  ${cells}${paint(color, TONE[row.verdict], row.verdict)}\n`);
  });
  const problems = r.rows.flatMap((row, i) =>
    MATRIX_STAGES.filter((s) => row.stages[s].status === "fail" || row.stages[s].status === "warn").map((s) => ({ row: labels[i] ?? "", stage: s, cell: row.stages[s] })),
  );
  if (problems.length > 0) {
    say("");
    for (const p of problems) say(`${MARK[p.cell.status]} ${p.row}: ${HEADER[p.stage]} ${p.cell.detail ?? p.cell.status}`, TONE[p.cell.status]);
  }
  say("");
  say("✔ pass  ! warning  ✖ failure  – not run. Each row is a full check: --json has its transcript and findings.", "muted");
}
