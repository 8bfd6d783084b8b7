import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatrixResult, MatrixRow } from "../../shared/contract/matrix";
import { MatrixRunParamsSchema } from "../../shared/contract/methods-network";
import { runMatrix } from "../../main/services/matrix";
import { createTestCa, issueCert } from "../../main/testing/certs";
import { startScriptedServer, type ScriptedServer } from "../../main/testing/scripted-server";
import { smtpScript } from "../../main/testing/smtp-script";
import { DEFAULT_MATRIX_FORM, matrixParams, validateMatrixForm, withMode, type MatrixFormState } from "./matrix-form";
import { cellFinding, EMPTY_GRID, gridCounts, gridReducer, portVerdict, stageEvidence, targetLabel, workingPorts, type GridAction, type MatrixGridState } from "./matrix-grid";

/**
 * The grid model, fed with real rows: the matrix service runs against loopback fixtures (one
 * STARTTLS server with a certificate for 127.0.0.1, one closed port), and its rows are handed
 * to the grid in a shuffled order, as progress arrives over a socket.
 */
const day = 24 * 60 * 60 * 1000;
const cert = issueCert(createTestCa(), { commonName: "127.0.0.1", altNames: ["127.0.0.1"], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
let server: ScriptedServer;
let closedPort = 0;
let result: MatrixResult;
const streamed: MatrixRow[] = [];

beforeAll(async () => {
  server = await startScriptedServer(smtpScript({ starttls: { cert: cert.cert, key: cert.key }, auth: "PLAIN" }));
  const probe = await startScriptedServer(smtpScript({}));
  closedPort = probe.port;
  await probe.close();
  result = await runMatrix(
    { host: "127.0.0.1", ports: [closedPort, server.port] },
    { concurrency: 2, extraCaPem: cert.caPem, timeouts: { dnsMs: 2000, connectMs: 2000, greetingMs: 3000, commandMs: 3000 }, onCell: (row) => streamed.push(row) },
  );
});
afterAll(async () => {
  await server?.close();
});

const apply = (state: MatrixGridState, ...actions: GridAction[]) => actions.reduce(gridReducer, state);

describe("the live grid", () => {
  it("keeps rows in plan order however they arrive, and the result completes what was missed", () => {
    expect(result.rows).toHaveLength(4);
    const shuffled = [streamed[3], streamed[0], streamed[2]].filter((r): r is MatrixRow => r !== undefined);
    const live = apply(EMPTY_GRID, { type: "start" }, ...shuffled.map((row): GridAction => ({ type: "row", row })));
    expect(live.status).toBe("running");
    expect(live.rows.map((r) => r.index)).toEqual([...shuffled.map((r) => r.index)].sort());
    const done = apply(live, { type: "done", result });
    expect(done.status).toBe("done");
    expect(done.rows.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    // The same row twice (progress, then the result) is one row.
    expect(apply(done, { type: "row", row: streamed[0]! }).rows).toHaveLength(4);
  });

  it("a cancelled or failed run takes no more rows; a new run starts empty", () => {
    const cancelled = apply(EMPTY_GRID, { type: "start" }, { type: "row", row: result.rows[0]! }, { type: "cancelled" }, { type: "row", row: result.rows[1]! });
    expect(cancelled).toMatchObject({ status: "cancelled" });
    expect(cancelled.rows).toHaveLength(1);
    const failed = apply(EMPTY_GRID, { type: "start" }, { type: "failed", field: "host", message: "bad host" });
    expect(failed).toMatchObject({ status: "failed", error: { field: "host", message: "bad host" } });
    expect(apply(cancelled, { type: "start" })).toEqual({ ...EMPTY_GRID, status: "running" });
    expect(apply(EMPTY_GRID, { type: "start" }, { type: "done", result: { ...result, cancelled: true } }).status).toBe("cancelled");
  });

  it("names rows, counts verdicts, and tells which ports work", () => {
    const row = (port: number, tls: string) => result.rows.find((r) => r.target.port === port && r.target.tls === tls)!;
    expect(targetLabel(row(server.port, "starttls").target)).toBe(`127.0.0.1:${server.port}`);
    expect(targetLabel({ host: "mx1.example.test", address: "192.0.2.1", port: 25, tls: "auto", preference: 10 })).toBe("mx1.example.test [192.0.2.1]:25");
    expect(gridCounts(result.rows)).toEqual({ pass: 1, warn: 1, fail: 2 });
    expect(workingPorts(result.rows)).toEqual([
      { port: server.port, tls: "none" },
      { port: server.port, tls: "starttls" },
    ]);
    expect(portVerdict(result.rows, server.port)).toBe("pass");
    expect(portVerdict(result.rows, closedPort)).toBe("fail");
    expect(portVerdict(result.rows, 9)).toBeNull();
  });

  it("a cell opens its own lines of the transcript, and names its finding for the knowledge base", () => {
    const closed = result.rows.find((r) => r.target.port === closedPort)!;
    expect(cellFinding(closed.stages.connect)).toBe("tcp.refused");
    const connectLines = stageEvidence(closed, "connect");
    const kinds = connectLines.map((seq) => closed.result.events.find((e) => e.seq === seq)?.kind);
    expect(kinds).toContain("tcp.connecting");
    expect(kinds).toContain("tcp.error");
    const tls = result.rows.find((r) => r.target.port === server.port && r.target.tls === "starttls")!;
    expect(cellFinding(tls.stages.auth)).toBeNull();
    const certLines = stageEvidence(tls, "certificate").map((seq) => tls.result.events.find((e) => e.seq === seq)?.kind);
    expect(certLines).toEqual(["tls.established"]);
    const ehlo = stageEvidence(tls, "ehlo").map((seq) => tls.result.events.find((e) => e.seq === seq));
    expect(ehlo.some((e) => e?.kind === "send" && e.command === "EHLO")).toBe(true);
    expect(ehlo.every((e) => e?.kind !== "tls.established")).toBe(true);
  });
});

describe("the matrix form", () => {
  const form = (patch: Partial<MatrixFormState>): MatrixFormState => ({ ...DEFAULT_MATRIX_FORM, ...patch });

  it("a host with ports → a host spec, duplicates dropped; the options only say what was typed", () => {
    const params = matrixParams(form({ target: "smtp.example.test", ports: "587, 25 587;465" }));
    expect(params).toEqual({ spec: { host: "smtp.example.test", ports: [587, 25, 465] }, options: { concurrency: 16 } });
    expect(MatrixRunParamsSchema.safeParse(params).success).toBe(true);
  });

  it("a domain (or an address) with MX → every MX on 25, with the DNS server and recipient given", () => {
    const mx = withMode(form({ target: "someone@example.test", dnsServer: "127.0.0.1:5353", to: "postmaster@example.test" }), "mx");
    expect(mx.ports).toBe("25");
    expect(withMode(mx, "host").ports).toBe("25, 465, 587, 2525");
    expect(withMode(form({ ports: "2525" }), "mx").ports).toBe("2525");
    expect(validateMatrixForm(mx)).toEqual({});
    expect(matrixParams(mx)).toEqual({ spec: { domain: "example.test", mx: true, ports: [25] }, options: { concurrency: 16, dnsServer: { address: "127.0.0.1", port: 5353 }, to: "postmaster@example.test" } });
  });

  it("finds every problem before anything is sent, by field", () => {
    expect(Object.keys(validateMatrixForm(form({ target: "" })))).toEqual(["target"]);
    expect(Object.keys(validateMatrixForm(form({ target: "smtp.example.test:587" })))).toEqual(["target"]);
    expect(Object.keys(validateMatrixForm(form({ target: "smtp.example.test\r\nRSET" })))).toEqual(["target"]);
    expect(Object.keys(validateMatrixForm(form({ target: "192.0.2.1", mode: "mx", ports: "25" })))).toEqual(["target"]);
    expect(Object.keys(validateMatrixForm(form({ target: "[::1]" })))).toEqual(["target"]);
    expect(validateMatrixForm(form({ target: "::1" }))).toEqual({});
    expect(Object.keys(validateMatrixForm(form({ target: "h.test", ports: "25, 70000", dnsServer: "resolver", concurrency: "0", extraCaPem: "x", to: "nobody" }))).sort()).toEqual(
      ["concurrency", "dnsServer", "extraCaPem", "ports", "to"],
    );
  });
});
