import type { Command } from "commander";
import type { Candidate, DiscoverResult, SourceReport } from "../../shared/contract/discovery";
import type { Tone } from "../../shared/report/transcript-text";
import { discover } from "../services/discovery";
import { colorEnabled, paint } from "./ansi";
import { pad, parseDnsFlag, readCaFlag, secondsFlag } from "./common-flags";
import { EXIT, type CliIo } from "./io";

interface DiscoverFlags {
  dns?: string;
  caFile?: string;
  sourceTimeout: string;
  connectTimeout: string;
  json?: boolean;
  color: boolean;
}

const TLS_LABEL: Record<Candidate["tls"], string> = { implicit: "implicit", starttls: "STARTTLS", none: "none" };
/** Notes worth a line under a verified row; the others are in --json. */
const SHOWN_NOTES = new Set(["relay-port", "plain-text", "plain-http", "srv-unauthenticated", "cert-untrusted", "cert-name-mismatch", "no-auth-offered"]);

export function registerDiscoverCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("discover")
    .description("Find the outgoing-mail (submission) settings for an address or domain, and prove each with a probe")
    .argument("<target>", "an e-mail address (someone@example.com) or a mail domain")
    .option("--dns <ip[:port]>", "use this DNS server instead of the system resolver")
    .option("--ca-file <path>", "also trust the CA certificates in this PEM file")
    .option("--source-timeout <s>", "time each source (DNS, autoconfig, Autodiscover) may take, in seconds", "8")
    .option("--connect-timeout <s>", "TCP connect timeout of each probe, in seconds", "8")
    .option("--json", "print one JSON object (schema ehlo.discover/1)")
    .option("--no-color", "no ANSI colours")
    .action(async (target: string, flags: DiscoverFlags) => {
      const sourceMs = secondsFlag("source-timeout", flags.sourceTimeout);
      const connectMs = secondsFlag("connect-timeout", flags.connectTimeout);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once("SIGINT", onSigint);
      let result: DiscoverResult;
      try {
        result = await discover(target, {
          dnsServer: flags.dns ? parseDnsFlag(flags.dns) : undefined,
          extraCaPem: flags.caFile ? readCaFlag(flags.caFile) : undefined,
          timeouts: { sourceMs, connectMs },
          signal: controller.signal,
        });
      } finally {
        process.off("SIGINT", onSigint);
      }
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printDiscovery(io, result, colorEnabled(flags.color, io.isTTY, io.env));
      setExit(result.cancelled ? EXIT.interrupted : result.candidates.some((c) => c.verified) ? EXIT.ok : EXIT.failed);
    });
}

export function printDiscovery(io: CliIo, r: DiscoverResult, color: boolean): void {
  const say = (text: string, tone: Tone = "received") => io.out(`${paint(color, tone, text)}\n`);
  const who = r.address ? `${r.address} (domain ${r.domain})` : r.domain;
  say(`Outgoing mail settings for ${who}: ${r.candidates.length} candidates, ${r.candidates.filter((c) => c.verified).length} verified, in ${r.durationMs} ms`, "finding");
  say("");
  const host = Math.max(4, ...r.candidates.map((c) => c.host.length));
  say(`${pad("#", 3)} ${pad("Source", 16)} ${pad("Host", host)} ${pad("Port", 5)} ${pad("TLS", 9)} ${pad("Verified", 9)} ${pad("Login", 8)} AUTH`, "muted");
  for (const c of r.candidates) {
    const verified = c.verified ? "✔ yes" : "✖ no";
    const login = !c.verified ? "" : c.credentialsWithoutConfirmation ? "ok" : "confirm";
    const auth = c.verified ? c.probe?.auth.join(" ") || "—" : `(${c.probe?.findings[0] ?? c.probe?.outcome ?? "not probed"})`;
    say(`${pad(String(c.rank), 3)} ${pad(c.source, 16)} ${pad(c.host, host)} ${pad(String(c.port), 5)} ${pad(TLS_LABEL[c.tls], 9)} ${pad(verified, 9)} ${pad(login, 8)} ${auth}`, c.verified ? "info" : "muted");
    for (const n of c.notes) if (c.verified && SHOWN_NOTES.has(n.code)) say(`      ! ${n.text}`, "warning");
  }
  say("");
  say("Sources:", "finding");
  for (const s of r.sources) say(`  ${pad(s.source, 16)} ${pad(s.state, 8)} ${pad(`${s.ms} ms`, 9)} ${s.detail}`, sourceTone(s));
  const best = r.candidates.find((c) => c.verified);
  say("");
  if (!best) {
    say("No setting could be verified. Check the domain, the network (a firewall may block outgoing mail ports) and the sources above.", "failure");
    return;
  }
  say(`Use: ${best.host}, port ${best.port}, ${best.tls === "implicit" ? "SSL/TLS (implicit TLS)" : best.tls === "starttls" ? "STARTTLS" : "no encryption"}.`, "info");
  if (!best.credentialsWithoutConfirmation) say("Confirm this server with the user or the provider before entering a password: no https source vouches for it.", "warning");
}

function sourceTone(s: SourceReport): Tone {
  return s.state === "found" ? "info" : s.state === "failed" || s.state === "timeout" ? "warning" : "muted";
}
