import type { TLSSocket } from "node:tls";
import type { CheckRequest, CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent, Phase, TlsDetails } from "../../shared/contract/events";
import type { FindingId, Severity } from "../../shared/contract/findings";
import { parseCapabilities, type Capabilities } from "../../shared/smtp/capabilities";
import { commands, verbOf } from "../../shared/smtp/commands";
import { sniffForeignProtocol } from "../../shared/smtp/protocol-sniff";
import { tlsVerdicts } from "../../shared/smtp/tls-verdicts";
import { validateCheckInput } from "../../shared/smtp/validate-request";
import { runAuth } from "./auth-phase";
import { runEnvelope } from "./envelope-phase";
import { FindingLog } from "./finding-log";
import { NoGreetingWatch } from "./no-greeting-watch";
import { ChannelError } from "./channel-error";
import { connectTcp, ConnectError } from "./connect";
import { defaultHeloName } from "./helo-name";
import { Recorder } from "./recorder";
import { resolveTarget, ResolveError, type ResolvedTarget } from "./resolve";
import { SmtpChannel, type ReceivedReply } from "./smtp-channel";
import { readTlsDetails } from "./tls-details";
import { systemRoots } from "./trust-stores";
import { buildTlsOptions } from "./tls-options";
import { isProtocolVersionFailure, probeTls } from "./tls-probe";

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (event: CheckEvent) => void;
  secrets?: CheckSecrets;
  /** Ehlo's version, for the test message's X-Mailer header. */
  version?: string;
  /** The OS trust store to consult (PEM roots); default: read from the runtime where it can. */
  systemTrustStore?: string[] | null;
}

/** Ends the session early after the finding that explains why has been recorded. */
class Stop extends Error {}

/** A greeting slower than this is reported (issue: greeting.slow). */
const SLOW_GREETING_MS = 3000;
/** QUIT is a courtesy: never wait long for its 221. */
const QUIT_TIMEOUT_MS = 5000;

/**
 * One SMTP check, start to finish: resolve → connect → greeting → EHLO (HELO fallback) →
 * STARTTLS → EHLO → AUTH → MAIL → RCPT → (DATA) → QUIT. Every step is an event as it happens;
 * the findings name the events that prove them. Throws only InputError (before any connection);
 * every network outcome is a finding.
 */
export async function runCheck(input: CheckRequest, options: RunOptions = {}): Promise<CheckResult> {
  const secrets = options.secrets ?? {};
  const request = validateCheckInput(input, secrets);
  const session = new CheckSession(request, secrets, options);
  return session.run();
}

class CheckSession {
  private readonly rec: Recorder;
  private readonly findings: FindingLog;
  private readonly startedAt = new Date();
  private readonly port: number;
  private channel: SmtpChannel | null = null;
  private target: ResolvedTarget | null = null;
  private tls: TlsDetails | null = null;
  private caps: Capabilities = parseCapabilities([]);
  private helo = "";
  private cancelled = false;
  private greeted = false;
  /** A server that stopped answering gets no QUIT: waiting for its 221 would only add delay. */
  private timedOut = false;
  private watch: NoGreetingWatch | null = null;

  constructor(
    private readonly req: CheckRequest,
    private readonly secrets: CheckSecrets,
    private readonly options: RunOptions,
  ) {
    this.rec = new Recorder(options.onEvent);
    this.findings = new FindingLog(this.rec);
    this.port = req.port ?? (req.tls === "implicit" ? 465 : 25);
  }

  async run(): Promise<CheckResult> {
    const mode = this.req.tls === "auto" && this.port === 465 ? "implicit" : this.req.tls;
    this.rec.emit({ kind: "session.start", host: this.req.host, port: this.port, tls: this.req.tls });
    try {
      await this.phase("resolve", () => this.resolve());
      await this.phase("connect", () => this.connect());
      if (mode === "implicit") await this.phase("tls", () => this.handshake("implicit"));
      await this.phase("greeting", () => this.greeting());
      await this.phase("ehlo", () => this.ehlo());
      if (mode === "starttls" || (mode === "auto" && this.caps.startTls)) {
        await this.phase("starttls", () => this.startTls());
      } else if (mode === "auto" && !this.caps.startTls) {
        this.found("starttls.not-offered", "warning", this.lastRecv(), { port: this.port });
      }
      if (this.req.auth) await this.phase("auth", () => this.auth());
      if (this.req.from !== undefined || this.req.to.length > 0) await this.envelope();
    } catch (e) {
      this.absorb(e);
    }
    await this.reportAlternatives();
    await this.quit();
    return this.finish();
  }

