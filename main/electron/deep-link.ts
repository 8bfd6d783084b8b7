import { CheckRequestSchema, TLS_MODES, type CheckRequestInput, type TlsMode } from "../../shared/contract/check-request";
import { CheckPrefillSchema, type CheckPrefill } from "../../shared/contract/desktop";
import { InputError } from "../../shared/smtp/input-error";
import { validateCheckInput } from "../../shared/smtp/validate-request";
import { validatePort } from "../../shared/smtp/validate";

/**
 * `ehlo://check?host=…&port=…&tls=…&helo=…&from=…&to=…` links (a helpdesk article or ticket can
 * carry one). A link is input from anyone who can put a link in front of the user, so it is
 * validated like any other input (the contract schema, then the same validators as the form),
 * and its only power is to fill in the form: the user reads it and starts the check.
 */

export const DEEP_LINK_SCHEME = "ehlo";
/** Far beyond any honest link (a host, a port and a few addresses); refused before parsing. */
export const MAX_DEEP_LINK_LENGTH = 2048;
const ACTION = "check";
const SINGLE = ["host", "port", "tls", "helo", "from"] as const;
type Single = (typeof SINGLE)[number];
const PARAMETERS: readonly string[] = [...SINGLE, "to"];

export type DeepLinkResult = { ok: true; prefill: CheckPrefill } | { ok: false; reason: string };

/** C0 and C1 controls, DEL, and the invisible bidi marks that can make a value read differently than it is. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const refuse = (reason: string): DeepLinkResult => ({ ok: false, reason });
const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Whether an argument or URL is meant as an Ehlo link at all (the scheme, any case). */
export function looksLikeDeepLink(text: string): boolean {
  return text.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`;
}

/**
 * Query pairs, percent-decoded. `+` stays a plus (unlike form encoding): it is common in mail
 * addresses (me+tag@example.com) and never means a space in a host or a mailbox.
 */
function queryPairs(query: string): [string, string][] | string {
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const [rawKey, rawValue] = eq === -1 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    try {
      pairs.push([decodeURIComponent(rawKey), decodeURIComponent(rawValue)]);
    } catch {
      return `the parameter "${shown(rawKey)}" has a broken %-escape`;
    }
  }
  return pairs;
}

export function parseDeepLink(link: string): DeepLinkResult {
  if (link.length > MAX_DEEP_LINK_LENGTH) return refuse(`the link is too long (${link.length} characters; at most ${MAX_DEEP_LINK_LENGTH})`);
  // Before URL parsing: the WHATWG parser silently drops tabs and line breaks, which would hide them.
  if (HIDDEN.test(link)) return refuse("the link contains control or invisible characters");
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refuse("it is not a valid link");
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`it is not an ${DEEP_LINK_SCHEME}:// link`);
  if (url.username !== "" || url.password !== "" || url.port !== "") return refuse("the link carries a user name, password or port before the action");
  if (url.hostname.toLowerCase() !== ACTION || (url.pathname !== "" && url.pathname !== "/")) {
    return refuse(`unknown action "${shown(`${url.hostname}${url.pathname}`)}": the only one is ${DEEP_LINK_SCHEME}://${ACTION}?host=…`);
  }
  if (url.hash !== "") return refuse("the link has a #fragment, which Ehlo links never use");

  const pairs = queryPairs(url.search.slice(1));
  if (typeof pairs === "string") return refuse(pairs);
  const single: Partial<Record<Single, string>> = {};
  const to: string[] = [];
  for (const [key, value] of pairs) {
    if (!PARAMETERS.includes(key)) return refuse(`unknown parameter "${shown(key)}" (a link may set ${PARAMETERS.join(", ")})`);
    if (HIDDEN.test(value)) return refuse(`the ${key} parameter contains control or invisible characters`);
    if (key === "to") {
      if (value !== "") to.push(value);
      continue;
    }
    const name = key as Single;
    if (single[name] !== undefined) return refuse(`the ${key} parameter appears more than once`);
    single[name] = value;
  }
  if (single.host === undefined || single.host === "") return refuse("the link names no host (host=…)");

  try {
    const request: CheckRequestInput = { host: single.host, to };
    if (single.port) request.port = validatePort(single.port);
    if (single.tls) {
      if (!(TLS_MODES as readonly string[]).includes(single.tls)) return refuse(`tls must be one of ${TLS_MODES.join(", ")}`);
      request.tls = single.tls as TlsMode;
    }
    if (single.helo) request.helo = single.helo;
    if (single.from) request.from = single.from;
    // The contract schema (lengths, counts, types), then the form's own validators (CR/LF/NUL,
    // host, HELO and mailbox syntax): a link passes exactly what the form would pass.
    const parsed = CheckRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(`${issue?.path.join(".") || "request"}: ${issue?.message ?? "invalid"}`);
    }
    const clean = validateCheckInput(parsed.data);
    const prefill: CheckPrefill = { host: clean.host };
    if (request.port !== undefined) prefill.port = request.port;
    if (request.tls !== undefined) prefill.tls = request.tls;
    if (clean.helo !== undefined) prefill.helo = clean.helo;
    if (clean.from !== undefined) prefill.from = clean.from;
    if (clean.to.length > 0) prefill.to = clean.to;
    return { ok: true, prefill: CheckPrefillSchema.parse(prefill) };
  } catch (error) {
    if (error instanceof InputError) return refuse(error.message);
    throw error;
  }
}
