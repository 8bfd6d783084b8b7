import { z } from "zod";

/**
 * A check request, as every face (CLI, loopback host, Electron IPC) sends it to
 * `services.checks.start`. Validated at the edge before any socket work.
 * The password is deliberately NOT part of this schema: it travels separately
 * (see `CheckSecrets`) so that a request can be logged, saved or echoed safely.
 */
export const TLS_MODES = ["auto", "starttls", "implicit", "none"] as const;
export const AUTH_MECHANISMS = ["PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"] as const;
export const ADDRESS_FAMILIES = ["auto", "ipv4", "ipv6"] as const;

export const TlsModeSchema = z.enum(TLS_MODES);
export const AuthMechanismSchema = z.enum(AUTH_MECHANISMS);
export type TlsMode = z.infer<typeof TlsModeSchema>;
export type AuthMechanism = z.infer<typeof AuthMechanismSchema>;

const ms = (max: number) => z.number().int().min(100).max(max);

export const TimeoutsSchema = z.object({
  dnsMs: ms(120_000).default(10_000),
  connectMs: ms(300_000).default(10_000),
  // RFC 5321 4.5.3.2.1 allows servers 5 minutes for the greeting; 30 s is our impatient default.
  greetingMs: ms(600_000).default(30_000),
  commandMs: ms(600_000).default(30_000),
});
export type Timeouts = z.infer<typeof TimeoutsSchema>;

export const DnsServerSchema = z.object({
  address: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(53),
});

export const CheckRequestSchema = z.object({
  /** Host name, IDN, IPv4 or IPv6 literal (without brackets), or a mail domain with `mx`. */
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).optional(),
  /**
   * Connect to this IP address instead of resolving `host`, which still names SNI and the
   * certificate check: how the matrix tests every address of one MX host.
   */
  connectAddress: z.string().max(64).optional(),
  /** Treat `host` as a mail domain and connect to its best MX (RFC 5321 5.1). */
  mx: z.boolean().default(false),
  family: z.enum(ADDRESS_FAMILIES).default("auto"),
  dnsServer: DnsServerSchema.optional(),
  tls: TlsModeSchema.default("auto"),
  /** Name sent in EHLO/HELO; defaults to a name derived from the machine. */
  helo: z.string().max(255).optional(),
  from: z.string().max(320).optional(),
  to: z.array(z.string().max(320)).max(100).default([]),
  auth: z
    .object({
      user: z.string().min(1).max(512),
      mechanism: AuthMechanismSchema.optional(),
    })
    .optional(),
  /** Explicit permission to send credentials over plain text or an unverified TLS channel. */
  allowInsecureAuth: z.boolean().default(false),
  /** Run DATA with a small labelled test message after RCPT. */
  send: z.boolean().default(false),
  timeouts: TimeoutsSchema.default({ dnsMs: 10_000, connectMs: 10_000, greetingMs: 30_000, commandMs: 30_000 }),
  /** Extra trusted roots in PEM (a private CA). Added to, never replacing, the default roots. */
  extraCaPem: z.string().max(1_000_000).optional(),
  /**
   * Other ports of the same host to probe when this one gives no greeting (submission ports:
   * RFC 6409 587, RFC 8314 465, 25, and 2525 that many providers open as a fallback). Empty: off.
   */
  alternativePorts: z.array(z.number().int().min(1).max(65535)).max(10).default([25, 465, 587, 2525]),
  /** Interval of the "still waiting" progress events. */
  progressIntervalMs: z.number().int().min(50).max(60_000).default(1000),
});
export type CheckRequest = z.infer<typeof CheckRequestSchema>;
export type CheckRequestInput = z.input<typeof CheckRequestSchema>;

/** Secrets travel beside the request, never inside it, and never leave main in clear. */
export interface CheckSecrets {
  password?: string;
  /** OAuth 2 bearer token for XOAUTH2. */
  token?: string;
}
