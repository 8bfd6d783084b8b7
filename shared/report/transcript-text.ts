import { assertNever, type CheckEvent } from "../contract/events";

/**
 * The transcript grammar helpdesk people know from swaks:
 *   ===  connection information      ->  sent in clear       <-  received in clear
 *   ~>   sent under TLS               <~  received under TLS  <**  a failure reply (<~* under TLS)
 *   !!!  an error the client saw      ***  a finding
 * Pure, so the CLI, Markdown reports and tests print the same lines.
 */
export type Tone = "info" | "sent" | "received" | "failure" | "warning" | "finding" | "muted";

export interface TranscriptLine {
  prefix: string;
  text: string;
  tone: Tone;
  seq: number;
  t: number;
}

export function transcriptLine(event: CheckEvent): TranscriptLine | null {
  const at = (prefix: string, text: string, tone: Tone): TranscriptLine => ({ prefix, text, tone, seq: event.seq, t: event.t });
  switch (event.kind) {
    case "session.start":
      return at("===", `Checking ${event.host} port ${event.port} (TLS: ${event.tls})`, "info");
    case "phase":
    case "waiting":
      return null;
    case "dns.query":
      return at("===", `DNS ${event.rrtype} ${event.name}${event.server ? ` @${event.server}` : ""}`, "muted");
    case "dns.answer":
      return at("===", `DNS ${event.rrtype} ${event.name}: ${event.records.length > 0 ? event.records.join(", ") : "(none)"}`, "muted");
    case "dns.error":
      return at("!!!", `DNS ${event.rrtype} ${event.name} failed: ${event.code}`, "failure");
    case "tcp.connecting":
      return at("===", `Trying ${formatAddress(event.address)}:${event.port}...`, "info");
    case "tcp.connected":
      return at("===", `Connected to ${formatAddress(event.remoteAddress)}:${event.remotePort} from ${formatAddress(event.localAddress)}:${event.localPort} in ${event.ms} ms`, "info");
    case "tcp.error":
      return at("!!!", `Connection error ${event.code}: ${event.message}`, "failure");
    case "send":
      return at(event.tls ? " ~>" : " ->", event.text, "sent");
    case "recv": {
      const failure = event.code === null || event.code >= 400;
      const prefix = failure ? (event.tls ? "<~*" : "<**") : event.tls ? "<~ " : "<- ";
      return at(prefix, event.text, failure ? "failure" : "received");
    }
    case "tls.start":
      return at("===", `Starting TLS${event.servername ? ` (SNI ${event.servername})` : ""}`, "info");
    case "tls.established": {
      const d = event.details;
      const leaf = d.chain[0];
      const verdict = d.authorized && d.nameMatches ? "verified" : `NOT verified (${[d.verifyError, d.nameMatches ? null : "name mismatch"].filter(Boolean).join(", ")})`;
      return at("===", `TLS ${d.protocol ?? "?"} ${d.cipher ?? ""}; certificate ${leaf ? `${leaf.subject} issued by ${leaf.issuer}` : "(none)"}; ${verdict}`, d.authorized && d.nameMatches ? "info" : "warning");
    }
    case "tls.error":
      return at("!!!", `TLS failed: ${event.message}`, "failure");
    case "note":
      return at(event.level === "info" ? "===" : "!!!", event.text, event.level === "error" ? "failure" : event.level === "warning" ? "warning" : "info");
    case "port.probe":
      return at("===", `Port ${event.port}: ${PROBE_WORDS[event.state]}${event.banner ? ` — ${event.banner}` : ""} (${Math.round(event.ms)} ms)`, event.state === "smtp" || event.state === "tls-smtp" ? "info" : "muted");
    case "provisional":
      return at("...", `So far: ${event.id}${event.params.port !== undefined ? ` (port ${event.params.port})` : ""}; waiting for the timeout to confirm`, "warning");
    case "finding":
      return null;
    case "done":
      return at("===", `Finished: ${event.outcome}`, event.outcome === "failed" ? "failure" : event.outcome === "warning" ? "warning" : "info");
    default:
      return assertNever(event);
  }
}

const PROBE_WORDS: Record<Extract<CheckEvent, { kind: "port.probe" }>["state"], string> = {
  smtp: "SMTP answers",
  "tls-smtp": "SMTP answers over implicit TLS",
  "not-smtp": "open, but not SMTP",
  "open-silent": "open, but silent",
  refused: "refused",
  timeout: "no answer (filtered?)",
  unreachable: "unreachable",
  closed: "closed at once",
};

export function formatAddress(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/** "[   12.3 ms]" column for `--timing`. */
export function formatTiming(t: number): string {
  return `[${t.toFixed(1).padStart(8)} ms]`;
}
