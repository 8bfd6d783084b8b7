import type { MetaRow } from "./timeline";

/**
 * Which UI string a connection-fact row uses, and with which values (pure). One entry per row
 * kind in a Record, so a new kind fails to compile until it has words. Keys are relative to
 * `timeline.meta` in ui.json; values needing words of their own (the outcome) are named as keys.
 */
export interface MetaMessage {
  key: string;
  params: Record<string, string | number>;
  /** Params whose value is itself a UI string key, e.g. { outcome: "outcome.failed" }. */
  keyParams: Record<string, string>;
}

type MetaText = (params: MetaRow["params"]) => { key: string; keyParams?: Record<string, string> };

const META_TEXT: Record<MetaRow["kind"], MetaText> = {
  "session.start": (p) => ({ key: "session.start", keyParams: { tls: `tls.${String(p["tls"])}` } }),
  "dns.query": () => ({ key: "dns.query" }),
  "dns.answer": (p) => ({ key: p["count"] === 0 ? "dns.answerNone" : "dns.answer" }),
  "dns.error": () => ({ key: "dns.error" }),
  "tcp.connecting": () => ({ key: "tcp.connecting" }),
  "tcp.connected": () => ({ key: "tcp.connected" }),
  "tcp.error": () => ({ key: "tcp.error" }),
  "tls.start": (p) => ({ key: p["servername"] ? "tls.startSni" : "tls.start" }),
  "tls.established": (p) => ({ key: p["verified"] === "yes" ? "tls.verified" : "tls.unverified" }),
  "tls.error": () => ({ key: "tls.error" }),
  "port.probe": (p) => ({ key: p["banner"] ? "port.probeBanner" : "port.probe", keyParams: { state: `probe.${String(p["state"])}` } }),
  done: (p) => ({ key: "done", keyParams: { outcome: `outcome.${String(p["outcome"])}` } }),
};

export function metaMessage(row: MetaRow): MetaMessage {
  const { key, keyParams = {} } = META_TEXT[row.kind](row.params);
  return { key: `timeline.meta.${key}`, params: row.params, keyParams };
}
