import { z } from "zod";
import { DnsServerSchema } from "./check-request";
import { OUTCOMES } from "./check-result";

/**
 * Settings discovery (`ehlo discover`, `services.discovery.discover`): from an e-mail address or
 * a mail domain to ranked submission settings, each proved (or not) by a probe that never sends
 * credentials. Declared once here; every face speaks these shapes.
 */

/** Where a candidate came from, most confident first (the order breaks ranking ties). */
export const DISCOVERY_SOURCES = ["srv-submissions", "srv-submission", "autoconfig", "autodiscover", "mx-provider", "guess"] as const;
export const DiscoverySourceSchema = z.enum(DISCOVERY_SOURCES);
export type DiscoverySource = z.infer<typeof DiscoverySourceSchema>;

/** How a mail program talks to the server: RFC 8314 implicit TLS, RFC 3207 STARTTLS, or plain. */
export const SUBMISSION_TLS = ["implicit", "starttls", "none"] as const;
export const SubmissionTlsSchema = z.enum(SUBMISSION_TLS);
export type SubmissionTls = z.infer<typeof SubmissionTlsSchema>;

const ms = (max: number) => z.number().int().min(100).max(max);

export const DiscoveryTimeoutsSchema = z.object({
  /** Each source's whole budget (DNS, HTTPS with its redirects): a slow one never holds up the others. */
  sourceMs: ms(120_000).default(8_000),
  dnsMs: ms(120_000).default(5_000),
  connectMs: ms(300_000).default(8_000),
  greetingMs: ms(600_000).default(10_000),
  commandMs: ms(600_000).default(10_000),
});
export type DiscoveryTimeouts = z.infer<typeof DiscoveryTimeoutsSchema>;

export const DiscoverRequestSchema = z.object({
  /** `someone@example.com` or `example.com`. Autodiscover needs the full address. */
  target: z.string().min(1).max(320),
  dnsServer: DnsServerSchema.optional(),
  timeouts: DiscoveryTimeoutsSchema.default({ sourceMs: 8_000, dnsMs: 5_000, connectMs: 8_000, greetingMs: 10_000, commandMs: 10_000 }),
  /** How many candidates are probed at once. */
  probeConcurrency: z.number().int().min(1).max(32).default(8),
  /** Extra trusted roots in PEM (a private CA), for the HTTPS sources and the probes' TLS. */
  extraCaPem: z.string().max(1_000_000).optional(),
});
export type DiscoverRequest = z.infer<typeof DiscoverRequestSchema>;
export type DiscoverRequestInput = z.input<typeof DiscoverRequestSchema>;

export const SOURCE_STATES = ["found", "empty", "failed", "timeout", "skipped"] as const;

/** What one source did: found candidates, found nothing, failed (and why), or ran out of time. */
export const SourceReportSchema = z.object({
  source: DiscoverySourceSchema,
  state: z.enum(SOURCE_STATES),
  ms: z.number(),
  /** The URL or DNS name asked, and the reason when it failed (e.g. "HTTP 404", "has a DTD: refused"). */
  detail: z.string(),
  candidates: z.number().int().min(0),
});
export type SourceReport = z.infer<typeof SourceReportSchema>;

/** One place a candidate was learned. */
export const CandidateOriginSchema = z.object({
  source: DiscoverySourceSchema,
  /** The SRV name, the URL, the MX host and provider, or the guess rule. */
  detail: z.string(),
  /** Learned through a plain-HTTP step (Autodiscover's HTTP redirect): anyone on the path could have changed it. */
  plainHttp: z.boolean(),
});
export type CandidateOrigin = z.infer<typeof CandidateOriginSchema>;

/** What the probe saw: greeting, TLS and the AUTH mechanisms offered (after TLS where TLS is used). */
export const CandidateProbeSchema = z.object({
  outcome: z.enum(OUTCOMES),
  address: z.string().nullable(),
  greeting: z.string().nullable(),
  tls: z
    .object({
      protocol: z.string().nullable(),
      authorized: z.boolean(),
      nameMatches: z.boolean(),
      verifyError: z.string().nullable(),
    })
    .nullable(),
  startTlsOffered: z.boolean(),
  auth: z.array(z.string()),
  /** Ids of the warnings and errors the probe found (e.g. "tcp.refused", "tls.cert-untrusted"). */
  findings: z.array(z.string()),
  ms: z.number(),
});
export type CandidateProbe = z.infer<typeof CandidateProbeSchema>;

/** Stable note codes, so views can translate them; `text` is the English wording. */
export const CANDIDATE_NOTES = [
  "relay-port",
  "plain-text",
  "plain-http",
  "srv-unauthenticated",
  "guessed",
  "provider",
  "authentication",
  "cert-untrusted",
  "cert-name-mismatch",
  "no-auth-offered",
  "unverified",
] as const;
export const CandidateNoteSchema = z.object({ code: z.enum(CANDIDATE_NOTES), text: z.string() });
export type CandidateNote = z.infer<typeof CandidateNoteSchema>;

export const CandidateSchema = z.object({
  /** 1 is the best setting to use. */
  rank: z.number().int().min(1),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  tls: SubmissionTlsSchema,
  /** The most confident source that named this setting. */
  source: DiscoverySourceSchema,
  sourceDetail: z.string(),
  /** Every source that named it, most confident first. */
  origins: z.array(CandidateOriginSchema),
  /** The probe reached a greeting and EHLO with the stated TLS. */
  verified: z.boolean(),
  probe: CandidateProbeSchema.nullable(),
  /**
   * A mail program may use this setting with the user's password without asking first. False for
   * anything learned only from SRV (unsigned DNS can point anywhere, RFC 6186 6), over plain HTTP,
   * or guessed; and for plain text or a certificate that did not verify.
   */
  credentialsWithoutConfirmation: z.boolean(),
  notes: z.array(CandidateNoteSchema),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/** `ehlo discover --json` prints exactly one of these. */
export const DiscoverResultSchema = z.object({
  schema: z.literal("ehlo.discover/1"),
  target: z.string(),
  /** The e-mail address, when one was given. */
  address: z.string().nullable(),
  /** The mail domain, in A-label form. */
  domain: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  sources: z.array(SourceReportSchema),
  candidates: z.array(CandidateSchema),
  cancelled: z.boolean(),
});
export type DiscoverResult = z.infer<typeof DiscoverResultSchema>;
