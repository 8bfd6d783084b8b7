/**
 * npm run bench:engine — Ehlo's engine against the floor and swaks on the local Postfix.
 * Prints medians and ratios measured side by side in one run (interleaved, so machine noise hits
 * all three alike); never fails the build.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { runCheck } from "../engine/session";
import { POSTFIX, postfixAvailable, postfixCaPem } from "../testing/postfix";
import { floorSession } from "./floor-session";
import { ms, peakRss, summarize } from "./stats";

const N = Number(process.env.BENCH_N ?? 200);
const host = POSTFIX.host;
const port = POSTFIX.ports.smtp;

const status = await postfixAvailable();
if (!status.ok) {
  console.log(`bench:engine: the test Postfix is not running (${status.reason}).`);
  process.exit(0);
}
const ca = postfixCaPem();
const request = CheckRequestSchema.parse({ host, port, tls: "starttls", helo: "bench.ehlo.test", extraCaPem: ca, progressIntervalMs: 60_000 });

async function engineOnce(): Promise<number> {
  const t = performance.now();
  const r = await runCheck(request);
  if (r.outcome !== "ok") throw new Error(`engine run not ok: ${r.findings.map((f) => f.id).join(", ")}`);
  return performance.now() - t;
}
async function floorOnce(): Promise<number> {
  const t = performance.now();
  await floorSession(host, port, ca, POSTFIX.serverName);
  return performance.now() - t;
}
const hasSwaks = spawnSync("swaks", ["--version"], { encoding: "utf8" }).status === 0;
function swaksOnce(): number {
  const t = performance.now();
  const r = spawnSync("swaks", ["--server", `${host}:${port}`, "--tls", "--quit-after", "EHLO", "--helo", "bench.ehlo.test", "--silent", "2"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`swaks failed: ${r.stderr || r.stdout}`);
  return performance.now() - t;
}

// Warm up both paths (JIT, Postfix's smtpd processes, TLS session machinery).
for (let i = 0; i < 10; i++) {
  await engineOnce();
  await floorOnce();
}

const engine: number[] = [];
const floor: number[] = [];
const swaks: number[] = [];
for (let i = 0; i < N; i++) {
  // Alternate the order so neither path always runs right after the other.
  if (i % 2 === 0) {
    engine.push(await engineOnce());
    floor.push(await floorOnce());
  } else {
    floor.push(await floorOnce());
    engine.push(await engineOnce());
  }
  if (hasSwaks) swaks.push(swaksOnce());
}

const e = summarize(engine);
const f = summarize(floor);
console.log(`\nbench:engine — ${N} sequential sessions of EHLO, STARTTLS, EHLO, QUIT against Postfix on ${host}:${port}`);
console.log(`  (a) Ehlo engine          median ${ms(e.median)}  p95 ${ms(e.p95)}`);
console.log(`  (b) floor (bare net/tls) median ${ms(f.median)}  p95 ${ms(f.p95)}`);
if (hasSwaks) {
  const s = summarize(swaks);
  console.log(`  (c) swaks (whole process) median ${ms(s.median)}  p95 ${ms(s.p95)}`);
  console.log(`  swaks / engine median: ${(s.median / e.median).toFixed(2)}x`);
} else {
  console.log("  (c) swaks: not installed (apt-get install swaks)");
}
const ratio = e.median / f.median;
console.log(`  engine / floor median: ${ratio.toFixed(3)}x (target ≤ 1.15x: ${ratio <= 1.15 ? "met" : "NOT met"})`);
console.log(`  engine / floor p95:    ${(e.p95 / f.p95).toFixed(3)}x`);

const C = Number(process.env.BENCH_CONCURRENT ?? 200);
const { value: wall, peakMiB, baseMiB } = await peakRss(async () => {
  const t = performance.now();
  const results = await Promise.all(Array.from({ length: C }, () => runCheck(request)));
  const failed = results.filter((r) => r.outcome !== "ok").length;
  if (failed > 0) console.log(`  note: ${failed} of ${C} concurrent sessions did not end ok (${[...new Set(results.flatMap((r) => r.findings.map((x) => x.id)))].join(", ")})`);
  return performance.now() - t;
});
console.log(`\n  ${C} concurrent engine sessions: wall ${ms(wall)}; RSS peak ${peakMiB.toFixed(1)} MiB (from ${baseMiB.toFixed(1)} MiB)`);
