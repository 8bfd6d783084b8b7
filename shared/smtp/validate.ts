import { InputError } from "./input-error";
import { assertWireSafe } from "./wire-guard";

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** UTF-8 octet count without TextEncoder (shared/ has no DOM or Node types). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** Loose but safe IPv6 literal check (hex groups, one `::`, optional embedded IPv4). */
export function isIpv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !value.includes(":")) return false;
  const doubleColons = value.split("::").length - 1;
  if (doubleColons > 1) return false;
  let groups = value.split(":").filter((g) => g !== "");
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIpv4(last)) return false;
    groups = [...groups.slice(0, -1), "0", "0"];
  }
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return doubleColons === 1 ? groups.length < 8 : groups.length === 8;
}

/** A DNS host name in A-label (ASCII) form: RFC 1123 2.1 labels, at most 253 octets. */
export function isAsciiHostName(value: string): boolean {
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => LABEL.test(label));
}

export function validatePort(raw: string | number, field = "port"): number {
  const text = String(raw).trim();
  if (!/^\d+$/.test(text)) {
    throw new InputError(field, `The port "${text}" is not a number. Use a whole number from 1 to 65535, such as 25, 465 or 587.`);
  }
  const port = Number(text);
  if (port < 1 || port > 65535) {
    throw new InputError(field, `The port ${port} is out of range. Ports go from 1 to 65535; mail uses 25, 465 and 587.`);
  }
  return port;
}

/**
 * HELO/EHLO argument: a domain name or an address literal (RFC 5321 4.1.3, 4.1.4).
 * Address literals are `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
 */
export function validateHeloName(name: string): string {
  assertWireSafe("helo", "HELO name", name);
  const value = name.trim();
  if (value === "") throw new InputError("helo", "The HELO name is empty. Use this machine's fully qualified domain name, for example pc1.example.com.");
  if (value.startsWith("[")) {
    const inner = value.slice(1, -1);
    const ok = value.endsWith("]") && (isIpv4(inner) || (inner.toLowerCase().startsWith("ipv6:") && isIpv6(inner.slice(5))));
    if (!ok) throw new InputError("helo", `The HELO address literal "${value}" is malformed. Write it as [192.0.2.1] or [IPv6:2001:db8::1] (RFC 5321 4.1.3).`);
    return value;
  }
  if (/\s/.test(value)) throw new InputError("helo", `The HELO name "${value}" contains a space. A HELO name is one domain name, such as pc1.example.com.`);
  if (!isAsciiHostName(value)) {
    throw new InputError("helo", `The HELO name "${value}" is not a valid domain name. Use letters, digits, hyphens and dots, such as pc1.example.com.`);
  }
  return value;
}

/**
 * A mailbox for MAIL FROM / RCPT TO (RFC 5321 4.1.2 Mailbox = Local-part "@" Domain).
 * Accepts an internationalised mailbox (RFC 6531) but refuses spaces, angle brackets and
 * control characters, which would break the command syntax. `allowEmpty` permits the null
 * reverse-path `<>` for MAIL FROM.
 */
export function validateMailbox(field: "from" | "to", address: string, allowEmpty = false): string {
  const label = field === "from" ? "sender address" : "recipient address";
  assertWireSafe(field, label, address);
  let value = address.trim();
  if (value.startsWith("<") && value.endsWith(">")) value = value.slice(1, -1).trim();
  if (value === "") {
    if (allowEmpty) return "";
    throw new InputError(field, `The ${label} is empty. Write a full address such as someone@example.com.`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s<>\x00-\x1f\x7f]/.test(value)) {
    throw new InputError(field, `The ${label} "${value}" contains a space, an angle bracket or a control character. Write only the address, such as someone@example.com.`);
  }
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) {
    throw new InputError(field, `The ${label} "${value}" is not a full e-mail address: it needs a name, an @ and a domain, such as someone@example.com.`);
  }
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  // RFC 5321 4.5.3.1.1 and 4.5.3.1.2: local part at most 64 octets, domain at most 255.
  if (utf8Length(local) > 64) {
    throw new InputError(field, `The part before the @ in "${value}" is longer than 64 bytes, the limit of RFC 5321 4.5.3.1.1.`);
  }
  const domainOk =
    (domain.startsWith("[") && domain.endsWith("]")) || isAsciiHostName(domain) || /^[^\s.@]+(\.[^\s.@]+)+$/u.test(domain);
  if (!domainOk) {
    throw new InputError(field, `The domain "${domain}" in "${value}" is not a valid domain name.`);
  }
  return value;
}

export function validateUserName(user: string): string {
  assertWireSafe("authUser", "user name", user);
  if (user.trim() === "") throw new InputError("authUser", "The user name for authentication is empty.");
  return user;
}
