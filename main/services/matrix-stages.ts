import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent, EventOf, Phase } from "../../shared/contract/events";
import type { FindingId } from "../../shared/contract/findings";
import type { MatrixStage, MatrixTarget, StageCell, Stages } from "../../shared/contract/matrix";
import { MATRIX_STAGES } from "../../shared/contract/matrix";
import { parseCapabilities } from "../../shared/smtp/capabilities";

export interface StageContext {
  target: MatrixTarget;
  /** DNS was done by the matrix: the engine dialled a given address (named by the MX host). */
  pinned: boolean;
  /** Time the matrix spent resolving this row's host (pinned rows). */
  dnsMs: number | null;
  /** MAIL/RCPT were asked for. */
  rcpt: boolean;
  /** An MX row (server-to-server): AUTH is not expected there. */
  mx: boolean;
}

const cell = (status: StageCell["status"], ms: number | null = null, detail: string | null = null): StageCell => ({ status, ms: ms === null ? null : Math.round(ms * 10) / 10, detail });

/** Which stage a finding speaks about, by its id's group; null for ids that depend on the phase. */
function stageOfFinding(id: FindingId): MatrixStage | null {
  const group = id.slice(0, id.indexOf("."));
  if (id.startsWith("tls.cert-")) return "certificate";
  switch (group) {
    case "dns":
      return "dns";
    case "tcp":
      return "connect";
    case "greeting":
      return "greeting";
    case "ehlo":
      return "ehlo";
    case "starttls":
    case "tls":
      return "tls";
    case "auth":
      return "auth";
    case "mail":
    case "rcpt":
      return "rcpt";
    default:
      return null;
  }
}

const PHASE_STAGE: Record<Phase, MatrixStage | null> = {
  resolve: "dns",
  connect: "connect",
  greeting: "greeting",
  ehlo: "ehlo",
  starttls: "tls",
  tls: "tls",
  auth: "auth",
  mail: "rcpt",
  rcpt: "rcpt",
  data: "rcpt",
  quit: null,
};

/**
 * Turns one check into the matrix's stage verdicts. Each stage reads the evidence for itself
 * (events for timings, findings for verdicts); then every warning or error finding is placed on
 * its stage, so no problem the engine found is lost from the grid.
 */
export function deriveStages(result: CheckResult, ctx: StageContext): { stages: Stages; verdict: "pass" | "warn" | "fail" } {
  const events = result.events;
  const first = <K extends CheckEvent["kind"]>(kind: K, where: (e: EventOf<K>) => boolean = () => true): EventOf<K> | undefined =>
    events.find((e): e is EventOf<K> => e.kind === kind && where(e as EventOf<K>));
  const stages = Object.fromEntries(MATRIX_STAGES.map((s) => [s, cell("skip", null, "not reached")])) as Stages;

  // dns
  const queries = events.filter((e) => e.kind === "dns.query");
  const answers = events.filter((e) => e.kind === "dns.answer" || e.kind === "dns.error");
  if (ctx.pinned) stages.dns = cell("pass", ctx.dnsMs, `resolved by the matrix: ${ctx.target.address}`);
  else if (queries.length === 0) stages.dns = cell("skip", null, "IP address: no DNS");
  else stages.dns = cell("pass", (answers.at(-1)?.t ?? 0) - (queries[0]?.t ?? 0));

  // connect
  const connected = first("tcp.connected");
  if (connected) stages.connect = cell("pass", connected.ms);

  // greeting: timed from the moment the server could speak (after the handshake on implicit TLS)
  const greeting = first("recv", (e) => e.phase === "greeting" && e.final);
  const established = first("tls.established");
  if (greeting) {
    const from = ctx.target.tls === "implicit" ? established?.t : connected?.t;
    stages.greeting = greeting.code === 220 ? cell("pass", from === undefined ? null : greeting.t - from) : cell("fail", null, `${greeting.code ?? "?"}`);
  }

  // ehlo: the first EHLO and its final reply line
  const ehloSent = first("send", (e) => e.command === "EHLO");
  const ehloReply = first("recv", (e) => e.phase === "ehlo" && e.final);
  if (ehloReply) stages.ehlo = ehloReply.code === 250 || result.capabilities.length > 0 ? cell("pass", ehloSent ? ehloReply.t - ehloSent.t : null) : cell("fail", null, `${ehloReply.code ?? "?"}`);

  // tls
  if (ctx.target.tls === "none") stages.tls = cell("skip", null, "plain text asked for");
  else if (established) stages.tls = cell("pass", established.ms, established.details.protocol);

  // certificate
  if (result.tls) {
    const nameOk = result.tls.nameMatches;
    const chainOk = result.tls.authorized;
    stages.certificate = chainOk && nameOk ? cell("pass", null, result.tls.chain[0]?.subject ?? null) : cell("fail", null, !chainOk ? (result.tls.verifyError ?? "untrusted") : "tls.cert-name-mismatch");
  }

  // auth: never attempted by the matrix; the verdict is about what is offered, and how
  if (stages.ehlo.status === "pass") {
    const mechanisms = parseCapabilities(["", ...result.capabilities]).auth;
    const secure = result.tls !== null;
    if (mechanisms.length > 0) stages.auth = secure ? cell("pass", null, mechanisms.join(" ")) : cell("warn", null, `offered in plain text: ${mechanisms.join(" ")}`);
    else stages.auth = ctx.mx || ctx.target.port === 25 ? cell("skip", null, "not offered (relay port)") : cell("warn", null, "auth.not-offered");
  }

  // rcpt
  if (!ctx.rcpt) stages.rcpt = cell("skip", null, "no recipient asked for");
  else {
    const rcptSent = first("send", (e) => e.command === "RCPT");
    const rcptReply = first("recv", (e) => e.phase === "rcpt" && e.final);
    if (rcptReply && rcptSent && rcptReply.code !== null && rcptReply.code >= 250 && rcptReply.code <= 252) stages.rcpt = cell("pass", rcptReply.t - rcptSent.t);
  }

  placeFindings(result, ctx, stages);
  const statuses = MATRIX_STAGES.map((s) => stages[s].status);
  return { stages, verdict: statuses.includes("fail") ? "fail" : statuses.includes("warn") ? "warn" : "pass" };
}

/** Every warning and error lands on its stage: errors make it fail, warnings make a pass a warn. */
function placeFindings(result: CheckResult, ctx: StageContext, stages: Stages): void {
  let phase: Phase | null = null;
  const phaseAt = new Map<number, Phase | null>();
  for (const e of result.events) {
    if (e.kind === "phase" && e.state === "start") phase = e.phase;
    if (e.kind === "finding") phaseAt.set(e.seq, phase);
  }
  const findingEvents = result.events.filter((e) => e.kind === "finding");
  result.findings.forEach((f, i) => {
    if (f.severity === "info") return;
    const atPhase = phaseAt.get(findingEvents[i]?.seq ?? -1) ?? null;
    const paramPhase = typeof f.params.phase === "string" ? (f.params.phase as Phase) : null;
    const stage = stageOfFinding(f.id) ?? PHASE_STAGE[paramPhase ?? atPhase ?? "connect"] ?? null;
    if (!stage) return;
    const current = stages[stage];
    if (f.severity === "error" && current.status !== "fail") stages[stage] = { status: "fail", ms: current.ms, detail: f.id };
    else if (f.severity === "warning" && (current.status === "pass" || current.status === "skip")) stages[stage] = { status: "warn", ms: current.ms, detail: f.id };
  });
}
