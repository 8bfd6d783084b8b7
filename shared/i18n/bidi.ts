import type { LocaleMeta } from "../knowledge/types";

/**
 * Bidirectional text helpers for right-to-left output (Unicode Bidirectional Algorithm, UAX #9).
 *
 * In an Arabic sentence, Latin tokens — reply codes (550), enhanced codes (5.7.1), SMTP verbs
 * (EHLO, STARTTLS), host names, addresses, IPs, ports, quoted server text — are weak or neutral
 * in places ("5.7.1", "[192.0.2.1]:25", "<a@b.c>") and get reordered around the Arabic text. Wrapping
 * each run in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9 2.7) keeps it intact
 * and stops it from disturbing its neighbours.
 */

export const LRI = "\u2066";
export const RLI = "\u2067";
export const FSI = "\u2068";
export const PDI = "\u2069";
/** RIGHT-TO-LEFT MARK: starts a line so its paragraph direction is RTL even if it opens with Latin. */
export const RLM = "\u200F";

/**
 * A run of printable ASCII words separated by spaces or tabs, starting with a letter, digit, an
 * opening bracket/quote, a path or prompt character, or a command-line flag ("--greeting-timeout",
 * whose leading dashes would otherwise be moved to the far end of the token). Arabic letters are outside ASCII, so a run stops at Arabic text; the
 * spaces inside a run keep phrases like "Must issue a STARTTLS command first" in one piece.
 */
const LTR_RUN = /(?:--?(?=[A-Za-z]))?[A-Za-z0-9<[("'#/$~][\x21-\x7E]*(?:[ \t]+[\x21-\x7E]+)*/g;
/** Sentence punctuation that belongs to the surrounding (Arabic) sentence, not to the token. */
const TRAILING = /[.,;:!?]+$/;
/** Text already inside an isolate is left alone, so the function is idempotent. */
const EXISTING_ISOLATE = /[\u2066-\u2068][^\u2066-\u2069]*\u2069/g;

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops unbalanced outer brackets/quotes and trailing sentence punctuation from a run. */
function trimRun(run: string): { lead: string; core: string; tail: string } {
  let core = run;
  let lead = "";
  let tail = "";
  for (;;) {
    const before = core;
    const punct = TRAILING.exec(core);
    if (punct) {
      tail = punct[0] + tail;
      core = core.slice(0, -punct[0].length);
    }
    const space = /\s+$/.exec(core);
    if (space) {
      tail = space[0] + tail;
      core = core.slice(0, -space[0].length);
    }
    for (const [open, close] of [["(", ")"], ["[", "]"], ["<", ">"]] as const) {
      // "RCPT TO (" before Arabic text: the bracket opens an Arabic aside, not part of the token.
      if (core.endsWith(open)) {
        tail = open + tail;
        core = core.slice(0, -1);
      }
      if (core.startsWith(close)) {
        lead += close;
        core = core.slice(1);
      }
      if (core.endsWith(close) && count(core, open) < count(core, close)) {
        tail = close + tail;
        core = core.slice(0, -1);
      }
      if (core.startsWith(open) && count(core, open) > count(core, close)) {
        lead += open;
        core = core.slice(1);
      }
    }
    for (const quote of ['"', "'"]) {
      if (count(core, quote) % 2 === 1) {
        if (core.endsWith(quote)) {
          tail = quote + tail;
          core = core.slice(0, -1);
        } else if (core.startsWith(quote)) {
          lead += quote;
          core = core.slice(1);
        }
      }
    }
    if (core === before) return { lead, core, tail };
  }
}

function isolateSegment(text: string): string {
  return text.replace(LTR_RUN, (run) => {
    const { lead, core, tail } = trimRun(run);
    if (!/[A-Za-z0-9]/.test(core)) return run;
    return `${lead}${LRI}${core}${PDI}${tail}`;
  });
}

/**
 * Wraps every left-to-right run of `text` in LRI … PDI. Use it on text shown in a right-to-left
 * locale; already isolated parts are kept as they are.
 */
export function isolateLtr(text: string): string {
  let result = "";
  let last = 0;
  for (const match of text.matchAll(EXISTING_ISOLATE)) {
    result += isolateSegment(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + isolateSegment(text.slice(last));
}

/** Removes isolate marks, e.g. to compare or measure text. */
export function stripIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, "");
}

/** The writing direction of a locale bundle (anything with its `meta`). */
export function localeDirection(bundle: { meta: Pick<LocaleMeta, "dir"> }): "ltr" | "rtl" {
  return bundle.meta.dir;
}

/** `isolateLtr` for right-to-left locales, the text unchanged for left-to-right ones. */
export function bidiText(text: string, dir: "ltr" | "rtl"): string {
  return dir === "rtl" ? isolateLtr(text) : text;
}
