import { CheckRequestSchema, type CheckRequestInput } from "../../shared/contract/check-request";
import type { DiscoverRequestInput } from "../../shared/contract/discovery";
import type { MatrixRunParamsInput } from "../../shared/contract/methods-network";
import { InputError } from "../../shared/smtp/input-error";
import { validateMailbox, validateUserName } from "../../shared/smtp/validate";
import { validateCheckInput } from "../../shared/smtp/validate-request";
import type { BuiltRequest } from "./form";
import type { CheckStep, ChosenServer, GuidedState, Intake } from "./guided-steps";
import { collectError, parseCaPem, parseDnsServer } from "./network-inputs";

/**
 * What each step of the walkthrough sends (pure): discovery for the address, the port matrix of
 * the chosen host, and the three checks (greeting and TLS; login; a sending test). Problems are
 * found field by field before anything is sent; the host validates again at the edge.
 */

/** Step 3's ports: relay 25, submission 587 (RFC 6409), implicit TLS 465 (RFC 8314), and 2525. */
export const GUIDED_MATRIX_PORTS = [25, 465, 587, 2525] as const;

/** The walkthrough's timeouts: a helpdesk call cannot wait 30 s per step for a silent port. */
const TIMEOUTS = { dnsMs: 8_000, connectMs: 8_000, greetingMs: 15_000, commandMs: 15_000 };

export type FieldErrors = Record<string, string>;

export function validateIntake(intake: Intake): FieldErrors {
  const errors: FieldErrors = {};
  collectError(errors, () => {
    if (intake.address.trim() === "") throw new InputError("address", "Write the user's e-mail address, such as someone@example.com.");
    try {
      validateMailbox("to", intake.address);
    } catch (error) {
      if (error instanceof InputError) throw new InputError("address", error.message.replace(/recipient address/g, "address"));
      throw error;
    }
  });
  collectError(errors, () => parseDnsServer(intake.dnsServer));
  collectError(errors, () => parseCaPem(intake.extraCaPem));
  return errors;
}

/** DNS server and trusted roots of the intake, as every request carries them. */
function network(intake: Intake): { dnsServer?: { address: string; port: number }; extraCaPem?: string } {
  const dnsServer = parseDnsServer(intake.dnsServer);
  const extraCaPem = parseCaPem(intake.extraCaPem);
  return { ...(dnsServer ? { dnsServer } : {}), ...(extraCaPem ? { extraCaPem } : {}) };
}

export function discoverParams(intake: Intake): DiscoverRequestInput {
  return { target: intake.address.trim(), ...network(intake), timeouts: { sourceMs: 8_000, dnsMs: 5_000, connectMs: 8_000, greetingMs: 10_000, commandMs: 10_000 } };
}

/** The chosen host on the usual ports, plus the chosen port when it is another one. */
export function matrixPorts(chosen: ChosenServer): number[] {
  return [...new Set<number>([...GUIDED_MATRIX_PORTS, chosen.port])].sort((a, b) => a - b);
}

export function networkMatrixParams(intake: Intake, chosen: ChosenServer): MatrixRunParamsInput {
  return { spec: { host: chosen.host, ports: matrixPorts(chosen) }, options: { concurrency: 8, timeouts: TIMEOUTS, ...network(intake) } };
}

/** The secret typed on the spot in step 5; it goes beside the request, never into state. */
export interface GuidedSecret {
  password: string;
}

/**
 * The check of a step, or the field errors that stop it. TLS: greeting and TLS without login.
 * Auth: the same with AUTH (RFC 4954). Send: MAIL FROM and RCPT TO (RFC 5321 3.3), with DATA
 * when asked, logged in first when a password was typed. Error keys are the fields' names
 * ("authUser", "password", "from", "to", "form").
 */
export function checkStepRequest(state: GuidedState, step: CheckStep, secret: GuidedSecret): { built: BuiltRequest } | { errors: FieldErrors } {
  const intake = state.confirmed ?? state.intake;
  const chosen = state.chosen;
  if (!chosen) return { errors: { form: "Choose a server in step 2 first." } };
  const errors: FieldErrors = {};
  const request: CheckRequestInput = {
    host: chosen.host,
    port: chosen.port,
    tls: chosen.tls,
    timeouts: TIMEOUTS,
    // The matrix of step 3 already tried the other ports.
    alternativePorts: [],
    ...network(intake),
  };
  const secrets: BuiltRequest["secrets"] = {};
  const withAuth = step === "auth" || (step === "send" && secret.password !== "");
  if (withAuth) {
    const { user, mechanism } = state.auth;
    collectError(errors, () => validateUserName(user));
    if (step === "auth" && secret.password === "") errors["password"] = "Type the user's password (or token) to test the login.";
    request.auth = mechanism === "auto" ? { user } : { user, mechanism };
    request.allowInsecureAuth = state.auth.allowInsecureAuth;
    if (mechanism === "XOAUTH2") secrets.token = secret.password;
    else secrets.password = secret.password;
  }
  if (step === "send") {
    const { from, to, data } = state.send;
    collectError(errors, () => validateMailbox("from", from, true));
    if (to.trim() === "") errors["to"] = "Write the address the test goes to, such as the helpdesk's own mailbox.";
    else collectError(errors, () => validateMailbox("to", to));
    request.from = from.trim();
    request.to = [to.trim()];
    request.send = data;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const parsed = CheckRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { errors: { form: `${issue?.path.join(".") ?? ""} ${issue?.message ?? "is not valid"}`.trim() } };
  }
  try {
    validateCheckInput(parsed.data, secrets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { errors: { [error.field]: error.message } };
  }
  return { built: { request, secrets } };
}
