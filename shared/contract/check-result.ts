import { z } from "zod";
import { EventSchema, TlsDetailsSchema } from "./events";
import { FINDING_IDS } from "./findings";

export const OUTCOMES = ["ok", "warning", "failed", "cancelled"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FindingSchema = z.object({
  id: z.enum(FINDING_IDS),
  severity: z.enum(["info", "warning", "error"]),
  evidence: z.array(z.number().int()),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** `ehlo check --json` prints exactly one of these. */
export const CheckResultSchema = z.object({
  schema: z.literal("ehlo.check/1"),
  target: z.object({
    host: z.string(),
    port: z.number().int(),
    tls: z.string(),
    mx: z.boolean(),
    /** The address actually connected to, when a connection was made. */
    address: z.string().nullable(),
  }),
  startedAt: z.string(),
  durationMs: z.number(),
  events: z.array(EventSchema),
  tls: TlsDetailsSchema.nullable(),
  capabilities: z.array(z.string()),
  findings: z.array(FindingSchema),
  outcome: z.enum(OUTCOMES),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;
