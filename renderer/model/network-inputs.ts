import { InputError } from "../../shared/smtp/input-error";
import { parseTarget } from "../../shared/smtp/parse-target";
import { isIpv4, isIpv6, validatePort } from "../../shared/smtp/validate";

/**
 * Inputs the guided walkthrough and the matrix view share, read the way people type them: a DNS
 * server ("192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53"), a list of ports ("25, 465,
 * 587"), and extra trusted roots in PEM. Each throws an InputError naming its field.
 */

export interface DnsServerInput {
  address: string;
  port: number;
}

/** Blank: the system's resolver. Otherwise an IP address with an optional port (default 53). */
export function parseDnsServer(text: string, field = "dnsServer"): DnsServerInput | undefined {
  if (text.trim() === "") return undefined;
  let target: ReturnType<typeof parseTarget>;
  try {
    target = parseTarget(text);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(field, error.message);
    throw error;
  }
  if (target.mx || !(isIpv4(target.host) || isIpv6(target.host))) {
    throw new InputError(field, `"${text.trim()}" is not a DNS server: write its IP address, optionally with a port, such as 192.0.2.53 or 192.0.2.53:5353.`);
  }
  return { address: target.host, port: target.port ?? 53 };
}

/** "25, 465 587": each a port, duplicates dropped, in the order written. */
export function parsePorts(text: string, field = "ports", max = 32): number[] {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  if (parts.length === 0) throw new InputError(field, "Write at least one port, such as 25, 465, 587.");
  const ports = [...new Set(parts.map((part) => validatePort(part, field)))];
  if (ports.length > max) throw new InputError(field, `At most ${max} ports at once, not ${ports.length}.`);
  return ports;
}

/** Blank, or one or more PEM certificates. */
export function parseCaPem(text: string, field = "extraCaPem"): string | undefined {
  const pem = text.trim();
  if (pem === "") return undefined;
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new InputError(field, "This is not a PEM certificate: it should start with -----BEGIN CERTIFICATE-----.");
  return pem;
}

/** Runs `check` and records its InputError under its field (the first one a field gets stays). */
export function collectError(errors: Record<string, string>, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors[error.field] ??= error.message;
  }
}
