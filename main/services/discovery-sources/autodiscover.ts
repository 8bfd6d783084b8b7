import type { SubmissionTls } from "../../../shared/contract/discovery";
import { HttpFetchError, type HttpResponse } from "./http-fetch";
import { cleanHost, cleanPort } from "./host-check";
import type { FoundSetting, SourceContext, SourceOutput } from "./source-types";
import { failed, found } from "./source-types";
import { childNamed, childText, childrenNamed, parseXml, XmlRefused } from "./xml-reader";

/**
 * Microsoft Autodiscover, the "POX" (plain old XML) form Outlook has used since Exchange 2007:
 * POST the address to https://autodiscover.<domain>/autodiscover/autodiscover.xml and read the
 * SMTP <Protocol>. Redirects come as HTTP 302, as <Action>redirectUrl</Action>, or as
 * <Action>redirectAddr</Action> (start over with another address); at most MAX_REDIRECTS are
 * followed, all to https. When the https endpoint does not answer, the "HTTP redirect method" is
 * tried once: a GET on plain http whose only use is a redirect to https. Whatever is learned
 * after such a hop is marked plainHttp: anyone on the path could have chosen the server.
 */
export const MAX_REDIRECTS = 2;

const REQUEST_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
const RESPONSE_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

export function autodiscoverUrl(domain: string): string {
  return `https://autodiscover.${domain}/autodiscover/autodiscover.xml`;
}

export function autodiscoverRequestXml(address: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${REQUEST_NS}">
  <Request>
    <EMailAddress>${escapeXml(address)}</EMailAddress>
    <AcceptableResponseSchema>${RESPONSE_SCHEMA}</AcceptableResponseSchema>
  </Request>
</Autodiscover>
`;
}

export type AutodiscoverAnswer =
  | { kind: "settings"; servers: { host: string | null; port: number | null; tls: SubmissionTls }[] }
  | { kind: "redirectAddr"; address: string }
  | { kind: "redirectUrl"; url: string }
  | { kind: "error"; message: string };

export async function autodiscoverSource(ctx: SourceContext): Promise<SourceOutput> {
  if (!ctx.address) return { state: "skipped", detail: "Autodiscover needs a full e-mail address, not only a domain", settings: [] };
  let address = ctx.address;
  let url = autodiscoverUrl(ctx.domain);
  let plainHttp = false;
  let redirects = 0;
  let triedHttp = false;
  const trail: string[] = [url];
  const hop = (next: string, how: string): string | null => {
    redirects++;
    trail.push(`${how} → ${next}`);
    return redirects > MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects; stopped (${trail.join(", ")})` : null;
  };
  for (;;) {
    let res: HttpResponse | null = null;
    let problem = "";
    try {
      res = await ctx.fetch({ url, method: "POST", body: autodiscoverRequestXml(address), contentType: "text/xml; charset=utf-8", timeoutMs: ctx.timeoutMs, maxBytes: ctx.maxBytes, signal: ctx.signal });
    } catch (e) {
      if (!(e instanceof HttpFetchError)) throw e;
      problem = `${url}: ${e.message}`;
    }
    if (res && isRedirect(res.status)) {
      if (!res.location) return failed(`${url}: HTTP ${res.status} without a Location`);
      if (!res.location.startsWith("https://")) return failed(`${url}: redirect to a non-https URL refused (${res.location})`);
      const stop = hop(res.location, `HTTP ${res.status}`);
      if (stop) return failed(stop);
      url = res.location;
      continue;
    }
    if (res && res.status !== 200) problem = `${url}: HTTP ${res.status}`;
    if (!res || problem) {
      if (triedHttp || redirects > 0) return failed(problem);
      triedHttp = true;
      const location = await httpRedirect(ctx);
      if (!location) return failed(`${problem}; no redirect at http://autodiscover.${ctx.domain}/ either`);
      const stop = hop(location, "plain-HTTP redirect");
      if (stop) return failed(stop);
      plainHttp = true;
      url = location;
      continue;
    }
    let answer: AutodiscoverAnswer;
    try {
      answer = parseAutodiscover(res.body);
    } catch (e) {
      if (e instanceof XmlRefused) return failed(`${url}: ${e.message}`);
      throw e;
    }
    switch (answer.kind) {
      case "error":
        return failed(`${url}: Autodiscover error: ${answer.message}`);
      case "redirectUrl": {
        if (!answer.url.startsWith("https://")) return failed(`${url}: redirectUrl to a non-https URL refused (${answer.url})`);
        const stop = hop(answer.url, "redirectUrl");
        if (stop) return failed(stop);
        url = answer.url;
        continue;
      }
      case "redirectAddr": {
        const domain = cleanHost(answer.address.slice(answer.address.lastIndexOf("@") + 1));
        if (!answer.address.includes("@") || !domain) return failed(`${url}: redirectAddr to an invalid address`);
        const next = autodiscoverUrl(domain);
        const stop = hop(next, `redirectAddr ${answer.address}`);
        if (stop) return failed(stop);
        address = answer.address;
        url = next;
        continue;
      }
      case "settings": {
        const detail = trail.join(", ");
        const settings: FoundSetting[] = [];
        for (const s of answer.servers) {
          if (!s.host || !s.port) continue;
          settings.push({ host: s.host, port: s.port, tls: s.tls, detail, plainHttp, notes: [] });
        }
        return found(detail, settings);
      }
    }
  }
}

