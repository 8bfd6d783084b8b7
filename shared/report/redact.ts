import type { CheckResult } from "../contract/check-result";
import type { CheckEvent } from "../contract/events";
import { mapStrings } from "./map-strings";

/**
 * Defence in depth for reports and history (architecture convention 4). The engine already
 * replaces AUTH payloads by <redacted> before emitting events; this pass does it again on the
 * finished result so that an engine bug, an older file or an imported report cannot carry a
 * secret into an export:
 *  - an AUTH command's initial response (RFC 4954 4: "AUTH mechanism [initial-response]"),
 *  - every line the client sent right after a 334 challenge (RFC 4954 4: the SASL response),
 *  - any string the caller knows to be a secret (every form `secretForms` lists).
 */
export const REDACTED = "<redacted>";

/** Client lines after a 334 that carry nothing secret (cancel, XOAUTH2's empty error answer). */
const HARMLESS_RESPONSES = new Set(["*", "* (cancel)", "(empty response)", "", REDACTED]);

/** Secrets shorter than this are not scrubbed from free text: they would shred every word. */
const MIN_SCRUB_LENGTH = 3;

function redactAuthCommand(text: string): string | null {
  const match = /^(\s*AUTH\s+\S+)\s+(\S.*)$/i.exec(text);
  if (!match || match[2] === REDACTED) return null;
  return `${match[1]} ${REDACTED}`;
}

function redactEvents(events: readonly CheckEvent[]): CheckEvent[] {
  let afterChallenge = false;
  return events.map((event) => {
    if (event.kind === "recv") {
      if (event.final) afterChallenge = event.code === 334;
      return event;
    }
    if (event.kind !== "send") return event;
    const wasChallenged = afterChallenge;
    afterChallenge = false;
    if (wasChallenged || event.command === "AUTH-RESPONSE") {
      return HARMLESS_RESPONSES.has(event.text) ? event : { ...event, text: REDACTED, redacted: true };
    }
    if (event.command.toUpperCase() === "AUTH" || /^\s*AUTH\s/i.test(event.text)) {
      const text = redactAuthCommand(event.text);
      return text === null ? event : { ...event, text, redacted: true };
    }
    return event;
  });
}

/** Replaces every occurrence of each secret form in every string of `value`. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SCRUB_LENGTH))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return value;
  return mapStrings(value, (text) => forms.reduce((acc, form) => acc.split(form).join(REDACTED), text));
}

/** The result with AUTH data redacted (twice over) and the given secret forms scrubbed. */
export function redactResult(result: CheckResult, secrets: readonly string[] = []): CheckResult {
  return scrubSecrets({ ...result, events: redactEvents(result.events) }, secrets);
}
