import { describe, expect, it } from "vitest";
import type { Finding } from "../../shared/contract/findings";
import type { FindingTexts } from "../../shared/knowledge/finding-types";
import { alternativePorts, findingView, isIsoDate, paramsText, sortFindings } from "./finding-view";

const refused: Finding = { id: "tcp.refused", severity: "error", evidence: [4, 5], params: { address: "192.0.2.7" } };

/** A findings.json entry in the FindingText shape (the real files arrive later). */
const texts: Partial<FindingTexts> = {
  "tcp.refused": {
    title: "{host} refused the connection on port {port}",
    description: "Nothing listens on {address}:{port}{{ ({missing})}}.",
    whenSeen: "The service is stopped.",
    howToFix: "Start the service on {host}.",
    checklist: [
      {
        id: "listening",
        text: "Check that something listens on port {port}.",
        commands: {
          linux: ["nc -vz {host} {port}"],
          "windows-powershell": ["Test-NetConnection {host} -Port {port}"],
          macos: ["nc -vz {host} {port}"],
        },
      },
      { id: "firewall", text: "Check the firewall." },
    ],
  },
};

describe("finding views", () => {
  it("fill placeholders from the target and the finding's own params, dropping optional parts without a value", () => {
    const view = findingView(refused, texts, { host: "mx.example.com", port: 587, address: "203.0.113.9" }, "linux");
    expect(view.title).toBe("mx.example.com refused the connection on port 587");
    // The finding's params win over the target (it knows which address failed).
    expect(view.description).toBe("Nothing listens on 192.0.2.7:587.");
    expect(view.hasText).toBe(true);
  });

  it("formats values for display, such as certificate dates", () => {
    const expiring: Finding = { id: "tcp.refused", severity: "error", evidence: [], params: { address: "2026-12-04T06:18:28.000Z" } };
    const view = findingView(expiring, texts, { host: "mx", port: 25, address: null }, "linux", (v) => (isIsoDate(v) ? "4 Dec 2026" : v));
    expect(view.description).toBe("Nothing listens on 4 Dec 2026:25.");
    // Without a target and without the finding naming it, {address} falls back to nothing.
    expect(findingView({ ...refused, params: {} }, texts, null, "linux").description).toBe("Nothing listens on:25.");
    expect(isIsoDate("2026-12-04T06:18:28Z")).toBe(true);
    expect(isIsoDate("2026-12-04")).toBe(false);
    expect(isIsoDate(2026)).toBe(false);
  });

  it("lists the user's own system's commands first", () => {
    const onWindows = findingView(refused, texts, { host: "mx", port: 25, address: null }, "windows");
    expect(onWindows.checklist[0]?.commands.map((c) => [c.shell, c.native])).toEqual([
      ["windows-powershell", true],
      ["macos", false],
      ["linux", false],
    ]);
    expect(onWindows.checklist[0]?.commands[0]?.lines).toEqual(["Test-NetConnection mx -Port 25"]);
    const onMac = findingView(refused, texts, { host: "mx", port: 25, address: null }, "macos");
    expect(onMac.checklist[0]?.commands[0]).toMatchObject({ shell: "macos", native: true });
    expect(onMac.checklist[1]?.commands).toEqual([]);
    const onOther = findingView(refused, texts, { host: "mx", port: 25, address: null }, "other");
    expect(onOther.checklist[0]?.commands.every((group) => !group.native)).toBe(true);
  });

  it("shows the id and params when the locale has no text for the finding", () => {
    const view = findingView(refused, null, null, "linux");
    expect(view).toMatchObject({ hasText: false, title: "tcp.refused", description: "address=192.0.2.7", checklist: [] });
    expect(findingView({ ...refused, id: "dns.timeout" }, texts, null, "linux").hasText).toBe(false);
    expect(paramsText({})).toBe("");
  });

  it("orders errors, then warnings, then information, stable within a severity", () => {
    const list: Finding[] = [
      { id: "session.ok", severity: "info", evidence: [], params: {} },
      { id: "tls.cert-expiring", severity: "warning", evidence: [], params: {} },
      { id: "rcpt.rejected", severity: "error", evidence: [], params: { to: "a" } },
      { id: "rcpt.rejected", severity: "error", evidence: [], params: { to: "b" } },
    ];
    expect(sortFindings(list).map((f) => `${f.id}${f.params["to"] ?? ""}`)).toEqual(["rcpt.rejecteda", "rcpt.rejectedb", "tls.cert-expiring", "session.ok"]);
  });

  it("builds the alternative-ports table from port.alternative-open findings", () => {
    const findings: Finding[] = [
      refused,
      { id: "port.alternative-open", severity: "info", evidence: [9], params: { port: 587, tls: "plain", banner: "220 mx ESMTP", ms: 12.5 } },
      { id: "port.alternative-open", severity: "info", evidence: [8], params: { port: 465, tls: "implicit", banner: "", ms: 30 } },
    ];
    expect(alternativePorts(findings)).toEqual([
      { port: 465, tls: "implicit", ms: 30, details: "", evidence: [8] },
      { port: 587, tls: "plain", ms: 12.5, details: "220 mx ESMTP", evidence: [9] },
    ]);
    expect(alternativePorts([refused])).toEqual([]);
  });
});
