import { z } from "zod";
import { FINDING_IDS } from "./findings";

/**
 * The live event stream of one check. Every event has `seq` (0, 1, 2 … in emission order) and
 * `t`, monotonic milliseconds since the session started. The transcript is data: formatting
 * (prefixes, colours, time formats) belongs to the views (architecture convention 5).
 */
export const PHASES = [
  "resolve",
  "connect",
  "greeting",
  "ehlo",
  "starttls",
  "tls",
  "auth",
  "mail",
  "rcpt",
  "data",
  "quit",
] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

const base = { seq: z.number().int().min(0), t: z.number().min(0) };

export const CertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  subjectAltNames: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  keyType: z.string(),
  keyBits: z.number().int().nullable(),
  fingerprint256: z.string(),
  serialNumber: z.string(),
  selfSigned: z.boolean(),
});
export type Certificate = z.infer<typeof CertificateSchema>;

export const TlsDetailsSchema = z.object({
  mode: z.enum(["starttls", "implicit"]),
  servername: z.string().nullable(),
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  /** Leaf first, then the chain as the server sent it. */
  chain: z.array(CertificateSchema),
  authorized: z.boolean(),
  /** OpenSSL's verification error code (e.g. CERT_HAS_EXPIRED) when not authorized. */
  verifyError: z.string().nullable(),
  verifyMessage: z.string().nullable(),
  /** Host name check against the leaf certificate (RFC 6125). */
  nameMatches: z.boolean(),
  /**
   * Which store vouched for the chain: "bundled" (Mozilla roots, plus any CA the user added),
   * "system" (only the operating system's store: a corporate or private CA), or null.
   */
  trustedBy: z.enum(["bundled", "system"]).nullable().default(null),
});
export type TlsDetails = z.infer<typeof TlsDetailsSchema>;

export const EventSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    kind: z.literal("session.start"),
    host: z.string(),
    port: z.number().int(),
    tls: z.string(),
  }),
  z.object({ ...base, kind: z.literal("phase"), phase: PhaseSchema, state: z.enum(["start", "end"]) }),
  z.object({
    ...base,
    kind: z.literal("dns.query"),
    name: z.string(),
    rrtype: z.enum(["A", "AAAA", "MX"]),
    server: z.string().nullable(),
  }),
  z.object({
    ...base,
    kind: z.literal("dns.answer"),
    name: z.string(),
    rrtype: z.enum(["A", "AAAA", "MX"]),
    /** For MX: "10 mx.example.com". */
    records: z.array(z.string()),
    ms: z.number(),
  }),
  z.object({
    ...base,
    kind: z.literal("dns.error"),
    name: z.string(),
    rrtype: z.enum(["A", "AAAA", "MX"]),
    code: z.string(),
    ms: z.number(),
  }),
  z.object({
    ...base,
    kind: z.literal("tcp.connecting"),
    address: z.string(),
    port: z.number().int(),
    family: z.enum(["IPv4", "IPv6"]),
  }),
  z.object({
    ...base,
    kind: z.literal("tcp.connected"),
    localAddress: z.string(),
    localPort: z.number().int(),
    remoteAddress: z.string(),
    remotePort: z.number().int(),
    ms: z.number(),
  }),
  z.object({
    ...base,
    kind: z.literal("tcp.error"),
    code: z.string(),
    message: z.string(),
  }),
  /** Progress while waiting, emitted every `progressIntervalMs`, so faces can show "waiting… 4 s". */
  z.object({ ...base, kind: z.literal("waiting"), phase: PhaseSchema, elapsedMs: z.number() }),
  z.object({
    ...base,
    kind: z.literal("send"),
    /** What went on the wire, with secrets replaced by <redacted>. No CRLF. */
    text: z.string(),
    /** The verb (EHLO, MAIL, AUTH …) or "AUTH-RESPONSE"/"DATA-BODY". */
    command: z.string(),
    tls: z.boolean(),
    redacted: z.boolean(),
  }),
  z.object({
    ...base,
    kind: z.literal("recv"),
    /** One reply line, non-printable bytes escaped as \xNN. */
    text: z.string(),
    code: z.number().int().nullable(),
    /** True for the last line of a reply ("250 " rather than "250-"). */
    final: z.boolean(),
    tls: z.boolean(),
    /** The line ended with a bare LF instead of CRLF (RFC 5321 2.3.8). */
    bareLf: z.boolean(),
    phase: PhaseSchema,
    /** The command this reply answers ("EHLO", "RCPT", "DATA-END" …), null for the greeting. */
    replyTo: z.string().nullable(),
  }),
  z.object({ ...base, kind: z.literal("tls.start"), servername: z.string().nullable() }),
  z.object({ ...base, kind: z.literal("tls.established"), details: TlsDetailsSchema, ms: z.number() }),
  z.object({ ...base, kind: z.literal("tls.error"), code: z.string(), message: z.string() }),
  z.object({
    ...base,
    kind: z.literal("note"),
    level: z.enum(["info", "warning", "error"]),
    /** Stable note code (e.g. "stray-data", "timeout", "closed"). */
    code: z.string(),
    text: z.string(),
  }),
  /** Another port of the same host, tried because this one gave no greeting. */
  z.object({
    ...base,
    kind: z.literal("port.probe"),
    port: z.number().int(),
    state: z.enum(["smtp", "tls-smtp", "not-smtp", "open-silent", "refused", "timeout", "unreachable", "closed"]),
    /** The greeting line, when one arrived. */
    banner: z.string().nullable(),
    ms: z.number(),
  }),
  /**
   * An early verdict while the main connection is still waiting (e.g. "25 looks filtered, 587
   * works" after 3 s); the finding that follows when the timeout expires makes it final.
   */
  z.object({
    ...base,
    kind: z.literal("provisional"),
    id: z.enum(FINDING_IDS),
    evidence: z.array(z.number().int()),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  z.object({
    ...base,
    kind: z.literal("finding"),
    id: z.enum(FINDING_IDS),
    severity: z.enum(["info", "warning", "error"]),
    evidence: z.array(z.number().int()),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  z.object({
    ...base,
    kind: z.literal("done"),
    outcome: z.enum(["ok", "warning", "failed", "cancelled"]),
  }),
]);

export type CheckEvent = z.infer<typeof EventSchema>;
export type EventKind = CheckEvent["kind"];
export type EventOf<K extends EventKind> = Extract<CheckEvent, { kind: K }>;
/** An event before the session stamps `seq` and `t` on it. */
export type EventDraft = CheckEvent extends infer E ? (E extends CheckEvent ? Omit<E, "seq" | "t"> : never) : never;

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
