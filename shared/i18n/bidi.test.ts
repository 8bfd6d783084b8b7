import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LRI, PDI, bidiText, isolateLtr, localeDirection, stripIsolates } from "./bidi";

const iso = (text: string) => `${LRI}${text}${PDI}`;

describe("isolateLtr", () => {
  it("isolates reply codes, enhanced codes and verbs inside Arabic text", () => {
    expect(isolateLtr("الرمز 550 يعني الرفض")).toBe(`الرمز ${iso("550")} يعني الرفض`);
    expect(isolateLtr("مع الرمز المحسَّن 5.7.1.")).toBe(`مع الرمز المحسَّن ${iso("5.7.1")}.`);
    expect(isolateLtr("بعد EHLO أو HELO")).toBe(`بعد ${iso("EHLO")} أو ${iso("HELO")}`);
  });

  it("keeps host names, addresses, IP literals and ports in one piece", () => {
    expect(isolateLtr("الخادم mx.example.com يرد")).toBe(`الخادم ${iso("mx.example.com")} يرد`);
    expect(isolateLtr("العنوان <user@example.com>، ثم")).toBe(`العنوان ${iso("<user@example.com>")}، ثم`);
    expect(isolateLtr("من [192.0.2.1]:25 و 2001:db8::1")).toBe(`من ${iso("[192.0.2.1]:25")} و ${iso("2001:db8::1")}`);
  });

  it("keeps a quoted Latin phrase together and leaves sentence punctuation outside", () => {
    expect(isolateLtr("بالنص 'Must issue a STARTTLS command first'.")).toBe(
      `بالنص ${iso("'Must issue a STARTTLS command first'")}.`,
    );
    expect(isolateLtr("بعد RCPT TO (أو VRFY)")).toBe(`بعد ${iso("RCPT TO")} (أو ${iso("VRFY")})`);
  });

  it("is idempotent and only adds isolate marks", () => {
    const text = "رُفض 550 5.7.1 <a@b.example> عبر [192.0.2.1]:587 (RFC 5321 4.2.2).";
    const once = isolateLtr(text);
    expect(isolateLtr(once)).toBe(once);
    expect(stripIsolates(once)).toBe(text);
  });

  it("never throws, never changes the text besides marks, and balances every isolate", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ unit: "grapheme", maxLength: 60 }), (ascii, other) => {
        const text = `${ascii} ${other}`.replace(/[\u2066-\u2069]/g, "");
        const out = isolateLtr(text);
        expect(stripIsolates(out)).toBe(text);
        expect(out.split(LRI).length).toBe(out.split(PDI).length);
      }),
    );
  });

  it("applies only to right-to-left locales", () => {
    expect(bidiText("550 refused", "ltr")).toBe("550 refused");
    expect(bidiText("550 مرفوض", "rtl")).toBe(`${iso("550")} مرفوض`);
    expect(localeDirection({ meta: { dir: "rtl" } })).toBe("rtl");
  });
});

describe("command-line flags and paths in Arabic text", () => {
  it("keeps the leading dashes of a flag and the slash of a path inside the isolate", () => {
    expect(isolateLtr("استخدم --greeting-timeout 300 للانتظار")).toContain(iso("--greeting-timeout 300"));
    expect(isolateLtr("المسار /usr/bin/chromium هنا")).toContain(iso("/usr/bin/chromium"));
  });
});
