import type { CheckEvent } from "../../shared/contract/events";
import { formatTiming, transcriptLine } from "../../shared/report/transcript-text";

/**
 * "Copy transcript": the swaks-style text helpdesk people paste into tickets (the shared grammar
 * in shared/report/transcript-text.ts), followed by one `***` line per finding so the verdict
 * travels with the evidence.
 */
export function transcriptText(events: readonly CheckEvent[], options: { timing?: boolean } = {}): string {
  const lines: string[] = [];
  const findings: string[] = [];
  for (const event of events) {
    if (event.kind === "finding") {
      const params = Object.entries(event.params)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ");
      findings.push(`*** ${event.severity} ${event.id}${params ? ` (${params})` : ""}`);
      continue;
    }
    const line = transcriptLine(event);
    if (!line) continue;
    lines.push(`${options.timing ? `${formatTiming(line.t)} ` : ""}${line.prefix} ${line.text}`);
  }
  return [...lines, ...findings].join("\n") + "\n";
}
