/**
 * A child process for the crash-safety test: saves runs to a history folder in a loop and prints
 * "saved <id>" after each save returns. The test kills it with SIGKILL at a random moment.
 * Usage: node --import tsx main/testing/history-writer.ts <history dir> <events per run>
 * Test-only code.
 */
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { openHistoryStore } from "../services/history-store";

const [dir, size] = process.argv.slice(2);
if (!dir) throw new Error("usage: history-writer.ts <dir> [events]");
const count = Number(size ?? "5000");

function bigResult(run: number): CheckResult {
  // Large enough (about 1 MB) that a write takes a while, so kills land in the middle of one.
  const events: CheckEvent[] = Array.from({ length: count }, (_, seq) => ({
    kind: "recv",
    seq,
    t: seq,
    text: `250-run ${run} line ${seq} ${"x".repeat(120)}`,
    code: 250,
    final: seq === count - 1,
    tls: false,
    bareLf: false,
    phase: "ehlo",
    replyTo: "EHLO",
  }));
  return {
    schema: "ehlo.check/1",
    target: { host: `run-${run}.ehlo.test`, port: 25, tls: "none", mx: false, address: "127.0.0.1" },
    startedAt: new Date().toISOString(),
    durationMs: count,
    events,
    tls: null,
    capabilities: [],
    findings: [{ id: "session.ok", severity: "info", evidence: [count - 1], params: {} }],
    outcome: "ok",
  };
}

const store = openHistoryStore({ dir });
for (let run = 0; ; run++) {
  const header = await store.save(bigResult(run));
  process.stdout.write(`saved ${header.id}\n`);
}
