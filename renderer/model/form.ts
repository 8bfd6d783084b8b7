import {
  CheckRequestSchema,
  type AuthMechanism,
  type CheckRequestInput,
  type TlsMode,
} from "../../shared/contract/check-request";
import { InputError } from "../../shared/smtp/input-error";
import { validateHeloName, validateMailbox, validateUserName } from "../../shared/smtp/validate";
import { validateCheckInput } from "../../shared/smtp/validate-request";
import type { ProviderPreset } from "./presets";
import { checkTarget, parseTarget } from "./target";

/**
 * The check form as plain data, and its translation into a contract request (pure). Errors are
 * found field by field with the shared validators, so the form can show every problem next to its
 * field before anything is sent; the server validates again at the edge anyway.
 */

export type AddressFamily = "auto" | "ipv4" | "ipv6";
export const TIMEOUT_FIELDS = ["dnsMs", "connectMs", "greetingMs", "commandMs"] as const;
export type TimeoutField = (typeof TIMEOUT_FIELDS)[number];

export interface FormState {
  /** host, host:port, [v6]:port or an e-mail address. */
  target: string;
  tls: TlsMode;
  helo: string;
  from: string;
  /** One entry per recipient input; blank entries are ignored. */
  to: string[];
  authUser: string;
  password: string;
  mechanism: AuthMechanism | "auto";
  /** Keep the password in the OS keychain (offered only by the Electron face). */
  remember: boolean;
  allowInsecureAuth: boolean;
  send: boolean;
  family: AddressFamily;
  /** Seconds, as typed. */
  timeouts: Record<TimeoutField, string>;
  extraCaPem: string;
}

export const DEFAULT_FORM: FormState = {
  target: "",
  tls: "auto",
  helo: "",
  from: "",
  to: [""],
  authUser: "",
  password: "",
  mechanism: "auto",
  remember: false,
  allowInsecureAuth: false,
  send: false,
  family: "auto",
  timeouts: { dnsMs: "10", connectMs: "10", greetingMs: "30", commandMs: "30" },
  extraCaPem: "",
};

/** Field names as the form knows them: "host", "to.1", "timeouts.greetingMs", "form" (no field). */
export type FieldErrors = Record<string, string>;

export interface BuiltRequest {
  request: CheckRequestInput;
  secrets: { password?: string; token?: string };
}

export function applyPreset(form: FormState, preset: ProviderPreset): FormState {
  return { ...form, target: `${preset.host}:${preset.port}`, tls: preset.tls };
}

function attempt(errors: FieldErrors, field: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof InputError) errors[field] = error.message;
    else throw error;
  }
}

function secondsToMs(text: string): number | null {
  const value = Number(text.trim().replace(",", "."));
  return text.trim() !== "" && Number.isFinite(value) ? Math.round(value * 1000) : null;
}

function recipients(form: FormState): { index: number; value: string }[] {
  return form.to.map((value, index) => ({ index, value: value.trim() })).filter((entry) => entry.value !== "");
}

/** Every problem with the form, keyed by field; empty when the form can be sent. */
export function validateForm(form: FormState): FieldErrors {
  const errors: FieldErrors = {};
  attempt(errors, "host", () => checkTarget(form.target));
  if (form.helo.trim() !== "") attempt(errors, "helo", () => validateHeloName(form.helo));
  if (form.from.trim() !== "") attempt(errors, "from", () => validateMailbox("from", form.from, true));
  for (const { index, value } of recipients(form)) attempt(errors, `to.${index}`, () => validateMailbox("to", value));
  if (form.send && recipients(form).length === 0) {
    errors["to.0"] ??= "Sending a test message needs at least one recipient address.";
  }
  if (form.authUser !== "") {
    attempt(errors, "authUser", () => validateUserName(form.authUser));
    if (form.password === "") errors["password"] = "A user name was given, so a password (or token) is needed to log in.";
  }
  for (const field of TIMEOUT_FIELDS) {
    const ms = secondsToMs(form.timeouts[field]);
    if (ms === null) errors[`timeouts.${field}`] = "Enter a number of seconds, such as 30.";
  }
  if (Object.keys(errors).length > 0) return errors;
  // The schema knows the ranges (timeouts, lengths); the request validator knows the host rules.
  const built = toRequest(form);
  const parsed = CheckRequestSchema.safeParse(built.request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path.map(String).join("."));
      errors[field] ??= issue.message;
    }
    return errors;
  }
  try {
    validateCheckInput(parsed.data, built.secrets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors[formFieldOf(error.field)] = error.message;
  }
  return errors;
}

/** The contract request and its secrets; call after `validateForm` returned no errors. */
export function toRequest(form: FormState): BuiltRequest {
  const target = parseTarget(form.target);
  const to = recipients(form).map((entry) => entry.value);
  const timeouts = Object.fromEntries(
    TIMEOUT_FIELDS.map((field) => [field, secondsToMs(form.timeouts[field]) ?? 0]),
  ) as Record<TimeoutField, number>;
  const request: CheckRequestInput = {
    host: target.host,
    mx: target.mx,
    tls: form.tls,
    family: form.family,
    to,
    send: form.send,
    allowInsecureAuth: form.allowInsecureAuth,
    timeouts,
  };
  if (target.port !== undefined) request.port = target.port;
  if (form.helo.trim() !== "") request.helo = form.helo.trim();
  if (form.from.trim() !== "") request.from = form.from.trim();
  if (form.extraCaPem.trim() !== "") request.extraCaPem = form.extraCaPem.trim();
  const secrets: BuiltRequest["secrets"] = {};
  if (form.authUser !== "") {
    request.auth = form.mechanism === "auto" ? { user: form.authUser } : { user: form.authUser, mechanism: form.mechanism };
    if (form.mechanism === "XOAUTH2") secrets.token = form.password;
    else secrets.password = form.password;
  }
  return { request, secrets };
}

/**
 * Maps a field named by a validator or by the server's `check.error` ("port", "auth.user",
 * "request.to.1", "secrets.password" …) to the form field that shows the message.
 */
export function formFieldOf(field: string): string {
  const path = field.replace(/^(request|check request)\./, "");
  if (path === "host" || path === "port" || path === "mx") return "host";
  if (path === "helo" || path === "from" || path === "extraCaPem") return path;
  if (path === "to") return "to.0";
  if (/^to\.\d+$/.test(path)) return path;
  if (path === "authUser" || path === "auth" || path.startsWith("auth.")) return "authUser";
  if (path === "password" || path === "token" || path.startsWith("secrets")) return "password";
  const timeout = /^timeouts\.(dnsMs|connectMs|greetingMs|commandMs)$/.exec(path);
  if (timeout) return path;
  return "form";
}

/** The order fields appear in the form, to focus the first one with a problem. */
export function firstErrorField(errors: FieldErrors): string | undefined {
  const order = ["host", "helo", "from", "to", "authUser", "password", "timeouts", "extraCaPem", "form"];
  const rank = (field: string): number => {
    const at = order.findIndex((prefix) => field === prefix || field.startsWith(`${prefix}.`));
    return at === -1 ? order.length : at;
  };
  return Object.keys(errors).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true }))[0];
}
