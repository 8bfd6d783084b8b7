import type * as dns from "node:dns";
import type { SubmissionTls } from "../../../shared/contract/discovery";
import table from "./mx-providers.json";
import type { FoundSetting, SourceContext, SourceOutput } from "./source-types";
import { empty, failed, found } from "./source-types";

export interface MxProvider {
  id: string;
  name: string;
  mxSuffixes: string[];
  submission: { host: string; port: number; tls: SubmissionTls }[];
}

export const MX_PROVIDERS: readonly MxProvider[] = table.providers as MxProvider[];

/** The provider whose MX suffix matches `mxHost` (the name itself or a name under it). */
export function providerForMx(mxHost: string, providers: readonly MxProvider[] = MX_PROVIDERS): MxProvider | null {
  const host = mxHost.toLowerCase().replace(/\.$/, "");
  return providers.find((p) => p.mxSuffixes.some((s) => host === s || host.endsWith(`.${s}`))) ?? null;
}

/**
 * Many domains are hosted by a big provider whose submission servers are well known: the MX
 * names the provider, the provider's documented settings do the rest. The settings come from
 * our own table, never from DNS, so a forged MX can at most point to another known provider.
 */
export async function mxProviderSource(ctx: SourceContext): Promise<SourceOutput> {
  let records: dns.MxRecord[];
  try {
    records = await ctx.resolver.resolveMx(ctx.domain);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "ERROR";
    if (code === "ENODATA" || code === "ENOTFOUND") return empty(`${ctx.domain}: no MX record`);
    return failed(`${ctx.domain} MX: DNS ${code}`);
  }
  records.sort((a, b) => a.priority - b.priority);
  const settings: FoundSetting[] = [];
  const seen = new Set<string>();
  for (const mx of records) {
    const provider = providerForMx(mx.exchange);
    if (!provider || seen.has(provider.id)) continue;
    seen.add(provider.id);
    for (const s of provider.submission) {
      settings.push({ ...s, detail: `MX ${mx.exchange} → ${provider.name}`, plainHttp: false, notes: [{ code: "provider", text: `Hosted by ${provider.name}` }] });
    }
  }
  return found(`${ctx.domain} MX: ${records.map((r) => r.exchange).join(", ") || "none"}`, settings);
}
