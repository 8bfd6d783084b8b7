import type * as dns from "node:dns";
import type { FoundSetting, SourceContext, SourceOutput } from "./source-types";
import { empty, failed, found } from "./source-types";
import { cleanHost } from "./host-check";

/**
 * RFC 6186 3.1: `_submission._tcp.<domain>` names the STARTTLS submission service; RFC 8314 5.1
 * adds `_submissions._tcp.<domain>` for implicit TLS, which is preferred. A target of "." means
 * the service is decidedly not offered (RFC 2782). Records are ordered by priority, then weight.
 */
export function srvSource(kind: "submissions" | "submission") {
  return async (ctx: SourceContext): Promise<SourceOutput> => {
    const name = `_${kind}._tcp.${ctx.domain}`;
    let records: dns.SrvRecord[];
    try {
      records = await ctx.resolver.resolveSrv(name);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "ERROR";
      if (code === "ENODATA" || code === "ENOTFOUND") return empty(`${name}: no SRV record`);
      return failed(`${name}: DNS ${code}`);
    }
    if (records.length === 1 && (records[0]?.name === "" || records[0]?.name === ".")) {
      return empty(`${name}: "." — the domain says this service is not offered`);
    }
    records.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    const settings: FoundSetting[] = [];
    for (const r of records) {
      const host = cleanHost(r.name);
      if (!host || r.port < 1) continue;
      settings.push({
        host,
        port: r.port,
        tls: kind === "submissions" ? "implicit" : "starttls",
        detail: `${name} SRV ${r.priority} ${r.weight} ${r.port} ${host}`,
        plainHttp: false,
        notes: [],
      });
    }
    return found(`${name}: ${records.length} record(s)`, settings);
  };
}
