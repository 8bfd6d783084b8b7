import { AlternativePorts, answersSmtp, type AlternativeProbe } from "./alternative-ports";
import { probePort, type ProbeResult } from "./port-probe";
import type { Recorder } from "./recorder";

/** Without a greeting by then, the other submission ports (and TLS on this one) are probed. */
export const PROBE_AFTER_MS = 1000;
/** From then on an answering alternative port gives a provisional verdict. */
export const PROVISIONAL_AFTER_MS = 3000;

export interface NoGreetingWatchOptions {
  rec: Recorder;
  address: string;
  servername: string | null;
  port: number;
  alternativePorts: number[];
  connectTimeoutMs: number;
  /** "connect" while the TCP connect is pending; "plain"/"tls" once connected. */
  stage: () => "connect" | "plain" | "tls";
  signal?: AbortSignal | undefined;
}

/**
 * What Ehlo does while no 220 has arrived, so that "no greeting" ends in a named cause instead of
 * a bare timeout: after PROBE_AFTER_MS it probes the host's other submission ports and tries TLS
 * on this port (an implicit-TLS port is silent in plain text); from PROVISIONAL_AFTER_MS an
 * answering port becomes a provisional verdict ("25 looks filtered, 587 works"), which the
 * session makes final when its own timeout expires. A greeting stops it all.
 */
export class NoGreetingWatch {
  private readonly alternatives: AlternativePorts;
  private readonly timers: NodeJS.Timeout[] = [];
  private tlsProbe: Promise<ProbeResult | null> | null = null;
  private provisionalDue = false;
  private provisionalSent = false;
  private stopped = false;

  constructor(private readonly opts: NoGreetingWatchOptions) {
    this.alternatives = new AlternativePorts({
      rec: opts.rec,
      address: opts.address,
      servername: opts.servername,
      ports: opts.alternativePorts.filter((p) => p !== opts.port),
      signal: opts.signal,
      onResult: () => this.maybeProvisional(),
    });
  }

  arm(): void {
    this.timers.push(
      setTimeout(() => {
        void this.alternatives.start();
        if (this.opts.stage() === "plain") void this.probeTlsHere();
      }, PROBE_AFTER_MS),
      setTimeout(() => {
        this.provisionalDue = true;
        this.maybeProvisional();
      }, PROVISIONAL_AFTER_MS),
    );
  }

  /** The server greeted: no probe result is reported any more. */
  greeted(): void {
    this.stopped = true;
    this.dispose();
    this.alternatives.cancel();
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  /** Does this port answer SMTP over implicit TLS? The probe event is the evidence. */
  async tlsAnswersHere(): Promise<{ seq: number; banner: string | null } | null> {
    const probe = await this.probeTlsHere();
    if (!probe || probe.state !== "tls-smtp") return null;
    const ev = this.opts.rec.emit({ kind: "port.probe", port: this.opts.port, state: probe.state, banner: probe.banner, ms: probe.ms });
    return { seq: ev.seq, banner: probe.banner };
  }

  /** Waits for every alternative probe and returns those that speak SMTP. */
  async answeringAlternatives(): Promise<AlternativeProbe[]> {
    if (this.stopped) return [];
    this.dispose();
    return (await this.alternatives.start()).filter((p) => p.seq >= 0 && answersSmtp(p));
  }

  private probeTlsHere(): Promise<ProbeResult | null> {
    this.tlsProbe ??= probePort({
      address: this.opts.address,
      port: this.opts.port,
      servername: this.opts.servername,
      connectMs: Math.min(this.opts.connectTimeoutMs, 5000),
      greetingMs: 2000,
      tlsFirst: true,
      signal: this.opts.signal,
    });
    return this.tlsProbe;
  }

  private maybeProvisional(): void {
    if (this.stopped || this.provisionalSent || !this.provisionalDue) return;
    const open = this.opts.rec.events.flatMap((e) => (e.kind === "port.probe" && (e.state === "smtp" || e.state === "tls-smtp") ? [e] : []));
    const first = open[0];
    if (!first) return;
    this.provisionalSent = true;
    this.opts.rec.emit({
      kind: "provisional",
      id: this.opts.stage() === "connect" ? "tcp.timeout" : "greeting.timeout",
      evidence: open.map((p) => p.seq),
      params: { port: this.opts.port, alternative: first.port, open: open.map((p) => p.port).join(", ") },
    });
  }
}
