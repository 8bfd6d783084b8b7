import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { formatTiming, transcriptLine } from "../../shared/report/transcript-text";
import { paint } from "./ansi";
import { findingLines } from "./finding-lines";
import type { CliIo } from "./io";
import { replyExplainer } from "./reply-explainer";

export interface PrinterOptions {
  color: boolean;
  timing: boolean;
  lang: string;
}

/**
 * Prints the transcript as events arrive. On a terminal a "waiting… N s" counter is redrawn in
 * place while the server is silent; elsewhere (pipes, CI logs) the counter is left out so the
 * output stays a clean transcript.
 */
export function createLivePrinter(io: CliIo, opts: PrinterOptions) {
  let counterShown = false;
  const explain = replyExplainer(opts.lang);
  const pendingReply: string[] = [];
  const clearCounter = () => {
    if (counterShown) io.out("\r\x1b[2K");
    counterShown = false;
  };
  const write = (prefix: string, text: string, tone: Parameters<typeof paint>[1], t: number) => {
    const time = opts.timing ? `${paint(opts.color, "muted", formatTiming(t))} ` : "";
    io.out(`${time}${paint(opts.color, tone, `${prefix} ${text}`)}\n`);
  };
  return {
    onEvent(event: CheckEvent): void {
      if (event.kind === "waiting") {
        if (io.isTTY) {
          io.out(`\r\x1b[2K${paint(opts.color, "muted", `=== waiting for ${event.phase}… ${Math.round(event.elapsedMs / 1000)} s`)}`);
          counterShown = true;
        }
        return;
      }
      clearCounter();
      const line = transcriptLine(event);
      if (line) write(line.prefix, line.text, line.tone, line.t);
      if (event.kind === "recv") {
        pendingReply.push(event.text);
        if (event.final) {
          const brief = explain(pendingReply.splice(0), event.replyTo);
          if (brief) io.out(`${paint(opts.color, "muted", `        ${brief}`)}\n`);
        }
      }
    },
    summary(result: CheckResult): void {
      clearCounter();
      io.out("\n");
      for (const l of findingLines(result, opts.lang, io.platform)) io.out(`${paint(opts.color, l.tone, l.text)}\n`);
    },
  };
}