  /** After a failure before any greeting: name every other port of the host that works. */
  private async reportAlternatives(): Promise<void> {
    const watch = this.watch;
    if (!watch) return;
    if (this.greeted || this.cancelled) return watch.greeted();
    for (const probe of await watch.answeringAlternatives()) {
      this.found("port.alternative-open", "info", [probe.seq], { port: probe.port, tls: probe.state === "tls-smtp" ? "implicit" : "plain", banner: probe.banner ?? "", ms: probe.ms });
    }
  }

  private async phase(phase: Phase, body: () => Promise<void>): Promise<void> {
    this.rec.emit({ kind: "phase", phase, state: "start" });
    try {
      await body();
    } finally {
      this.rec.emit({ kind: "phase", phase, state: "end" });
    }
  }

  private async resolve(): Promise<void> {
    this.target = await resolveTarget(this.req, this.rec, this.options.signal);
    if (this.target.implicitMxEvidence) {
      this.found("dns.no-mx", "warning", this.target.implicitMxEvidence, { domain: this.target.host });
    }
  }

  private async connect(): Promise<void> {
    const address = this.target?.addresses[0];
    if (!address) throw new Stop();
    this.watch = new NoGreetingWatch({
      rec: this.rec,
      address: address.address,
      servername: this.target?.tlsName ?? null,
      port: this.port,
      alternativePorts: this.req.alternativePorts,
      connectTimeoutMs: this.req.timeouts.connectMs,
      stage: () => (!this.channel ? "connect" : this.channel.secure ? "tls" : "plain"),
      signal: this.options.signal,
    });
    this.watch.arm();
    const socket = await connectTcp(address, this.port, this.rec, this.req.timeouts.connectMs, this.req.progressIntervalMs, this.options.signal);
    this.channel = new SmtpChannel(socket, this.rec);
  }

  private async greeting(): Promise<void> {
    const started = this.rec.now();
    let reply: ReceivedReply;
    try {
      reply = await this.read("greeting", null, this.req.timeouts.greetingMs);
    } catch (e) {
      if (e instanceof ChannelError && e.kind === "timeout" && (await this.silentButTls(e))) throw new Stop();
      throw e;
    }
    const foreign = sniffForeignProtocol(reply.raw[0] ?? "");
    if (foreign) this.found("greeting.not-smtp", "error", reply.seqs, { protocol: foreign });
    const waited = this.rec.now() - started;
    if (reply.code !== 220) {
      // RFC 5321 3.1: a 554 greeting still expects the client to send QUIT.
      this.found("greeting.rejected", "error", reply.seqs, { code: reply.code, text: reply.lines.join(" ") });
      throw new Stop();
    }
    this.greeted = true;
    this.watch?.greeted();
    if (waited > SLOW_GREETING_MS) this.found("greeting.slow", "warning", reply.seqs, { seconds: Math.round(waited / 100) / 10 });
  }

  private async ehlo(): Promise<void> {
    const channel = this.need();
    this.helo ||= this.req.helo ?? defaultHeloName(channel.rawSocket.localAddress);
    const reply = await this.command(commands.ehlo(this.helo), "ehlo");
    if (reply.code === 250) {
      this.caps = parseCapabilities(reply.lines);
      return;
    }
    if (reply.code === 421) return this.serverClosing(reply);
    // RFC 5321 3.2: a server that does not know EHLO answers 500/502; fall back to HELO.
    const helo = await this.command(commands.helo(this.helo), "ehlo");
    if (helo.code === 250) {
      this.caps = parseCapabilities([]);
      this.found("ehlo.helo-fallback", "warning", [...reply.seqs, ...helo.seqs], { code: reply.code });
      return;
    }
    this.found("ehlo.rejected", "error", [...reply.seqs, ...helo.seqs], { code: helo.code, helo: this.helo });
    throw new Stop();
  }

  private async startTls(): Promise<void> {
    if (!this.caps.startTls) {
      this.found("starttls.not-offered", "error", this.lastRecv(), { port: this.port });
      throw new Stop();
    }
    const reply = await this.command(commands.startTls(), "starttls");
    if (reply.code !== 220) {
      this.found("starttls.rejected", "error", reply.seqs, { code: reply.code, text: reply.lines.join(" ") });
      throw new Stop();
    }
    await this.phase("tls", () => this.handshake("starttls"));
    // RFC 3207 4.2: forget what was learned before TLS and ask again.
    this.caps = parseCapabilities([]);
    const again = await this.command(commands.ehlo(this.helo), "ehlo");
    if (again.code !== 250) {
      this.found("ehlo.rejected", "error", again.seqs, { code: again.code, helo: this.helo });
      throw new Stop();
    }
    this.caps = parseCapabilities(again.lines);
  }

