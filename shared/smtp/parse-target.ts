import { InputError } from "./input-error";
import { isIpv6, validatePort } from "./validate";

/**
 * A target read the way people type it, by the app's form and the CLI alike:
 * `mail.example.com:587`, `127.0.0.1`, `[::1]:25`, a bare IPv6 literal, or an e-mail address, which means "check the mail servers (MX) of that domain" (RFC 5321 5.1).
 */
export interface ParsedTarget {
  host: string;
  port: number | undefined;
  /** True when the user typed an e-mail address: connect to the domain's best MX. */
  mx: boolean;
  /** The typed address, when there was one (a sensible MAIL FROM / RCPT TO suggestion). */
  address: string | undefined;
}

/** Throws InputError("host", …) for what cannot be a target. */
export function parseTarget(raw: string): ParsedTarget {
  const text = raw.trim();
  if (text === "") throw new InputError("host", "Enter a mail server such as smtp.example.com:587, or an e-mail address to check its domain's mail servers.");
  const at = text.lastIndexOf("@");
  if (at > 0 && !text.includes("/")) {
    const host = text.slice(at + 1);
    if (host === "") throw new InputError("host", `"${text}" has nothing after the @. Write a full address such as someone@example.com.`);
    return { host, port: undefined, mx: true, address: text };
  }
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1] ?? "";
    if (!isIpv6(host)) throw new InputError("host", `"[${host}]" is not an IPv6 address. Brackets are only for IPv6 literals such as [::1]:25.`);
    return { host, port: bracketed[2] === undefined ? undefined : validatePort(bracketed[2], "host"), mx: false, address: undefined };
  }
  if (isIpv6(text)) return { host: text, port: undefined, mx: false, address: undefined };
  const colons = text.split(":").length - 1;
  if (colons > 1) throw new InputError("host", `"${text}" has several colons. Write an IPv6 address with a port in brackets: [2001:db8::1]:25.`);
  if (colons === 1) {
    const [host = "", port = ""] = text.split(":");
    if (host === "") throw new InputError("host", `"${text}" has a port but no host.`);
    return { host, port: validatePort(port, "host"), mx: false, address: undefined };
  }
  return { host: text, port: undefined, mx: false, address: undefined };
}

/** The port the engine will use when none is given: 465 for implicit TLS (RFC 8314 3.3), else 25. */
export function effectivePort(port: number | undefined, tls: string): number {
  return port ?? (tls === "implicit" ? 465 : 25);
}
