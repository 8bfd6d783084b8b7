import type { CandidateNote, SubmissionTls } from "../../../shared/contract/discovery";
import { HttpFetchError } from "./http-fetch";
import { cleanHost, cleanPort } from "./host-check";
import type { FoundSetting, SourceContext, SourceOutput } from "./source-types";
import { failed, found } from "./source-types";
import { childText, childrenNamed, parseXml, XmlRefused, type XmlElement } from "./xml-reader";

/**
 * Thunderbird's autoconfig file (config-v1.1.xml): first the domain's own autoconfig host, then
 * its well-known location. Both are asked at once; the first URL's answer wins when both have
 * one. https only: a settings file read in clear could send the user's password anywhere.
 */
export function autoconfigUrls(domain: string): string[] {
  return [`https://autoconfig.${domain}/mail/config-v1.1.xml`, `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`];
}

export async function autoconfigSource(ctx: SourceContext): Promise<SourceOutput> {
  const pending = autoconfigUrls(ctx.domain).map((url) => fetchOne(ctx, url));
  // In URL order: a good answer from the first is used at once, without waiting for the second.
  const answers: SourceOutput[] = [];
  for (const p of pending) {
    const answer = await p;
    if (answer.state === "found") return answer;
    answers.push(answer);
  }
  const detail = answers.map((a) => a.detail).join("; ");
  return answers.every((a) => a.state === "timeout") ? { state: "timeout", detail, settings: [] } : failed(detail);
}

async function fetchOne(ctx: SourceContext, url: string): Promise<SourceOutput> {
  try {
    // A little under the source's budget, so that a hanging first URL still lets the second count.
    const res = await ctx.fetch({ url, method: "GET", timeoutMs: Math.max(100, ctx.timeoutMs - 250), maxBytes: ctx.maxBytes, signal: ctx.signal });
    // No redirects here: Thunderbird follows none for the file itself, and every hop is a risk.
    if (res.status !== 200) return failed(`${url}: HTTP ${res.status}`);
    const settings = parseAutoconfig(res.body, ctx, url);
    return found(url, settings);
  } catch (e) {
    if (e instanceof HttpFetchError && e.code === "timeout") return { state: "timeout", detail: `${url}: ${e.message}`, settings: [] };
    if (e instanceof HttpFetchError || e instanceof XmlRefused) return failed(`${url}: ${e.message}`);
    throw e;
  }
}

const SOCKET_TYPES: Record<string, SubmissionTls> = { SSL: "implicit", STARTTLS: "starttls", PLAIN: "none" };

/** The outgoingServer entries of type smtp, placeholders filled in (%EMAILDOMAIN% etc.). */
export function parseAutoconfig(xml: string, ctx: Pick<SourceContext, "domain" | "address">, url: string): FoundSetting[] {
  const root = parseXml(xml);
  if (root.name !== "clientConfig") throw new XmlRefused("malformed", `the root element is <${root.name}>, not <clientConfig>`);
  const settings: FoundSetting[] = [];
  for (const provider of childrenNamed(root, "emailProvider")) {
    for (const server of childrenNamed(provider, "outgoingServer")) {
      const setting = readServer(server, ctx, url);
      if (setting) settings.push(setting);
    }
  }
  return settings;
}

function readServer(server: XmlElement, ctx: Pick<SourceContext, "domain" | "address">, url: string): FoundSetting | null {
  if ((server.attributes.type ?? "smtp").toLowerCase() !== "smtp") return null;
  const host = cleanHost(fill(childText(server, "hostname") ?? "", ctx));
  const port = cleanPort(childText(server, "port"));
  const tls = SOCKET_TYPES[(childText(server, "socketType") ?? "").toUpperCase()];
  if (!host || !port || !tls) return null;
  const methods = childrenNamed(server, "authentication").map((a) => a.text.trim()).filter(Boolean);
  const notes: CandidateNote[] = methods.length > 0 ? [{ code: "authentication", text: `Authentication named by the file: ${methods.join(", ")}` }] : [];
  return { host, port, tls, detail: url, plainHttp: false, notes };
}

/** The placeholders of the autoconfig format. */
function fill(text: string, ctx: Pick<SourceContext, "domain" | "address">): string {
  const local = ctx.address ? ctx.address.slice(0, ctx.address.lastIndexOf("@")) : "";
  return text
    .replaceAll("%EMAILDOMAIN%", ctx.domain)
    .replaceAll("%EMAILADDRESS%", ctx.address ?? "")
    .replaceAll("%EMAILLOCALPART%", local);
}