/** Microsoft's HTTP redirect method: only a redirect to https is any use. */
async function httpRedirect(ctx: SourceContext): Promise<string | null> {
  try {
    const res = await ctx.fetch({ url: `http://autodiscover.${ctx.domain}/autodiscover/autodiscover.xml`, method: "GET", allowPlainHttp: true, timeoutMs: ctx.timeoutMs, maxBytes: 16 * 1024, signal: ctx.signal });
    return isRedirect(res.status) && res.location?.startsWith("https://") ? res.location : null;
  } catch (e) {
    if (e instanceof HttpFetchError) return null;
    throw e;
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 307 || status === 308;
}

/** Reads an Autodiscover response document (the 2006a Outlook response schema). */
export function parseAutodiscover(xml: string): AutodiscoverAnswer {
  const root = parseXml(xml);
  if (root.name !== "Autodiscover") throw new XmlRefused("malformed", `the root element is <${root.name}>, not <Autodiscover>`);
  const response = childNamed(root, "Response");
  const error = childNamed(response, "Error") ?? childNamed(childNamed(response, "Account"), "Error");
  if (!response || error) return { kind: "error", message: childText(error, "Message") ?? childText(error, "ErrorCode") ?? "no Response element" };
  const account = childNamed(response, "Account");
  const action = (childText(account, "Action") ?? "settings").toLowerCase();
  if (action === "redirectaddr") return { kind: "redirectAddr", address: childText(account, "RedirectAddr") ?? "" };
  if (action === "redirecturl") return { kind: "redirectUrl", url: childText(account, "RedirectUrl") ?? "" };
  const servers = childrenNamed(account, "Protocol")
    .filter((p) => (childText(p, "Type") ?? "").toUpperCase() === "SMTP")
    .map((p) => {
      const port = cleanPort(childText(p, "Port"));
      return { host: cleanHost(childText(p, "Server") ?? ""), port, tls: tlsOf(childText(p, "Encryption"), childText(p, "SSL"), port) };
    });
  return { kind: "settings", servers };
}

/** <Encryption> (None, SSL, TLS, Auto) wins over the older <SSL> on/off, which defaults to on. */
function tlsOf(encryption: string | null, ssl: string | null, port: number | null): SubmissionTls {
  switch ((encryption ?? "").toLowerCase()) {
    case "none":
      return "none";
    case "ssl":
      return "implicit";
    case "tls":
      return "starttls";
    default:
      if ((ssl ?? "on").toLowerCase() === "off" && !encryption) return "none";
      // RFC 8314 3.3: 465 is the implicit-TLS port; elsewhere "SSL on" means STARTTLS.
      return port === 465 ? "implicit" : "starttls";
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}
