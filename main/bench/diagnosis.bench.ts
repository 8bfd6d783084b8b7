/**
 * npm run bench:diagnosis — how fast "no 220" becomes a named diagnosis.
 * Test host 127.0.0.2 (loopback range): port 25 drops SYNs (see filtered-port.ts: a full accept
 * queue, the documented equivalent of a firewall DROP rule), port 587 is a working SMTP fixture.
 * Measures Ehlo's time to the provisional verdict and to the final one, against swaks with its
 * default timeout on the same target. Prints; never fails the build.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import type { CheckEvent } from "../../shared/contract/events";
import { runCheck } from "../engine/session";
import { startScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { startFilteredPort } from "./filtered-port";
import { ms, summarize } from "./stats";

const HOST = "127.0.0.2";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECT_TIMEOUT_MS = 10_000;

if (process.getuid?.() !== 0) console.log("note: binding ports 25 and 587 needs root; run as root.");
const filtered = await startFilteredPort(HOST, 25);
const working = await startScriptedServer(smtpScript({}), { host: HOST, port: 587 });

const provisional: number[] = [];
const final: number[] = [];
let lastIds: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  let provisionalAt = NaN;
  const r = await runCheck(CheckRequestSchema.parse({ host: HOST, port: 25, tls: "none", alternativePorts: [465, 587, 2525], timeouts: { connectMs: CONNECT_TIMEOUT_MS } }), {
    onEvent: (e: CheckEvent) => {
      if (e.kind === "provisional" && Number.isNaN(provisionalAt)) provisionalAt = performance.now() - started;
    },
  });
  const finalEvent = r.events.find((e) => e.kind === "finding" && e.severity === "error");
  provisional.push(provisionalAt);
  final.push(finalEvent ? finalEvent.t : NaN);
  lastIds = r.findings.map((f) => `${f.id}${f.params.port !== undefined ? `:${f.params.port}` : ""}`);
}

let swaksMs = NaN;
let swaksSays = "swaks not installed";
if (spawnSync("swaks", ["--version"]).status === 0) {
  const t = performance.now();
  const s = spawnSync("swaks", ["--server", `${HOST}:25`, "--quit-after", "CONNECT"], { encoding: "utf8", timeout: 120_000 });
  swaksMs = performance.now() - t;
  swaksSays = (s.stdout + s.stderr).trim().split("\n").filter((l) => /\*\*\*|===/.test(l)).slice(-1)[0] ?? `exit ${s.status}`;
}
filtered.close();
await working.close();

const p = summarize(provisional);
const f = summarize(final);
console.log(`\nbench:diagnosis — ${HOST}:25 drops SYNs, ${HOST}:587 answers; connect timeout ${CONNECT_TIMEOUT_MS / 1000} s; ${RUNS} runs`);
console.log(`  provisional verdict ("25 looks filtered, 587 works"): median ${ms(p.median)} (target ≤ 3500 ms: ${p.median <= 3500 ? "met" : "NOT met"})`);
console.log(`  final diagnosis:                                       median ${ms(f.median)} (target ≤ ${CONNECT_TIMEOUT_MS + 500} ms: ${f.median <= CONNECT_TIMEOUT_MS + 500 ? "met" : "NOT met"})`);
console.log(`  findings: ${lastIds.join(", ")}`);
console.log(`  swaks (default timeout) to its verdict: ${ms(swaksMs)} — "${swaksSays}"`);
console.log(`  swaks / Ehlo provisional: ${(swaksMs / p.median).toFixed(1)}x; swaks / Ehlo final: ${(swaksMs / f.median).toFixed(1)}x`);
