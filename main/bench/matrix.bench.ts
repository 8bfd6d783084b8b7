/**
 * npm run bench:matrix — 1,000 matrix targets on loopback fixtures at concurrency 100.
 * A mix like a real sweep: fast STARTTLS, plain and implicit-TLS servers, servers slow to greet,
 * and silent ones that cost a full greeting timeout. Prints, side by side in one run: total wall
 * time, the slowest single session, total / slowest (target ≤ 3: the pool keeps every slot busy
 * while slow targets wait), and peak RSS (target ≤ 300 MB). Never fails the build.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { MatrixTls } from "../../shared/contract/matrix";
import type { PlannedRow } from "../services/matrix-plan";
import { runRows } from "../services/matrix";
import type { FixtureKind } from "./matrix-fixtures";
import { ms, peakRss, summarize } from "./stats";

const TARGETS = Number(process.env.BENCH_TARGETS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
/** Rows each fixture kind gives: the TLS modes a matrix would try on it. */
const MODES: Record<FixtureKind, MatrixTls[]> = { starttls: ["none", "starttls"], plain: ["none", "starttls"], implicit: ["implicit"], slow: ["starttls"], silent: ["none"] };
const ROWS_PER_HOST = Object.values(MODES).reduce((n, m) => n + m.length, 0);
const HOSTS = Math.ceil(TARGETS / ROWS_PER_HOST);
const timeouts = { dnsMs: 2000, connectMs: 3000, greetingMs: 3000, commandMs: 5000 };

const fixturesFile = fileURLToPath(new URL("./matrix-fixtures.ts", import.meta.url));
const child = spawn(process.execPath, ["--import", "tsx", fixturesFile, String(HOSTS)], { stdio: ["pipe", "pipe", "inherit"] });
const first = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", resolve);
  child.once("exit", (code) => reject(new Error(`fixture process exited (${code})`)));
});
const { caPem, servers } = JSON.parse(first) as { caPem: string; servers: { host: string; port: number; kind: FixtureKind }[] };

// Row order as a matrix would build it: host by host, each host's servers and modes in turn.
const planned: (PlannedRow & { kind: FixtureKind })[] = [];
for (const s of servers) {
  for (const tls of MODES[s.kind]) {
    const request: CheckRequestInput = { host: s.host, port: s.port, tls, timeouts, extraCaPem: caPem, alternativePorts: [], progressIntervalMs: 60_000 };
    planned.push({ target: { host: s.host, address: null, port: s.port, tls, preference: null }, request, pinned: false, dnsMs: null, kind: s.kind });
  }
}
planned.length = Math.min(planned.length, TARGETS);

const cpuBefore = process.cpuUsage();
const { value, peakMiB, baseMiB } = await peakRss(async () => {
  const started = performance.now();
  const out = await runRows(planned, { concurrency: CONCURRENCY, rcpt: false, mx: false });
  return { ...out, wall: performance.now() - started };
});
const cpu = process.cpuUsage(cpuBefore);
child.stdin?.end();

const durations = value.rows.map((r) => r.durationMs);
const slowest = Math.max(...durations);
const sum = durations.reduce((a, b) => a + b, 0);
const ideal = Math.max(slowest, sum / CONCURRENCY);
const ratio = value.wall / slowest;
const byKind = new Map<string, { n: number; verdicts: Map<string, number>; ms: number[] }>();
for (const row of value.rows) {
  const key = `${planned[row.index]?.kind} ${row.target.tls}`;
  const entry = byKind.get(key) ?? { n: 0, verdicts: new Map<string, number>(), ms: [] as number[] };
  entry.n++;
  entry.ms.push(row.durationMs);
  entry.verdicts.set(row.verdict, (entry.verdicts.get(row.verdict) ?? 0) + 1);
  byKind.set(key, entry);
}

console.log(`\nbench:matrix — ${value.rows.length} targets (${servers.length} fixture servers on ${HOSTS} loopback addresses, in a child process), concurrency ${CONCURRENCY}`);
for (const [kind, e] of byKind) {
  const s = summarize(e.ms);
  console.log(`  ${kind.padEnd(18)} ${String(e.n).padStart(4)} rows  median ${ms(s.median).padStart(11)}  max ${ms(s.max).padStart(11)}  ${[...e.verdicts].map(([v, n]) => `${v} ${n}`).join(", ")}`);
}
console.log(`\n  total wall time           ${ms(value.wall)}`);
console.log(`  slowest single session    ${ms(slowest)}`);
console.log(`  total / slowest           ${ratio.toFixed(2)} (target ≤ 3: ${ratio <= 3 ? "met" : "NOT met"})`);
console.log(`  lower bound max(slowest, Σ sessions / ${CONCURRENCY}) ${ms(ideal)}; total / bound ${(value.wall / ideal).toFixed(2)}`);
console.log(`  CPU of this process       ${ms((cpu.user + cpu.system) / 1000)} (${((cpu.user + cpu.system) / 1000 / value.rows.length).toFixed(2)} ms per session; fixtures run in a child)`);
console.log(`  peak concurrency          ${value.peak} (limit ${CONCURRENCY})`);
console.log(`  peak RSS                  ${peakMiB.toFixed(1)} MiB (from ${baseMiB.toFixed(1)} MiB; target ≤ 300 MB: ${peakMiB * 1.048576 <= 300 ? "met" : "NOT met"})`);
process.exit(0);
