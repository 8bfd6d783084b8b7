import type { Tone } from "../../shared/report/transcript-text";

const CODES: Record<Tone, string> = {
  info: "36", // cyan
  sent: "32", // green
  received: "0",
  failure: "31", // red
  warning: "33", // yellow
  finding: "1",
  muted: "2",
};

/** Colour is decoration only: every line also has its prefix, so nothing depends on colour. */
export function paint(enabled: boolean, tone: Tone, text: string): string {
  if (!enabled || tone === "received") return text;
  return `\x1b[${CODES[tone]}m${text}\x1b[0m`;
}

export function colorEnabled(flag: boolean, isTTY: boolean, env: Record<string, string | undefined>): boolean {
  // https://no-color.org: NO_COLOR set to anything disables colour.
  return flag && isTTY && env.NO_COLOR === undefined && env.TERM !== "dumb";
}
