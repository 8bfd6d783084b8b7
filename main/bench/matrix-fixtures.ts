/**
 * The matrix benchmark's SMTP fixtures, in a process of their own so the benchmark's RSS and CPU
 * are Ehlo's alone. Starts FIXTURE_KINDS on each of HOSTS loopback addresses, prints one JSON line
 * `{ caPem, servers: [{ host, port, kind }] }`, and runs until its standard input closes.
 */
import { createTestCa, issueCert } from "../testing/certs";
import { reply, silent, wait } from "../testing/scripted-server";
import { startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { GREETING, smtpScript } from "../testing/smtp-script";

export const FIXTURE_KINDS = ["starttls", "plain", "implicit", "slow", "silent"] as const;
export type FixtureKind = (typeof FIXTURE_KINDS)[number];
export const SLOW_GREETING_MS = 1500;

const count = Number(process.argv[2] ?? 143);
const hosts = Array.from({ length: count }, (_, i) => `127.0.${2 + Math.floor(i / 250)}.${1 + (i % 250)}`);
const day = 24 * 60 * 60 * 1000;
const cert = issueCert(createTestCa(), { commonName: "bench.ehlo.test", altNames: hosts, notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
const tls = { cert: cert.cert, key: cert.key };

const scripts: Record<FixtureKind, Parameters<typeof startScriptedServer>[0]> = {
  starttls: smtpScript({ starttls: tls, auth: "PLAIN LOGIN" }),
  plain: smtpScript({ auth: "PLAIN" }),
  implicit: smtpScript({ implicitTls: tls, auth: "PLAIN LOGIN" }),
  slow: smtpScript({ starttls: tls, auth: "PLAIN", greeting: [wait(SLOW_GREETING_MS), reply(GREETING)] }),
  // Accepts and never says a word: the check waits for its greeting timeout.
  silent: smtpScript({ greeting: silent() }),
};

const servers: ScriptedServer[] = [];
const listed: { host: string; port: number; kind: FixtureKind }[] = [];
for (const host of hosts) {
  for (const kind of FIXTURE_KINDS) {
    const server = await startScriptedServer(scripts[kind], { host });
    servers.push(server);
    listed.push({ host, port: server.port, kind });
  }
}
process.stdout.write(`${JSON.stringify({ caPem: cert.caPem, servers: listed })}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all(servers.map((s) => s.close()));
  process.exit(0);
});