  private async handshake(mode: "starttls" | "implicit"): Promise<void> {
    const channel = this.need();
    const tlsName = this.target?.tlsName ?? null;
    const verifyName = tlsName ?? this.target?.host ?? this.req.host;
    const start = this.rec.emit({ kind: "tls.start", servername: tlsName });
    let socket: TLSSocket;
    try {
      socket = await channel.upgradeToTls(buildTlsOptions(tlsName, this.req.extraCaPem), this.req.timeouts.commandMs, this.req.progressIntervalMs, this.options.signal);
    } catch (e) {
      if (e instanceof ChannelError && e.kind === "aborted") throw e;
      const err = e as NodeJS.ErrnoException;
      const code = err.code ?? (e instanceof ChannelError ? e.kind.toUpperCase() : "TLS_ERROR");
      const ev = this.rec.emit({ kind: "tls.error", code, message: err.message });
      const wrongVersion = /wrong version number|packet length too long|unknown protocol/i.test(err.message);
      if (isProtocolVersionFailure(err.message, code) && (await this.outdatedProtocol(mode, tlsName, [start.seq, ev.seq]))) throw new Stop();
      this.found("tls.handshake-failed", "error", [start.seq, ev.seq], { reason: err.message, code, ...(wrongVersion ? { hint: "plain-port" } : {}) });
      throw new Stop();
    }
    this.tls = readTlsDetails(socket, mode, tlsName, verifyName, this.options.systemTrustStore === undefined ? systemRoots() : this.options.systemTrustStore);
    const ev = this.rec.emit({ kind: "tls.established", details: this.tls, ms: Math.round((this.rec.now() - start.t) * 10) / 10 });
    for (const v of tlsVerdicts(this.tls, verifyName, new Date())) this.found(v.id, v.severity, [ev.seq], v.params);
  }

  /**
   * A modern handshake failed on the protocol version: ask again on a new connection allowing
   * TLS 1.0/1.1, so the finding can name the version the server speaks instead of only failing.
   */
  private async outdatedProtocol(mode: "starttls" | "implicit", servername: string | null, evidence: number[]): Promise<boolean> {
    const address = this.target?.addresses[0];
    if (!address) return false;
    const probe = await probeTls({ address: address.address, port: this.port, mode, servername, helo: this.helo || "[127.0.0.1]", timeoutMs: Math.min(this.req.timeouts.commandMs, 5000), legacy: true, signal: this.options.signal });
    if (!probe.ok) return false;
    const note = this.rec.emit({ kind: "note", level: "warning", code: "tls-legacy-probe", text: `A second connection allowing old protocols negotiated ${probe.protocol ?? "an old protocol"}` });
    this.found("tls.protocol-outdated", "error", [...evidence, note.seq], { protocol: probe.protocol ?? "unknown" });
    return true;
  }

  /**
   * Silence on a plain connection is often an implicit-TLS port (465) reached in plain mode: the
   * server waits for a ClientHello while we wait for a 220. The watch's TLS probe of this port,
   * started a second after connecting, tells them apart by the time the greeting timeout expires.
   */
  private async silentButTls(timeout: ChannelError): Promise<boolean> {
    const answer = this.channel?.secure ? null : await this.watch?.tlsAnswersHere();
    if (!answer) return false;
    this.found("greeting.tls-expected", "error", [...timeout.evidence, answer.seq], { port: this.port, banner: answer.banner ?? "" });
    return true;
  }

  private async auth(): Promise<void> {
    const auth = this.req.auth;
    if (!auth) return;
    const trusted = this.tls !== null && this.tls.authorized && this.tls.nameMatches;
    if (!trusted && !this.req.allowInsecureAuth) {
      // Never hand a password to a channel that is plain or not verified, unless told to.
      this.found("auth.insecure-refused", "error", this.lastRecv(), { reason: this.tls ? "unverified-tls" : "plain-text" });
      return;
    }
    await runAuth({
      channel: this.need(),
      caps: this.caps,
      user: auth.user,
      forced: auth.mechanism,
      secrets: this.secrets,
      read: (replyTo) => this.read("auth", replyTo, this.req.timeouts.commandMs),
      found: (id, severity, evidence, params) => this.found(id, severity, evidence, params),
    });
  }

  private async envelope(): Promise<void> {
    await runEnvelope({
      req: this.req,
      channel: this.need(),
      findings: this.findings,
      helo: this.helo,
      version: this.options.version ?? "dev",
      phase: (phase, body) => this.phase(phase, body),
      command: (line, phase) => this.command(line, phase),
      read: (phase, replyTo, timeoutMs) => this.read(phase, replyTo, timeoutMs),
      serverClosing: (reply) => this.serverClosing(reply),
    });
  }

