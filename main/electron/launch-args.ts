import path from "node:path";
import { looksLikeDeepLink } from "./deep-link";

/**
 * What a launch asks Ehlo to open, from a command line: the first `ehlo:` link and the first
 * report file. On Windows and Linux the OS passes both as arguments (the protocol and file
 * association run `Ehlo "%1"`), and a second launch hands its arguments to the first instance.
 * macOS uses the open-url and open-file events instead.
 */

export interface LaunchTargets {
  deepLink: string | null;
  /** Absolute path of a report file, or null. */
  reportFile: string | null;
}

/** Extensions accepted from a command line: our own, and the plain JSON the export writes. */
export const REPORT_FILE_PATTERN = /\.(ehlo|json)$/i;

export interface LaunchArgsOptions {
  /**
   * Leading arguments that are not the user's: the executable, plus the app folder when run as
   * `electron .` (process.defaultApp). Electron's docs: argv.slice(app.isPackaged ? 1 : 2).
   */
  skip: number;
  /** Relative file arguments are relative to the launching shell's folder. */
  cwd: string;
}

export function launchTargets(argv: readonly string[], options: LaunchArgsOptions): LaunchTargets {
  let deepLink: string | null = null;
  let reportFile: string | null = null;
  for (const arg of argv.slice(options.skip)) {
    // Chromium and Electron switches (a second instance's argv carries some it added itself).
    if (arg.startsWith("-")) continue;
    if (looksLikeDeepLink(arg)) {
      deepLink ??= arg;
    } else if (REPORT_FILE_PATTERN.test(arg) && !/[\0\r\n]/.test(arg)) {
      reportFile ??= path.resolve(options.cwd, arg);
    }
  }
  return { deepLink, reportFile };
}
