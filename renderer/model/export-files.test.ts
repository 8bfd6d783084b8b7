import { describe, expect, it } from "vitest";
import { MAX_REPORT_CHARS } from "../../shared/report/report-import";
import { base64ToBytes, safeFileName } from "./download";
import { checkImportSize, HOST_MAX_MESSAGE_BYTES } from "./import-file";

describe("exported files", () => {
  it("turn base64 from main back into the exact bytes (PDF is binary)", () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80, 0x0a]);
    expect(base64ToBytes(Buffer.from(bytes).toString("base64"))).toEqual(bytes);
  });

  it("get names every system accepts", () => {
    expect(safeFileName("ehlo-mx.example.com-25-20261129-0616.pdf")).toBe("ehlo-mx.example.com-25-20261129-0616.pdf");
    expect(safeFileName("../..\\evil:name?.html")).toBe("_.._evil_name_.html");
    expect(safeFileName("a\u0000b\nc.md")).toBe("a_b_c.md");
    expect(safeFileName("...")).toBe("ehlo-report");
    expect(safeFileName(`${"x".repeat(200)}.json`)).toMatch(/^x{115}\.json$/);
  });
});

describe("import size", () => {
  it("Electron takes any report up to the report limit; the loopback host up to its frame limit, escaping counted", () => {
    expect(checkImportSize("{}", "websocket")).toEqual({ ok: true });
    expect(checkImportSize("x".repeat(900_000), "electron")).toEqual({ ok: true });
    expect(checkImportSize("x".repeat(900_000), "websocket")).toEqual({ ok: true });
    // Quotes double when the text travels JSON-escaped: 600 000 of them no longer fit in a frame.
    expect(checkImportSize('"'.repeat(600_000), "websocket")).toMatchObject({ ok: false, maxMb: 1 });
    expect(checkImportSize("x".repeat(HOST_MAX_MESSAGE_BYTES), "websocket").ok).toBe(false);
    expect(checkImportSize("x".repeat(MAX_REPORT_CHARS + 1), "electron")).toMatchObject({ ok: false, maxMb: 32 });
  });
});
