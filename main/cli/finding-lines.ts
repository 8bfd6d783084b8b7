import type { CheckResult } from "../../shared/contract/check-result";
import type { Tone } from "../../shared/report/transcript-text";

const MARK = { error: "✖", warning: "!", info: "✔" } as const;

/** The summary under the transcript: one line per finding, the verdict last. */
export function findingLines(result: CheckResult, _lang: string): { text: string; tone: Tone }[] {
  const lines: { text: string; tone: Tone }[] = [];
  for (const f of result.findings) {
    const params = Object.entries(f.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
    const tone: Tone = f.severity === "error" ? "failure" : f.severity === "warning" ? "warning" : "info";
    lines.push({ text: `${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.id}${params ? `  (${params})` : ""}`, tone });
    if (f.id === "greeting.timeout") {
      lines.push({
        text: "  RFC 5321 4.5.3.2.1 allows a server up to 5 minutes before its greeting; to wait longer use --greeting-timeout 300.",
        tone: "muted",
      });
    }
  }
  lines.push({ text: `Outcome: ${result.outcome} (${result.durationMs} ms)`, tone: result.outcome === "failed" ? "failure" : result.outcome === "warning" ? "warning" : "info" });
  return lines;
}
