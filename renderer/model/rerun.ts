import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckPrefill, OpenedReport } from "../../shared/contract/desktop";
import type { HistoryEntryData } from "../../shared/contract/history";
import type { RecordedRun } from "./check-session";
import { isIpv6 } from "../../shared/smtp/validate";
import { DEFAULT_FORM, TIMEOUT_FIELDS, type FormState } from "./form";

/**
 * From a recorded run back to the form (pure): "run again" from the history, a report someone
 * sent, or an `ehlo://` link. What the form shows is what will be sent; nothing here starts a
 * check, and nothing here ever fills in a password.
 */

/** The target as a person types it: "mx.example.com:587", "[::1]:25", or an address for MX. */
export function targetText(host: string, port: number | undefined, mx = false): string {
  // An address makes the form look up the domain's MX (RFC 5321 5.1), as the run did.
  if (mx) return `postmaster@${host}`;
  const shown = isIpv6(host) ? `[${host}]` : host;
  if (port === undefined) return isIpv6(host) ? host : shown;
  return `${shown}:${port}`;
}

function seconds(ms: number | undefined, fallback: string): string {
  return ms === undefined ? fallback : String(Math.round(ms / 100) / 10);
}

/** The form that sends `request` again (the password, never stored, stays empty). */
export function formFromRequest(request: CheckRequestInput): FormState {
  const timeouts = { ...DEFAULT_FORM.timeouts };
  for (const field of TIMEOUT_FIELDS) timeouts[field] = seconds(request.timeouts?.[field], timeouts[field]);
  return {
    ...DEFAULT_FORM,
    target: targetText(request.host, request.mx ? undefined : request.port, request.mx ?? false),
    tls: request.tls ?? "auto",
    helo: request.helo ?? "",
    from: request.from ?? "",
    to: request.to && request.to.length > 0 ? [...request.to] : [""],
    authUser: request.auth?.user ?? "",
    mechanism: request.auth?.mechanism ?? "auto",
    allowInsecureAuth: request.allowInsecureAuth ?? false,
    send: request.send ?? false,
    family: request.family ?? "auto",
    timeouts,
    extraCaPem: request.extraCaPem ?? "",
  };
}

/** "<a@b.example> SIZE=10" → "a@b.example". */
function mailbox(text: string): string | null {
  const inside = /<([^>]*)>/.exec(text)?.[1];
  return inside === undefined || inside === "" ? null : inside;
}

/**
 * The request a run most likely came from, read from its transcript: for reports imported from
 * elsewhere, which carry the result but not the request (timeouts and the CA are not in it).
 */
export function requestFromResult(result: CheckResult): CheckRequestInput {
  const { host, port, tls, mx } = result.target;
  const request: CheckRequestInput = { host, port, mx, tls: tls === "starttls" || tls === "implicit" || tls === "none" ? tls : "auto" };
  const to: string[] = [];
  for (const event of result.events) {
    if (event.kind !== "send") continue;
    if ((event.command === "EHLO" || event.command === "HELO") && request.helo === undefined) {
      const name = event.text.split(/\s+/)[1];
      if (name) request.helo = name;
    } else if (event.command === "MAIL" && request.from === undefined) {
      const from = mailbox(event.text);
      if (from) request.from = from;
    } else if (event.command === "RCPT") {
      const rcpt = mailbox(event.text);
      if (rcpt && !to.includes(rcpt)) to.push(rcpt);
    } else if (event.command === "DATA") {
      request.send = true;
    }
  }
  request.to = to;
  if (mx) delete request.port;
  return request;
}

/**
 * An `ehlo://` link fills in the fields it carries and resets everything else, so a login or a
 * password typed for another server can never travel to the server the link names.
 */
export function formFromPrefill(prefill: CheckPrefill): FormState {
  return {
    ...DEFAULT_FORM,
    target: targetText(prefill.host, prefill.port),
    tls: prefill.tls ?? DEFAULT_FORM.tls,
    helo: prefill.helo ?? "",
    from: prefill.from ?? "",
    to: prefill.to && prefill.to.length > 0 ? [...prefill.to] : [""],
  };
}

export type RerunPlan =
  /** Start this exact request now. */
  | { kind: "start"; request: CheckRequestInput; form: FormState }
  /** Fill in the form and let the person start it: a login needs its password typed again, or the request is only inferred. */
  | { kind: "fill"; form: FormState; reason: "password" | "inferred" };

/** What "run again" does with a run: start it as it was, or fill in the form when it cannot. */
export function rerunPlan(run: { request: CheckRequestInput | null; exactRequest: boolean; result: CheckResult }): RerunPlan {
  if (run.request === null || !run.exactRequest) {
    return { kind: "fill", form: formFromRequest(run.request ?? requestFromResult(run.result)), reason: "inferred" };
  }
  const form = formFromRequest(run.request);
  if (run.request.auth) return { kind: "fill", form, reason: "password" };
  return { kind: "start", request: run.request, form };
}

/** A saved run as the check page shows it: the exact request when the history kept one. */
export function recordedFromEntry(entry: HistoryEntryData): RecordedRun {
  return {
    result: entry.result,
    request: entry.request ?? requestFromResult(entry.result),
    exactRequest: entry.request !== null,
    origin: { kind: "history", header: entry.header },
    historyId: entry.header.id,
  };
}

/** A report file opened in the desktop app: shown read-only, not added to the history. */
export function recordedFromFile(report: OpenedReport): RecordedRun {
  return {
    result: report.document.result,
    request: requestFromResult(report.document.result),
    exactRequest: false,
    origin: { kind: "file", fileName: report.fileName },
    historyId: null,
  };
}
