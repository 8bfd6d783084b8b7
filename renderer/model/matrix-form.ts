import { MAX_MATRIX_CONCURRENCY, MAX_MATRIX_PORTS } from "../../shared/contract/matrix";
import type { MatrixRunParamsInput } from "../../shared/contract/methods-network";
import { InputError } from "../../shared/smtp/input-error";
import { isAsciiHostName, isIpv4, isIpv6, validateMailbox } from "../../shared/smtp/validate";
import { assertWireSafe } from "../../shared/smtp/wire-guard";
import { collectError, parseCaPem, parseDnsServer, parsePorts } from "./network-inputs";

/**
 * The matrix view's form as plain data, and its translation into `matrix.run` params (pure).
 * Two modes, as `ehlo matrix` has: a mail domain, where every MX host and each of its
 * addresses is a row (RFC 5321 5.1: senders may use any of them), or one host with ports.
 */
export type MatrixMode = "mx" | "host";

export interface MatrixFormState {
  /** A domain, an e-mail address (its domain) or a host. */
  target: string;
  mode: MatrixMode;
  ports: string;
  dnsServer: string;
  extraCaPem: string;
  concurrency: string;
  /** With a recipient, MAIL FROM and RCPT TO are run (never DATA) and the RCPT column is judged. */
  from: string;
  to: string;
}

/** The submission ports (RFC 6409 587, RFC 8314 465), the relay port 25, and the common 2525. */
export const HOST_PORTS = "25, 465, 587, 2525";
/** MX hosts listen on 25 (RFC 5321 4.5.4); other ports are for test setups. */
export const MX_PORTS = "25";

export const DEFAULT_MATRIX_FORM: MatrixFormState = {
  target: "",
  mode: "host",
  ports: HOST_PORTS,
  dnsServer: "",
  extraCaPem: "",
  concurrency: "16",
  from: "",
  to: "",
};

/** Switching mode swaps the ports too, unless the user changed them. */
export function withMode(form: MatrixFormState, mode: MatrixMode): MatrixFormState {
  const untouched = form.ports.trim() === HOST_PORTS || form.ports.trim() === MX_PORTS || form.ports.trim() === "";
  return { ...form, mode, ports: untouched ? (mode === "mx" ? MX_PORTS : HOST_PORTS) : form.ports };
}

/** "someone@example.com" means its domain; otherwise the text as typed, without a final dot. */
export function matrixTarget(form: MatrixFormState): string {
  const text = form.target.trim();
  const at = text.lastIndexOf("@");
  return (at >= 0 ? text.slice(at + 1) : text).replace(/\.$/, "");
}

function checkTargetName(form: MatrixFormState): void {
  assertWireSafe("target", "domain or host", form.target);
  const name = matrixTarget(form);
  if (name === "") throw new InputError("target", form.mode === "mx" ? "Write a mail domain such as example.com." : "Write a host such as smtp.example.com.");
  if (/[\s/:]/.test(name) && !isIpv6(name)) throw new InputError("target", `"${name}" is not a ${form.mode === "mx" ? "domain" : "host"} name: leave out spaces, slashes and ports (ports have their own field).`);
  const ascii = (() => {
    try {
      return new URL(`http://${name}`).hostname;
    } catch {
      return "";
    }
  })();
  if (!(isIpv4(name) || isIpv6(name) || isAsciiHostName(ascii))) throw new InputError("target", `"${name}" is not a valid ${form.mode === "mx" ? "domain" : "host"} name.`);
  if (form.mode === "mx" && (isIpv4(name) || isIpv6(name))) throw new InputError("target", "An IP address has no MX records: choose “Host and ports” to check it.");
}

function parseConcurrency(text: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_MATRIX_CONCURRENCY) throw new InputError("concurrency", `Checks at once must be a whole number from 1 to ${MAX_MATRIX_CONCURRENCY}.`);
  return n;
}

/** Every problem with the form, keyed by field; empty when it can run. */
export function validateMatrixForm(form: MatrixFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  collectError(errors, () => checkTargetName(form));
  collectError(errors, () => parsePorts(form.ports, "ports", MAX_MATRIX_PORTS));
  collectError(errors, () => parseDnsServer(form.dnsServer));
  collectError(errors, () => parseCaPem(form.extraCaPem));
  collectError(errors, () => parseConcurrency(form.concurrency));
  if (form.to.trim() !== "") collectError(errors, () => validateMailbox("to", form.to));
  if (form.from.trim() !== "") collectError(errors, () => validateMailbox("from", form.from, true));
  return errors;
}

/** The `matrix.run` params; call after `validateMatrixForm` found nothing. */
export function matrixParams(form: MatrixFormState): MatrixRunParamsInput {
  const ports = parsePorts(form.ports, "ports", MAX_MATRIX_PORTS);
  const name = matrixTarget(form);
  const dnsServer = parseDnsServer(form.dnsServer);
  const extraCaPem = parseCaPem(form.extraCaPem);
  return {
    spec: form.mode === "mx" ? { domain: name, mx: true, ports } : { host: name, ports },
    options: {
      concurrency: parseConcurrency(form.concurrency),
      ...(dnsServer ? { dnsServer } : {}),
      ...(extraCaPem ? { extraCaPem } : {}),
      ...(form.to.trim() !== "" ? { to: form.to.trim() } : {}),
      ...(form.from.trim() !== "" ? { from: form.from.trim() } : {}),
    },
  };
}
