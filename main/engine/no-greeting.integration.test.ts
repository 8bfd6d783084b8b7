import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import type { CheckEvent } from "../../shared/contract/events";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { runCheck } from "./session";
import { PROVISIONAL_AFTER_MS } from "./no-greeting-watch";

describe("when no 220 arrives", () => {
  it("probes the other ports, gives a provisional verdict after ~3 s, and makes it final at the timeout", async () => {
    const silent = await HOSTILE_SERVERS.silent!.start();
    const working = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    const implicit = await HOSTILE_SERVERS["implicit-tls-only"]!.start();
    try {
      const live: CheckEvent[] = [];
      const request = CheckRequestSchema.parse({
        ...silent.request,
        timeouts: { connectMs: 2000, greetingMs: 6000, commandMs: 2000 },
        alternativePorts: [working.port, implicit.port, 1],
      });
      const r = await runCheck(request, { onEvent: (e) => live.push(e) });
      const provisional = live.find((e) => e.kind === "provisional");
      expect(provisional).toMatchObject({ kind: "provisional", id: "greeting.timeout", params: { port: silent.port } });
      expect(provisional!.t).toBeGreaterThanOrEqual(PROVISIONAL_AFTER_MS - 50);
      expect(provisional!.t).toBeLessThan(3500);
      const final = r.findings.find((f) => f.id === "greeting.timeout");
      expect(final).toBeDefined();
      // The provisional verdict came before the final one, which waited for the real timeout.
      const finalEvent = r.events.find((e) => e.kind === "finding" && e.id === "greeting.timeout")!;
      expect(finalEvent.t).toBeGreaterThan(5900);
      const open = r.findings.filter((f) => f.id === "port.alternative-open");
      expect(open.map((f) => [f.params.port, f.params.tls]).sort()).toEqual(
        [
          [working.port, "plain"],
          [implicit.port, "implicit"],
        ].sort(),
      );
      const probes = r.events.filter((e) => e.kind === "port.probe");
      expect(probes.find((p) => p.kind === "port.probe" && p.port === 1)).toMatchObject({ state: "refused" });
    } finally {
      await Promise.all([silent.close(), working.close(), implicit.close()]);
    }
  });

  it("a server that greets in time cancels the probes: no probe, no provisional verdict", async () => {
    const working = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    const other = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse({ ...working.request, alternativePorts: [other.port] }));
      expect(r.events.some((e) => e.kind === "port.probe" || e.kind === "provisional")).toBe(false);
      expect(other.connections).toBe(0);
    } finally {
      await Promise.all([working.close(), other.close()]);
    }
  });

  it("a plain client on an implicit-TLS port learns that the port expects TLS", async () => {
    const implicit = await HOSTILE_SERVERS["implicit-tls-only"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse({ ...implicit.request, alternativePorts: [], timeouts: { connectMs: 2000, greetingMs: 2500, commandMs: 2000 } }));
      const f = r.findings.find((x) => x.id === "greeting.tls-expected");
      expect(f?.params.port).toBe(implicit.port);
      expect(r.findings.map((x) => x.id)).not.toContain("greeting.timeout");
      expect(r.durationMs).toBeLessThan(2500 + 1000);
    } finally {
      await implicit.close();
    }
  });
});

describe("probes leave no connection open", () => {
  it("a TLS probe of a silent port closes its TCP connection too", async () => {
    const { probePort } = await import("./port-probe");
    const net = await import("node:net");
    const open = new Set<Socket>();
    const server = net.createServer((s) => {
      // A reading peer notices the close (a paused socket would never see the FIN).
      s.resume();
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await probePort({ address: "127.0.0.1", port, servername: null, connectMs: 1000, greetingMs: 200, tlsFirst: true });
      expect(r.state).toBe("open-silent");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(open.size).toBe(0);
    } finally {
      server.close();
    }
  });
});
