import { InputError } from "../../shared/smtp/input-error";
import { isIpv6, validatePort } from "../../shared/smtp/validate";

export interface ParsedTarget {
  host: string;
  port: number | undefined;
  /** Set when the user typed an e-mail address: check that domain's MX. */
  fromAddress: string | undefined;
}

/**
 * Reads HOST[:PORT] as people type it: `mail.example.com:587`, `127.0.0.1`, `[::1]:25`,
 * a bare IPv6 literal `::1` (no port: its colons are the address), or `user@example.com`
 * (then the domain's MX is checked).
 */
export function parseTarget(raw: string): ParsedTarget {
  const text = raw.trim();
  if (text === "") throw new InputError("host", "No host given. Usage: ehlo check HOST[:PORT], for example ehlo check smtp.example.com:587");
  const at = text.lastIndexOf("@");
  if (at > 0 && !text.includes("/")) {
    return { host: text.slice(at + 1), port: undefined, fromAddress: text };
  }
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1] ?? "";
    if (!isIpv6(host)) throw new InputError("host", `"[${host}]" is not an IPv6 address. Brackets are only for IPv6 literals such as [::1]:25.`);
    return { host, port: bracketed[2] === undefined ? undefined : validatePort(bracketed[2]), fromAddress: undefined };
  }
  if (isIpv6(text)) return { host: text, port: undefined, fromAddress: undefined };
  const colons = text.split(":").length - 1;
  if (colons > 1) throw new InputError("host", `"${text}" has several colons. Write an IPv6 address with a port in brackets: [2001:db8::1]:25.`);
  if (colons === 1) {
    const [host = "", port = ""] = text.split(":");
    if (host === "") throw new InputError("host", `"${text}" has a port but no host.`);
    return { host, port: validatePort(port), fromAddress: undefined };
  }
  return { host: text, port: undefined, fromAddress: undefined };
}
