import { isAsciiHostName, isIpv4, isIpv6 } from "../../../shared/smtp/validate";

/**
 * A host name or port read from DNS or a settings file is untrusted input: only a plain A-label
 * host name (or an IP literal) and a port from 1 to 65535 become a candidate, so nothing odd
 * (spaces, CR/LF, URLs) ever reaches a probe or a screen.
 */
export function cleanHost(raw: string): string | null {
  const host = raw.trim().replace(/\.$/, "").toLowerCase();
  if (host === "" || host.length > 253) return null;
  return isAsciiHostName(host) || isIpv4(host) || isIpv6(host) ? host : null;
}

export function cleanPort(raw: string | number | null | undefined): number | null {
  const text = String(raw ?? "").trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}
