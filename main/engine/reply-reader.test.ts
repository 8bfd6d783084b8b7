import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_REPLY_LINE_BYTES, MAX_REPLY_LINES } from "./limits";
import { ReplyReader, type ReaderOutput } from "./reply-reader";

const feed = (reader: ReplyReader, ...chunks: (string | Uint8Array)[]): ReaderOutput[] =>
  chunks.flatMap((c) => reader.push(typeof c === "string" ? Buffer.from(c, "latin1") : c));

describe("ReplyReader", () => {
  it("assembles a multiline reply split across arbitrary chunks", () => {
    const out = feed(new ReplyReader(), "250-mx.ehlo.test\r\n250-PIPE", "LINING\r", "\n250 SIZE 1000\r\n");
    const replies = out.filter((o) => o.type === "reply");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ reply: { code: 250, lines: ["mx.ehlo.test", "PIPELINING", "SIZE 1000"] } });
    expect(out.filter((o) => o.type === "line")).toHaveLength(2);
  });

  it("accepts bare LF and says so (RFC 5321 2.3.8)", () => {
    const out = feed(new ReplyReader(), "220 hi\n");
    expect(out[0]).toMatchObject({ type: "reply", line: { bareLf: true, code: 220 } });
  });

  it("accepts a final line with no text, as '250' alone", () => {
    const out = feed(new ReplyReader(), "250\r\n");
    expect(out[0]).toMatchObject({ type: "reply", reply: { code: 250, lines: [""] } });
  });

  it("rejects invalid codes and codes that change inside one reply", () => {
    expect(feed(new ReplyReader(), "999 what\r\n")[0]).toMatchObject({ type: "invalid", kind: "invalid-code" });
    expect(feed(new ReplyReader(), "abc\r\n")[0]).toMatchObject({ type: "invalid", kind: "invalid-code" });
    expect(feed(new ReplyReader(), "250-a\r\n220 b\r\n")[1]).toMatchObject({ type: "invalid", kind: "mixed-codes" });
  });

  it("caps lines per reply so an endless 250- stream ends", () => {
    const reader = new ReplyReader();
    const out = feed(reader, "250-x\r\n".repeat(MAX_REPLY_LINES + 5));
    expect(out.find((o) => o.type === "invalid")).toMatchObject({ kind: "too-many-lines" });
  });

  it("stops at the line cap without buffering more, however much arrives", () => {
    const reader = new ReplyReader();
    const chunk = Buffer.alloc(1024, 0x41);
    const outputs: ReaderOutput[] = [];
    for (let i = 0; i < 100; i++) outputs.push(...reader.push(chunk));
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ type: "overflow", binary: false });
    expect((outputs[0] as { bytes: number }).bytes).toBeLessThanOrEqual(MAX_REPLY_LINE_BYTES + 1024);
  });

  it("escapes control characters and invalid UTF-8 in recorded text", () => {
    const out = feed(new ReplyReader(), new Uint8Array([0x32, 0x32, 0x30, 0x20, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff, 0x0d, 0x0a]));
    expect(out[0]).toMatchObject({ type: "reply", line: { text: "220 \\x1b[31m\\xff" } });
  });

  it("property: every well-formed reply parses back to its code and lines", () => {
    const code = fc.integer({ min: 200, max: 599 }).filter((c) => c % 100 < 60 && Math.floor(c / 10) % 10 <= 5);
    const text = fc.string({ unit: fc.constantFrom(..."abcXYZ 0123.-=<>@:;/"), maxLength: 60 });
    fc.assert(
      fc.property(code, fc.array(text, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 64 }), (c, lines, chunkSize) => {
        const wire = lines.map((l, i) => `${c}${i === lines.length - 1 ? " " : "-"}${l}\r\n`).join("");
        const bytes = Buffer.from(wire, "latin1");
        const reader = new ReplyReader();
        const out: ReaderOutput[] = [];
        for (let i = 0; i < bytes.length; i += chunkSize) out.push(...reader.push(bytes.subarray(i, i + chunkSize)));
        const replies = out.filter((o) => o.type === "reply");
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({ reply: { code: c, lines } });
      }),
      { numRuns: 500 },
    );
  });

  it("property: 10,000 random byte streams give only typed outcomes and never throw", () => {
    const types = new Set(["line", "reply", "invalid", "overflow"]);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 12 }), (chunks) => {
        const reader = new ReplyReader(512, 20);
        for (const chunk of chunks) {
          for (const o of reader.push(chunk)) {
            expect(types.has(o.type)).toBe(true);
            if (o.type === "reply") expect(o.reply.code).toBeGreaterThanOrEqual(200);
          }
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
