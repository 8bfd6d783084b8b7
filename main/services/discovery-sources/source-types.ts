import type * as dns from "node:dns";
import type { CandidateNote, DiscoverySource, SubmissionTls } from "../../../shared/contract/discovery";
import type { HttpFetcher } from "./http-fetch";

/** One submission setting as a source states it, before merging and probing. */
export interface FoundSetting {
  host: string;
  port: number;
  tls: SubmissionTls;
  detail: string;
  plainHttp: boolean;
  notes: CandidateNote[];
}

export interface SourceOutput {
  /** "timeout": every request of the source ran out of time before the source's budget did. */
  state: "found" | "empty" | "failed" | "skipped" | "timeout";
  detail: string;
  settings: FoundSetting[];
}

export interface SourceContext {
  domain: string;
  address: string | null;
  fetch: HttpFetcher;
  /** Asks the chosen DNS server, or the system's servers. */
  resolver: dns.promises.Resolver;
  /** This source's remaining budget, for each HTTP request. */
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

export type SourceRunner = (ctx: SourceContext) => Promise<SourceOutput>;

export const empty = (detail: string): SourceOutput => ({ state: "empty", detail, settings: [] });
export const failed = (detail: string): SourceOutput => ({ state: "failed", detail, settings: [] });
export const found = (detail: string, settings: FoundSetting[]): SourceOutput => (settings.length > 0 ? { state: "found", detail, settings } : empty(detail));

export type { DiscoverySource };
