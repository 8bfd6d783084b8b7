/**
 * Where the CLI reads and writes. Injected so tests run the real commands in-process and capture
 * exactly what a terminal would show.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** True when stdout is an interactive terminal (live counters, colour). */
  isTTY: boolean;
  /** Reads all of standard input (for `explain -`). */
  readStdin: () => Promise<string>;
  /** Asks for a secret without echoing it; null when there is no terminal to ask on. */
  promptSecret: (question: string) => Promise<string | null>;
  platform: NodeJS.Platform;
}

/** Exit codes: 0 ok or warning, 1 a failure was found, 2 bad usage or input, 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export class UsageError extends Error {
  override readonly name = "UsageError";
}
