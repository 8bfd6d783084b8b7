import { describe, expect, it } from "vitest";
import type { HistoryHeader } from "../../shared/contract/history";
import { compareChoice, dayBound, EMPTY_FILTERS, hasFilters, listParams, runTarget, severityCounts, toggleSelected } from "./history-list";

const run = (id: string, host: string, port: number, findings: HistoryHeader["findings"] = []): HistoryHeader => ({
  id,
  savedAt: "2026-11-29T06:16:01.000Z",
  startedAt: "2026-11-29T06:16:00.000Z",
  host,
  port,
  tls: "starttls",
  outcome: "ok",
  durationMs: 10,
  findings,
  source: "check",
});

const early = run("20261128T100000000Z-000000000001", "mx.example.com", 25);
const late = run("20261129T100000000Z-000000000002", "MX.example.com", 25);
const other = run("20261129T110000000Z-000000000003", "mx.example.com", 587);
const v6 = run("20261129T120000000Z-000000000004", "2001:db8::25", 25);

describe("history filters", () => {
  it("become history.list params: trimmed host, outcome, whole local days", () => {
    expect(listParams(EMPTY_FILTERS)).toEqual({});
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    const params = listParams({ host: "  example.com ", outcome: "failed", from: "2026-11-01", to: "2026-11-29" });
    expect(params).toEqual({
      host: "example.com",
      outcome: "failed",
      from: new Date(2026, 10, 1, 0, 0, 0, 0).toISOString(),
      to: new Date(2026, 10, 29, 23, 59, 59, 999).toISOString(),
    });
    expect(hasFilters({ ...EMPTY_FILTERS, to: "2026-11-29" })).toBe(true);
  });

  it("ignore a day that is not a day", () => {
    expect(dayBound("29/11/2026", false)).toBeNull();
    expect(dayBound("2026-13-45", true)).toBeNull();
    expect(listParams({ ...EMPTY_FILTERS, from: "yesterday" })).toEqual({});
  });
});

describe("history rows", () => {
  it("show the server as the form takes it and count findings by severity", () => {
    expect(runTarget(early)).toBe("mx.example.com:25");
    expect(runTarget(v6)).toBe("[2001:db8::25]:25");
    const counts = severityCounts(run("20261129T100000000Z-000000000009", "h", 25, [
      { id: "rcpt.rejected", severity: "error" },
      { id: "rcpt.rejected", severity: "error" },
      { id: "tls.cert-expiring", severity: "warning" },
    ]));
    expect(counts).toEqual({ error: 2, warning: 1, info: 0 });
  });
});

describe("choosing two runs to compare", () => {
  it("keeps at most two ticks, letting go of the earliest tick", () => {
    expect(toggleSelected([], "a", true)).toEqual(["a"]);
    expect(toggleSelected(["a", "b"], "c", true)).toEqual(["b", "c"]);
    expect(toggleSelected(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggleSelected(["a"], "a", true)).toEqual(["a"]);
  });

  it("needs two runs of the same server (host case aside) and puts the earlier one first", () => {
    const runs = [late, other, early, v6];
    expect(compareChoice([late.id], runs)).toEqual({ ready: false, reason: "count" });
    expect(compareChoice([late.id, "20261129T100000000Z-ffffffffffff"], runs)).toEqual({ ready: false, reason: "count" });
    expect(compareChoice([late.id, other.id], runs)).toEqual({ ready: false, reason: "target", targets: ["MX.example.com:25", "mx.example.com:587"] });
    expect(compareChoice([late.id, early.id], runs)).toEqual({ ready: true, before: early, after: late });
    expect(compareChoice([early.id, late.id], runs)).toEqual({ ready: true, before: early, after: late });
  });
});
