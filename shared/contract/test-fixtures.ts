import { CheckResultSchema, type CheckResult, type Outcome } from "./check-result";
import type { DiscoverResult } from "./discovery";
import type { Finding } from "./findings";
import { MATRIX_STAGES, MatrixRowSchema, type MatrixRow, type MatrixTls, type StageCell, type Stages } from "./matrix";

/**
 * Small, schema-checked results for the view models' tests (tests only): what a check, a matrix
 * row or a discovery looks like after the contract's validation, without running one.
 */

export function checkResult(outcome: Outcome, findings: Finding[] = [], where: { host?: string; port?: number } = {}): CheckResult {
  return CheckResultSchema.parse({
    schema: "ehlo.check/1",
    target: { host: where.host ?? "mail.example.test", port: where.port ?? 587, tls: "starttls", mx: false, address: "192.0.2.10" },
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 120,
    events: [],
    tls: null,
    capabilities: [],
    findings,
    outcome,
  });
}

export const finding = (id: Finding["id"], severity: Finding["severity"] = "error", evidence: number[] = []): Finding => ({ id, severity, evidence, params: {} });

const pass: StageCell = { status: "pass", ms: 5, detail: null };

export function matrixRow(index: number, port: number, tls: MatrixTls, verdict: MatrixRow["verdict"], stages: Partial<Stages> = {}, result?: CheckResult): MatrixRow {
  const all = Object.fromEntries(MATRIX_STAGES.map((s) => [s, stages[s] ?? pass])) as Stages;
  return MatrixRowSchema.parse({
    index,
    target: { host: "mail.example.test", address: null, port, tls, preference: null },
    stages: all,
    verdict,
    durationMs: 40,
    result: result ?? checkResult(verdict === "fail" ? "failed" : verdict === "warn" ? "warning" : "ok", [], { port }),
  });
}

export function discoverResult(candidates: { host: string; port: number; tls: "implicit" | "starttls" | "none"; verified: boolean; trusted?: boolean }[]): DiscoverResult {
  return {
    schema: "ehlo.discover/1",
    target: "someone@example.test",
    address: "someone@example.test",
    domain: "example.test",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 300,
    sources: [],
    candidates: candidates.map((c, i) => ({
      rank: i + 1,
      host: c.host,
      port: c.port,
      tls: c.tls,
      source: "autoconfig",
      sourceDetail: "https://autoconfig.example.test/mail/config-v1.1.xml",
      origins: [{ source: "autoconfig", detail: "https://autoconfig.example.test/mail/config-v1.1.xml", plainHttp: false }],
      verified: c.verified,
      probe: null,
      credentialsWithoutConfirmation: c.trusted ?? c.verified,
      notes: [],
    })),
    cancelled: false,
  };
}
