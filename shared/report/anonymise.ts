import type { CheckResult } from "../contract/check-result";
import { mapStrings } from "./map-strings";

/**
 * Anonymisation for reports shared outside the organisation: the same input always gets the same
 * placeholder within one report (so "user1" in MAIL FROM is "user1" in the finding too), and
 * the placeholders are visibly fake:
 *   mailbox local parts  alice@corp.example  → user1@corp.example   (the domain stays: it is the
 *                                                                   subject of the diagnosis)
 *   client IP addresses  203.0.113.7, 2001:db8::7 → client-ip-1, client-ip-2 (the local address
 *                        of `tcp.connected`, wherever it appears, e.g. in "Hello [203.0.113.7]")
 *   chosen host names    mail.corp.example → host1.invalid (RFC 2606 2: .invalid never resolves);
 *                        subdomains keep their first labels: mx.mail.corp.example → mx.host1.invalid
 */
export interface AnonymiseOptions {
  /** Replace mailbox local parts (default true). */
  mailboxes?: boolean;
  /** Replace the client's own IP addresses (default true). */
  clientAddresses?: boolean;
  /** Host names (or domains) to hide. */
  hosts?: string[];
}

export interface Anonymiser {
  text(text: string): string;
  /** `text` applied to every string inside `value`. */
  apply<T>(value: T): T;
  /** Original → placeholder, for tests and for a "what was hidden" note. Never exported. */
  placeholders(): Map<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// RFC 5321 4.1.2 Dot-string atoms (plus RFC 6531 UTF-8 letters), followed by "@" and a domain or
// an address literal. The look-behind keeps "a.b@c" whole instead of matching "b@c".
const LOCAL_CHARS = "A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\\p{L}\\p{N}";
const MAILBOX = new RegExp(`(?<![${LOCAL_CHARS}])([${LOCAL_CHARS}]+)@(?=[\\p{L}\\p{N}\\[])`, "gu");

/** The client addresses a result shows: `tcp.connected.localAddress`, with IPv4-mapped forms. */
export function clientAddresses(result: CheckResult): string[] {
  const found = new Set<string>();
  for (const event of result.events) {
    if (event.kind !== "tcp.connected" || event.localAddress === "") continue;
    found.add(event.localAddress);
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(event.localAddress);
    if (mapped?.[1]) found.add(mapped[1]);
  }
  return [...found];
}

function addressPattern(address: string): RegExp {
  const body = escapeRegExp(address);
  // Boundaries so 10.0.0.1 does not match inside 10.0.0.12 or 110.0.0.1, nor ::1 inside fe80::12.
  return address.includes(":")
    ? new RegExp(`(?<![0-9A-Fa-f:.])${body}(?![0-9A-Fa-f]|:[0-9A-Fa-f])`, "gi")
    : new RegExp(`(?<![0-9.])${body}(?![0-9]|\\.[0-9])`, "g");
}

function hostPattern(host: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9-])${escapeRegExp(host)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, "gi");
}

/**
 * Only names with a dot (or IP literals) are replaced: a single word such as "ok" or "mail"
 * would also hit field values like outcomes and phase names.
 */
function isQualified(host: string): boolean {
  return /[.:]/.test(host) && !/^[.:]|[.:]$/.test(host);
}

export function createAnonymiser(result: CheckResult, options: AnonymiseOptions = {}): Anonymiser {
  const placeholders = new Map<string, string>();
  const counters = { user: 0, ip: 0, host: 0 };
  const assign = (key: string, make: () => string): string => {
    const existing = placeholders.get(key);
    if (existing) return existing;
    const created = make();
    placeholders.set(key, created);
    return created;
  };

  const addressRules = (options.clientAddresses ?? true ? clientAddresses(result) : [])
    // Longest first, so an IPv4-mapped IPv6 address is replaced before its IPv4 part.
    .sort((a, b) => b.length - a.length)
    .map((address) => {
      const placeholder = assign(`ip:${address.toLowerCase()}`, () => `client-ip-${++counters.ip}`);
      return { pattern: addressPattern(address), placeholder };
    });
  const hostRules = [...new Set((options.hosts ?? []).map((h) => h.trim().replace(/\.$/, "").toLowerCase()).filter(isQualified))]
    .sort((a, b) => b.length - a.length)
    .map((host) => ({ pattern: hostPattern(host), placeholder: assign(`host:${host}`, () => `host${++counters.host}.invalid`) }));

  function text(input: string): string {
    let out = input;
    for (const rule of addressRules) out = out.replace(rule.pattern, rule.placeholder);
    if (options.mailboxes ?? true) {
      out = out.replace(MAILBOX, (_whole, local: string) => `${assign(`user:${local.toLowerCase()}`, () => `user${++counters.user}`)}@`);
    }
    for (const rule of hostRules) out = out.replace(rule.pattern, rule.placeholder);
    return out;
  }

  return {
    text,
    apply: (value) => mapStrings(value, text),
    placeholders: () => {
      const out = new Map<string, string>();
      for (const [key, value] of placeholders) out.set(key.slice(key.indexOf(":") + 1), value);
      return out;
    },
  };
}
