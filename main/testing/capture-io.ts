import type { CliIo } from "../cli/io";

export interface CapturedIo extends CliIo {
  stdout: () => string;
  stderr: () => string;
}

/** A CliIo that records what the CLI prints, for running the real commands in-process. */
export function captureIo(overrides: Partial<CliIo> = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    isTTY: false,
    platform: "linux",
    readStdin: async () => "",
    promptSecret: async () => null,
    ...overrides,
    stdout: () => out,
    stderr: () => err,
  };
}
