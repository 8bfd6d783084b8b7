import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../shared/contract/check-result";
import { buildReport } from "../../shared/report/report-model";
import { renderJson } from "../../shared/report/render-json";
import { POSTFIX, postfixCaPem, postfixSuite } from "../testing/postfix";
import { startCheck } from "./checks";
import { appDataDir } from "./data-dir";
import { HistoryError, openHistoryStore } from "./history-store";
import { loadKnowledgeBundle, loadKnowledgeFacts } from "./knowledge-store";

const postfix = await postfixSuite();

function tempHistory(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "ehlo-history-")), "history");
}

async function rejects(promise: Promise<unknown>, code: HistoryError["code"], message: RegExp): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(HistoryError);
  expect((error as HistoryError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

describe("the data folder", () => {
  it("follows EHLO_DATA_DIR, else each platform's convention", () => {
    expect(appDataDir({ EHLO_DATA_DIR: "/srv/ehlo" }, "linux", "/home/u")).toBe("/srv/ehlo");
    expect(appDataDir({ APPDATA: "C:\\Users\\u\\AppData\\Roaming" }, "win32", "C:\\Users\\u")).toBe("C:\\Users\\u\\AppData\\Roaming\\Ehlo");
    expect(appDataDir({}, "darwin", "/Users/u")).toBe("/Users/u/Library/Application Support/Ehlo");
    expect(appDataDir({ XDG_DATA_HOME: "/home/u/.data" }, "linux", "/home/u")).toBe("/home/u/.data/ehlo");
    expect(appDataDir({ XDG_DATA_HOME: "relative" }, "linux", "/home/u")).toBe("/home/u/.local/share/ehlo");
    expect(appDataDir({}, "freebsd", "/home/u")).toBe("/home/u/.local/share/ehlo");
  });
});

describe.skipIf(postfix.skip)("history of real runs against Postfix", () => {
  let ok: CheckResult;
  let failed: CheckResult;
  beforeAll(async () => {
    const base = { host: POSTFIX.host, port: POSTFIX.ports.smtp, tls: "starttls" as const, extraCaPem: postfixCaPem(), from: "bob@ehlo.test" };
    ok = await startCheck({ ...base, to: [POSTFIX.validRecipient] });
    failed = await startCheck({ ...base, to: [POSTFIX.unknownRecipient] });
    expect([ok.outcome, failed.outcome]).toEqual(["ok", "failed"]);
  });

  it("saves, lists newest first with filters, gets, compares and deletes", async () => {
    const store = openHistoryStore({ dir: tempHistory() });
    const a = await store.save(ok);
    const b = await store.save(failed);
    expect(a.id).not.toBe(b.id);
    expect((await store.list()).map((h) => h.id)).toEqual([b.id, a.id]);
    expect((await store.list({ outcome: "failed" })).map((h) => h.id)).toEqual([b.id]);
    expect(await store.list({ host: "127.0.0" })).toHaveLength(2);
    expect(await store.list({ host: "example.org" })).toHaveLength(0);
    expect(await store.list({ from: failed.startedAt })).toHaveLength(1);
    expect(await store.list({ to: new Date(Date.parse(ok.startedAt) - 1000) })).toHaveLength(0);
    expect(b.findings).toContainEqual({ id: "rcpt.rejected", severity: "error" });

    const entry = await store.get(a.id);
    expect(entry.result.events).toEqual(ok.events);
    expect(entry.header).toEqual(a);

    const diff = await store.compare(a.id, b.id);
    expect(diff.outcome).toEqual({ before: "ok", after: "failed" });
    expect(diff.findings.added.map((f) => f.id)).toContain("rcpt.rejected");
    expect(diff.findings.gone.map((f) => f.id)).toContain("session.ok");
    const rcpt = diff.replies.find((r) => r.command === "RCPT");
    expect(rcpt).toMatchObject({ occurrence: 1, codeChanged: true });
    expect(rcpt?.before).toMatch(/^250 /);
    expect(rcpt?.after).toMatch(/^550 5\.1\.1/);
    expect(diff.replies.find((r) => r.command === "EHLO")).toBeUndefined();
    expect(diff.timing.map((t) => t.phase)).toEqual(expect.arrayContaining(["connect", "greeting", "ehlo", "tls", "rcpt"]));
    for (const t of diff.timing) if (t.beforeMs !== null && t.afterMs !== null) expect(t.deltaMs).toBeCloseTo(t.afterMs - t.beforeMs, 0);

    await store.delete(a.id);
    expect((await store.list()).map((h) => h.id)).toEqual([b.id]);
    await rejects(store.get(a.id), "not-found", /No run .* in the history/);
    await rejects(store.delete(a.id), "not-found", /No run/);
  });

  it("writes private files (0600) in a private folder (0700)", async () => {
    const dir = tempHistory();
    const header = await openHistoryStore({ dir }).save(ok);
    if (process.platform !== "win32") {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, `${header.id}.json`)).mode & 0o777).toBe(0o600);
    }
    // Human-inspectable: the file is one JSON document.
    const doc = JSON.parse(readFileSync(path.join(dir, `${header.id}.json`), "utf8")) as { schema: string; result: CheckResult };
    expect(doc.schema).toBe("ehlo.history/1");
    expect(doc.result.events).toEqual(ok.events);
  });

  it("lists from the header line alone, and skips files that are not Ehlo history", async () => {
    const dir = tempHistory();
    const store = openHistoryStore({ dir });
    const header = await store.save(failed);
    const file = path.join(dir, `${header.id}.json`);
    // Damage everything after the header: list still finds it (it never parses the run) …
    const [first] = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, `${first}\n"result": damaged`);
    writeFileSync(path.join(dir, "20260101T000000000Z-0123456789ab.json"), "not json at all");
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    const fresh = openHistoryStore({ dir });
    expect((await fresh.list()).map((h) => h.id)).toEqual([header.id]);
    // … and reading the run says what is wrong.
    await rejects(fresh.get(header.id), "corrupt", /damaged or not an Ehlo history file/);
  });

  it("refuses ids that are not ids before touching the disk", async () => {
    const store = openHistoryStore({ dir: tempHistory() });
    for (const id of ["../../etc/passwd", "", "20261129T061600418Z-0123456789ab/../x", "x.json"]) {
      await rejects(store.get(id), "invalid-id", /is not a history id/);
      await rejects(store.delete(id), "invalid-id", /is not a history id/);
    }
  });

  it("imports an ehlo.report/1 file as a new run, never replacing one, and refuses hostile files", async () => {
    const dir = tempHistory();
    const store = openHistoryStore({ dir });
    const report = buildReport(failed, {
      bundle: loadKnowledgeBundle("en"),
      facts: loadKnowledgeFacts(),
      lang: "en",
      platform: "linux",
      environment: { ehloVersion: "test", os: "test", timeZone: "UTC", generatedAt: new Date().toISOString() },
    });
    const json = renderJson(report);
    const first = await store.importReport(json);
    const second = await store.importReport(json);
    expect(first.id).not.toBe(second.id);
    expect(first.source).toBe("import");
    expect((await store.get(first.id)).result.events).toEqual(failed.events);

    const before = readdirSync(dir).sort();
    const hostile: [string, RegExp][] = [
      ["{", /not valid JSON/],
      ["[]", /Not an Ehlo report/],
      [JSON.stringify({ schema: "ehlo.report/1", model: {}, result: {} }), /does not match ehlo.report\/1/],
      [json.replace('"result": {', '"result": {"__proto__": {"isAdmin": true},'), /forbidden key "__proto__"/],
      [json.replace('"kind": "tcp.connected"', '"kind": "rm -rf"'), /does not match/],
    ];
    for (const [text, message] of hostile) await rejects(store.importReport(text), "invalid-import", message);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
