import type { EventOf } from "../../shared/contract/events";
import { probePort, type ProbeResult } from "./port-probe";
import type { Recorder } from "./recorder";

export interface AlternativeProbe extends ProbeResult {
  seq: number;
}

export interface AlternativePortsOptions {
  rec: Recorder;
  address: string;
  servername: string | null;
  ports: number[];
  signal?: AbortSignal | undefined;
  /** Called for each probe as it ends (the session uses it for the provisional verdict). */
  onResult?: (probe: AlternativeProbe) => void;
}

/** Budgets per probe: short, so a provisional verdict is possible about 3 s after the start. */
const PROBE_CONNECT_MS = 2500;
const PROBE_GREETING_MS = 1500;

/**
 * Probes the host's other submission ports in parallel when the chosen port gives no greeting,
 * so the report can say "25 is filtered, but 587 answers" instead of only "timeout".
 */
export class AlternativePorts {
  private running: Promise<AlternativeProbe[]> | null = null;
  private readonly abort = new AbortController();
  private cancelled = false;

  constructor(private readonly opts: AlternativePortsOptions) {
    opts.signal?.addEventListener("abort", () => this.cancel(), { once: true });
  }

  get started(): boolean {
    return this.running !== null;
  }

  start(): Promise<AlternativeProbe[]> {
    this.running ??= Promise.all(
      this.opts.ports.map(async (port) => {
        const result = await probePort({
          address: this.opts.address,
          port,
          servername: this.opts.servername,
          connectMs: PROBE_CONNECT_MS,
          greetingMs: PROBE_GREETING_MS,
          // RFC 8314 3.3: 465 is the implicit-TLS submission port.
          tlsFirst: port === 465,
          signal: this.abort.signal,
        });
        if (this.cancelled) return { ...result, seq: -1 };
        const event: EventOf<"port.probe"> = this.opts.rec.emit({ kind: "port.probe", port, state: result.state, banner: result.banner, ms: result.ms });
        const probe = { ...result, seq: event.seq };
        this.opts.onResult?.(probe);
        return probe;
      }),
    );
    return this.running;
  }

  /** The main connection greeted after all: stop probing and report nothing more. */
  cancel(): void {
    this.cancelled = true;
    this.abort.abort();
  }
}

export function answersSmtp(probe: ProbeResult): boolean {
  return probe.state === "smtp" || probe.state === "tls-smtp";
}
