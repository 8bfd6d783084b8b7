import { readFileSync } from "node:fs";
import { InputError } from "../../shared/smtp/input-error";
import { parseTarget } from "../../shared/smtp/parse-target";

/** Flags several commands share, read and checked the same way everywhere. */

/** `--dns IP[:PORT]` (an IPv6 server in brackets with a port: `[::1]:5353`). */
export function parseDnsFlag(raw: string): { address: string; port: number } {
  const t = parseTarget(raw);
  if (t.mx) throw new InputError("dns", `--dns takes an IP address and optional port, not "${raw}".`);
  return { address: t.host, port: t.port ?? 53 };
}

/** `--ca-file PATH`: extra trusted roots in PEM. */
export function readCaFlag(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError("ca-file", `Cannot read the CA file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new InputError("ca-file", `${path} contains no PEM certificate.`);
  return pem;
}

/** A duration flag in seconds, returned in milliseconds. */
export function secondsFlag(field: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0.1 || n > 600) throw new InputError(field, `--${field} must be a number of seconds between 0.1 and 600, not "${raw}".`);
  return Math.round(n * 1000);
}

/** Pads to a width measured in characters (the tables hold no wide or combining characters). */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}
