import { describe, expect, it } from "vitest";
import type { EhloElectronBridge } from "../../shared/contract/bridge";
import type { CheckResult } from "../../shared/contract/check-result";
import { MENU_COMMANDS, type CheckPrefill, type MenuCommand, type OpenedReport, type ViewState } from "../../shared/contract/desktop";
import type { RecordedRun } from "./check-session";
import { desktopActions, runMenuCommand, viewStateOf, wireDesktop, type DesktopActions, type DesktopTargets } from "./desktop-wiring";
import { DEFAULT_FORM, type FormState } from "./form";

/** The desktop bridge as the preload exposes it, driven by the test instead of main. */
function fakeBridge() {
  const listeners = { menu: new Set<(c: MenuCommand) => void>(), prefill: new Set<(p: CheckPrefill) => void>(), report: new Set<(r: OpenedReport) => void>() };
  const started: unknown[] = [];
  const viewStates: ViewState[] = [];
  const on = <T>(set: Set<T>) => (listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  const bridge = {
    appInfo: async () => ({ version: "0", platform: "linux", face: "electron" }),
    startCheck: (...args: unknown[]) => void started.push(args),
    cancelCheck: () => undefined,
    onCheckEvent: () => () => undefined,
    onCheckDone: () => () => undefined,
    onCheckError: () => () => undefined,
    callMethod: () => Promise.reject(new Error("no methods in this test")),
    onMenuCommand: on(listeners.menu),
    onPrefillCheck: on(listeners.prefill),
    onOpenReport: on(listeners.report),
    setViewState: (state: ViewState) => void viewStates.push(state),
  } satisfies EhloElectronBridge;
  return {
    bridge,
    started,
    viewStates,
    listeners,
    menu: (command: MenuCommand) => listeners.menu.forEach((l) => l(command)),
    prefill: (payload: unknown) => listeners.prefill.forEach((l) => l(payload as CheckPrefill)),
    report: (payload: unknown) => listeners.report.forEach((l) => l(payload as OpenedReport)),
  };
}

function recordingTargets() {
  const calls: [string, unknown?][] = [];
  const targets: DesktopTargets = {
    fillForm: (form: FormState) => void calls.push(["fillForm", form]),
    showRecorded: (run: RecordedRun) => void calls.push(["showRecorded", run]),
    newCheck: () => void calls.push(["newCheck"]),
    exportShown: () => void calls.push(["exportShown"]),
    setLanguage: (language) => void calls.push(["setLanguage", language]),
    setTheme: (theme) => void calls.push(["setTheme", theme]),
  };
  return { calls, targets };
}

const result: CheckResult = {
  schema: "ehlo.check/1",
  target: { host: "mx.example.com", port: 25, tls: "starttls", mx: false, address: null },
  startedAt: "2026-11-29T06:16:00.000Z",
  durationMs: 5,
  events: [{ kind: "send", seq: 0, t: 0, text: "RCPT TO:<b@example.com>", command: "RCPT", tls: false, redacted: false }],
  tls: null,
  capabilities: [],
  findings: [],
  outcome: "ok",
};
const report = {
  schema: "ehlo.report/1",
  model: {
    lang: "en",
    dir: "ltr",
    title: "t",
    labels: {},
    anonymised: false,
    verdict: { outcome: "ok", outcomeText: "Works", headline: "Works", detail: "", counts: { error: 0, warning: 0, info: 0 } },
    findings: [],
    transcript: [],
    certificate: null,
    waterfall: { totalMs: 0, spans: [] },
    parameters: { host: "mx.example.com", port: 25, tls: "starttls", mx: false, address: null, capabilities: [] },
    environment: { ehloVersion: "0", os: "x", timeZone: "UTC", startedAt: "", startedAtLocal: "", generatedAt: "", generatedAtLocal: "", durationMs: 5 },
  },
  result,
};

describe("desktop events wired to the page", () => {
  it("an ehlo:// link fills in the form only: nothing is started", () => {
    const fake = fakeBridge();
    const { calls, targets } = recordingTargets();
    wireDesktop(fake.bridge, desktopActions(targets));
    fake.prefill({ host: "mx.example.net", port: 587, tls: "starttls", helo: "pc1.example.org", from: "a@example.org", to: ["b@example.net"] });
    expect(calls).toEqual([
      ["fillForm", { ...DEFAULT_FORM, target: "mx.example.net:587", tls: "starttls", helo: "pc1.example.org", from: "a@example.org", to: ["b@example.net"] }],
    ]);
    expect(fake.started).toEqual([]);
  });

  it("a pre-fill that is not one (a field links may not set, an oversized host) is ignored with a warning", () => {
    const fake = fakeBridge();
    const { calls, targets } = recordingTargets();
    const warnings: string[] = [];
    wireDesktop(fake.bridge, desktopActions(targets), (m) => warnings.push(m));
    fake.prefill({ host: "mx.example.net", send: true });
    fake.prefill({ host: "x".repeat(300) });
    expect(calls).toEqual([]);
    expect(warnings).toHaveLength(2);
  });

  it("an opened report is shown read-only, like an import, and not added to the history", () => {
    const fake = fakeBridge();
    const { calls, targets } = recordingTargets();
    const warnings: string[] = [];
    wireDesktop(fake.bridge, desktopActions(targets), (m) => warnings.push(m));
    fake.report({ fileName: "ticket.ehlo", document: report });
    expect(calls).toHaveLength(1);
    const [name, run] = calls[0] ?? [];
    expect(name).toBe("showRecorded");
    expect(run).toMatchObject({ result, historyId: null, exactRequest: false, origin: { kind: "file", fileName: "ticket.ehlo" }, request: { host: "mx.example.com", to: ["b@example.com"] } });
    fake.report({ fileName: "bad.ehlo", document: { ...report, schema: "ehlo.report/2" } });
    expect(calls).toHaveLength(1);
    expect(warnings).toEqual(["ignored an invalid report file"]);
    expect(fake.started).toEqual([]);
  });

  it("every menu command has its action", () => {
    const fake = fakeBridge();
    const { calls, targets } = recordingTargets();
    wireDesktop(fake.bridge, desktopActions(targets));
    for (const command of MENU_COMMANDS) fake.menu(command);
    expect(calls).toEqual([
      ["newCheck"],
      ["exportShown"],
      ["setLanguage", "en"],
      ["setLanguage", "ar"],
      ["setTheme", "system"],
      ["setTheme", "light"],
      ["setTheme", "dark"],
    ]);
    const seen: string[] = [];
    const actions = new Proxy({} as DesktopActions, { get: (_t, key) => () => seen.push(String(key)) });
    runMenuCommand("export-report", actions);
    expect(seen).toEqual(["exportReport"]);
  });

  it("unsubscribing stops every event", () => {
    const fake = fakeBridge();
    const { calls, targets } = recordingTargets();
    const off = wireDesktop(fake.bridge, desktopActions(targets));
    expect([fake.listeners.menu.size, fake.listeners.prefill.size, fake.listeners.report.size]).toEqual([1, 1, 1]);
    off();
    expect([fake.listeners.menu.size, fake.listeners.prefill.size, fake.listeners.report.size]).toEqual([0, 0, 0]);
    fake.menu("new-check");
    expect(calls).toEqual([]);
  });

  it("the View menu state: the page's language (English for one it has no item for) and theme", () => {
    expect(viewStateOf("ar", "dark")).toEqual({ language: "ar", theme: "dark" });
    expect(viewStateOf("en-GB", "system")).toEqual({ language: "en", theme: "system" });
    expect(viewStateOf("fr", "light")).toEqual({ language: "en", theme: "light" });
  });
});
