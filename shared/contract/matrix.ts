import { z } from "zod";
import { DnsServerSchema, TimeoutsSchema } from "./check-request";
import { CheckResultSchema } from "./check-result";

/**
 * The host-by-stage matrix (`ehlo matrix`, `services.matrix.run`): many targets checked at once
 * with a bounded pool, each a full check, summarised as one row of stage verdicts.
 */

export const MATRIX_STAGES = ["dns", "connect", "greeting", "ehlo", "tls", "certificate", "auth", "rcpt"] as const;
export const MatrixStageSchema = z.enum(MATRIX_STAGES);
export type MatrixStage = z.infer<typeof MatrixStageSchema>;

export const STAGE_STATUSES = ["pass", "warn", "fail", "skip"] as const;
export const StageStatusSchema = z.enum(STAGE_STATUSES);
export type StageStatus = z.infer<typeof StageStatusSchema>;

/** "auto" (STARTTLS when offered) is what a sending MTA does on port 25, so MX rows use it. */
export const MATRIX_TLS = ["none", "starttls", "implicit", "auto"] as const;
export const MatrixTlsSchema = z.enum(MATRIX_TLS);
export type MatrixTls = z.infer<typeof MatrixTlsSchema>;

export const MAX_MATRIX_CONCURRENCY = 100;
export const MAX_MATRIX_PORTS = 32;

const port = z.number().int().min(1).max(65535);

/** A mail domain: every MX host and every address of each (RFC 5321 5.1). */
export const MatrixDomainSpecSchema = z.object({
  domain: z.string().min(1).max(255),
  mx: z.literal(true),
  /** The MX port is 25; other ports are for test setups. */
  ports: z.array(port).min(1).max(MAX_MATRIX_PORTS).default([25]),
});
/** One host: each port in each TLS mode that makes sense for it. */
export const MatrixHostSpecSchema = z.object({
  host: z.string().min(1).max(255),
  ports: z.array(port).min(1).max(MAX_MATRIX_PORTS),
});
export const MatrixSpecSchema = z.union([MatrixDomainSpecSchema, MatrixHostSpecSchema]);
export type MatrixSpec = z.infer<typeof MatrixSpecSchema>;
export type MatrixSpecInput = z.input<typeof MatrixSpecSchema>;

export const MatrixOptionsSchema = z.object({
  concurrency: z.number().int().min(1).max(MAX_MATRIX_CONCURRENCY).default(16),
  dnsServer: DnsServerSchema.optional(),
  timeouts: TimeoutsSchema.default({ dnsMs: 10_000, connectMs: 10_000, greetingMs: 30_000, commandMs: 30_000 }),
  helo: z.string().max(255).optional(),
  /** With `to`: MAIL FROM and RCPT TO are run (never DATA), and the rcpt stage is judged. */
  from: z.string().max(320).optional(),
  to: z.string().max(320).optional(),
  extraCaPem: z.string().max(1_000_000).optional(),
});
export type MatrixOptions = z.infer<typeof MatrixOptionsSchema>;
export type MatrixOptionsInput = z.input<typeof MatrixOptionsSchema>;

/** One target: where the check connects and how. */
export const MatrixTargetSchema = z.object({
  /** The MX host or the host asked for (the name certificates are checked against). */
  host: z.string(),
  /** The address this row is pinned to; null when the check resolves the host itself. */
  address: z.string().nullable(),
  port,
  tls: MatrixTlsSchema,
  /** MX preference, for domain rows. */
  preference: z.number().int().nullable(),
});
export type MatrixTarget = z.infer<typeof MatrixTargetSchema>;

export const StageCellSchema = z.object({
  status: StageStatusSchema,
  ms: z.number().nullable(),
  /** The finding id or short reason behind a warn/fail/skip. */
  detail: z.string().nullable(),
});
export type StageCell = z.infer<typeof StageCellSchema>;

export const StagesSchema = z.object(
  Object.fromEntries(MATRIX_STAGES.map((s) => [s, StageCellSchema])) as Record<MatrixStage, typeof StageCellSchema>,
);
export type Stages = Record<MatrixStage, StageCell>;

export const MatrixRowSchema = z.object({
  index: z.number().int().min(0),
  target: MatrixTargetSchema,
  stages: StagesSchema,
  /** The worst stage: fail, then warn, else pass. */
  verdict: z.enum(["pass", "warn", "fail"]),
  durationMs: z.number(),
  /** The full check behind the row, with its transcript and findings. */
  result: CheckResultSchema,
});
export type MatrixRow = z.infer<typeof MatrixRowSchema>;

export const MxHostSchema = z.object({
  host: z.string(),
  preference: z.number().int(),
  addresses: z.array(z.string()),
  /** Why the host has no address, when it has none (a DNS error code). */
  error: z.string().nullable(),
});

/** `ehlo matrix --json` prints exactly one of these. */
export const MatrixResultSchema = z.object({
  schema: z.literal("ehlo.matrix/1"),
  spec: MatrixSpecSchema,
  startedAt: z.string(),
  durationMs: z.number(),
  concurrency: z.number().int(),
  /** The most checks that ran at the same moment (never above `concurrency`). */
  peakConcurrency: z.number().int(),
  /** Domain rows: the MX hosts found, null for a host matrix. */
  mx: z.array(MxHostSchema).nullable(),
  /** Domain without MX: its own address was used (RFC 5321 5.1 implicit MX). */
  implicitMx: z.boolean(),
  rows: z.array(MatrixRowSchema),
  cancelled: z.boolean(),
});
export type MatrixResult = z.infer<typeof MatrixResultSchema>;
