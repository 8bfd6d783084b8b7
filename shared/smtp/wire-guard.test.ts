import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commands } from "./commands";
import { InputError } from "./input-error";
import { validateHeloName, validateMailbox, validatePort, validateUserName } from "./validate";
import { validateCheckInput } from "./validate-request";
import { CheckRequestSchema } from "../contract/check-request";

/** Any string with at least one CR, LF or NUL somewhere in it. */
const withLineBreak = fc
  .tuple(fc.string({ maxLength: 30 }), fc.constantFrom("\r", "\n", "\0", "\r\n"), fc.string({ maxLength: 30 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);

describe("CR/LF/NUL guard", () => {
  it("property: every value containing CR, LF or NUL is refused by every wire path", () => {
    fc.assert(
      fc.property(withLineBreak, (value) => {
        expect(() => validateHeloName(value)).toThrow(InputError);
        expect(() => validateMailbox("from", value)).toThrow(InputError);
        expect(() => validateMailbox("to", value)).toThrow(InputError);
        expect(() => validateUserName(value)).toThrow(InputError);
        expect(() => commands.ehlo(value)).toThrow(InputError);
        expect(() => commands.mailFrom(value)).toThrow(InputError);
        expect(() => commands.rcptTo(value)).toThrow(InputError);
        expect(() => commands.authResponse(value)).toThrow(InputError);
        const req = CheckRequestSchema.parse({ host: "mail.example.com" });
        expect(() => validateCheckInput({ ...req, host: value })).toThrow(InputError);
        expect(() => validateCheckInput({ ...req, helo: value })).toThrow(InputError);
        expect(() => validateCheckInput({ ...req, to: [value] })).toThrow(InputError);
      }),
      { numRuns: 2000 },
    );
  });

  it("names the problem and the field", () => {
    try {
      validateHeloName("pc1\r\nRSET");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe("helo");
      expect((e as Error).message).toMatch(/carriage return \(CR\) at position 4/);
    }
  });

  it("refuses a password with a line break, which would end the AUTH line early", () => {
    const req = CheckRequestSchema.parse({ host: "mail.example.com", auth: { user: "u" } });
    expect(() => validateCheckInput(req, { password: "a\r\nQUIT" })).toThrow(/password contains a carriage return/);
  });
});

describe("input validation", () => {
  it("accepts domain names and address literals for HELO (RFC 5321 4.1.3)", () => {
    expect(validateHeloName("pc1.example.com")).toBe("pc1.example.com");
    expect(validateHeloName("[192.0.2.1]")).toBe("[192.0.2.1]");
    expect(validateHeloName("[IPv6:2001:db8::1]")).toBe("[IPv6:2001:db8::1]");
    expect(() => validateHeloName("[300.1.1.1]")).toThrow(/malformed/);
    expect(() => validateHeloName("two words")).toThrow(/contains a space/);
  });

  it("gives specific messages for bad ports and addresses", () => {
    expect(() => validatePort("abc")).toThrow(/not a number/);
    expect(() => validatePort(70000)).toThrow(/out of range/);
    expect(() => validateMailbox("to", "alice")).toThrow(/not a full e-mail address/);
    expect(() => validateMailbox("to", "a b@example.com")).toThrow(/space/);
    expect(validateMailbox("from", "<>", true)).toBe("");
    expect(validateMailbox("to", "user@bücher.example")).toBe("user@bücher.example");
  });

  it("refuses a malformed IPv4 host and a host with a slash", () => {
    const req = CheckRequestSchema.parse({ host: "x" });
    expect(() => validateCheckInput({ ...req, host: "300.1.2.3" })).toThrow(/not a valid one/);
    expect(() => validateCheckInput({ ...req, host: "http://mail.example.com" })).toThrow(/slash/);
    expect(validateCheckInput({ ...req, host: "[::1]" }).host).toBe("::1");
  });
});