  /** RFC 5321 4.1.1.10: always say goodbye when the connection still stands. */
  private async quit(): Promise<void> {
    const channel = this.channel;
    if (!channel) return;
    if (channel.alive && !this.cancelled && channel.answered && !this.timedOut) {
      this.rec.emit({ kind: "phase", phase: "quit", state: "start" });
      try {
        channel.send(commands.quit(), "QUIT");
        await channel.readReply("quit", "QUIT", Math.min(this.req.timeouts.commandMs, QUIT_TIMEOUT_MS), 0, this.options.signal);
      } catch {
        // The session's verdict is already made; a server that hangs up on QUIT changes nothing.
      }
      this.rec.emit({ kind: "phase", phase: "quit", state: "end" });
    }
    channel.destroy();
  }

  private async command(line: string, phase: Phase): Promise<ReceivedReply> {
    const verb = verbOf(line);
    this.need().send(line, verb);
    return this.read(phase, verb, this.req.timeouts.commandMs);
  }

  private read(phase: Phase, replyTo: string | null, timeoutMs: number): Promise<ReceivedReply> {
    return this.need().readReply(phase, replyTo, timeoutMs, this.req.progressIntervalMs, this.options.signal);
  }

  private serverClosing(reply: ReceivedReply): never {
    // RFC 5321 3.8: 421 means the server is shutting the channel.
    this.found("server.closed", "error", reply.seqs, { code: reply.code, text: reply.lines.join(" ") });
    throw new Stop();
  }

  private need(): SmtpChannel {
    if (!this.channel) throw new Stop();
    return this.channel;
  }

  private lastRecv(): number[] {
    for (let i = this.rec.events.length - 1; i >= 0; i--) {
      const e = this.rec.events[i];
      if (e?.kind === "recv") return [e.seq];
    }
    return [];
  }

  private found(id: FindingId, severity: Severity, evidence: number[], params: Record<string, string | number> = {}): void {
    this.findings.add(id, severity, evidence, params);
  }

  /** Turns whatever ended the session early into the finding that explains it. */
  private absorb(e: unknown): void {
    if (e instanceof Stop) return;
    if (e instanceof ResolveError || e instanceof ConnectError) {
      this.found(e.finding, "error", e.evidence, e.params);
      return;
    }
    if (e instanceof ChannelError) {
      const inGreeting = this.channel?.phase === "greeting";
      const params = { ...e.detail, phase: this.channel?.phase ?? "connect" };
      const byKind: Record<ChannelError["kind"], FindingId> = {
        timeout: inGreeting ? "greeting.timeout" : "server.timeout",
        closed: inGreeting ? "greeting.closed" : "server.closed",
        reset: "tcp.reset",
        socket: "server.closed",
        protocol: "server.protocol-error",
        "not-smtp": "greeting.not-smtp",
        overflow: "server.line-too-long",
        tls: "tls.handshake-failed",
        aborted: "server.closed",
      };
      if (e.kind === "timeout") this.timedOut = true;
      if (e.kind === "aborted") {
        this.cancelled = true;
        this.rec.emit({ kind: "note", level: "info", code: "cancelled", text: "The check was cancelled" });
        return;
      }
      this.found(byKind[e.kind], "error", e.evidence, params);
      return;
    }
    const note = this.rec.emit({ kind: "note", level: "error", code: "internal", text: `Internal error: ${(e as Error)?.message ?? String(e)}` });
    this.found("server.protocol-error", "error", [note.seq], { internal: (e as Error)?.message ?? "error" });
  }

  private finish(): CheckResult {
    if (this.channel?.sawBareLf) {
      const first = this.rec.events.find((e) => e.kind === "recv" && e.bareLf);
      if (first) this.found("server.bare-lf", "warning", [first.seq]);
    }
    const outcome = this.findings.outcome(this.cancelled);
    if (outcome !== "failed" && outcome !== "cancelled") this.found("session.ok", "info", this.lastRecv());
    const connected = this.rec.events.find((e) => e.kind === "tcp.connected");
    this.rec.emit({ kind: "done", outcome });
    return {
      schema: "ehlo.check/1",
      target: {
        host: this.target?.host ?? this.req.host,
        port: this.port,
        tls: this.req.tls,
        mx: this.req.mx,
        address: connected?.kind === "tcp.connected" ? connected.remoteAddress : null,
      },
      startedAt: this.startedAt.toISOString(),
      durationMs: Math.round(this.rec.now()),
      events: this.rec.events,
      tls: this.tls,
      capabilities: this.caps.raw,
      findings: this.findings.list,
      outcome,
    };
  }
}
