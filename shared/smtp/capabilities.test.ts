import { describe, expect, it } from "vitest";
import { parseCapabilities } from "./capabilities";

describe("parseCapabilities", () => {
  it("reads the extensions Ehlo reports and keeps everything raw", () => {
    const caps = parseCapabilities([
      "mx.example.com Hello",
      "SIZE 35882577",
      "8BITMIME",
      "AUTH LOGIN PLAIN XOAUTH2",
      "AUTH=LOGIN",
      "ENHANCEDSTATUSCODES",
      "PIPELINING",
      "CHUNKING",
      "SMTPUTF8",
      "DSN",
      "STARTTLS",
      "REQUIRETLS",
      "X-EXPS GSSAPI NTLM",
    ]);
    expect(caps).toMatchObject({
      greeting: "mx.example.com Hello",
      size: 35882577,
      eightBitMime: true,
      pipelining: true,
      chunking: true,
      smtpUtf8: true,
      dsn: true,
      enhancedStatusCodes: true,
      startTls: true,
      requireTls: true,
      auth: ["LOGIN", "PLAIN", "XOAUTH2"],
    });
    expect(caps.raw).toContain("X-EXPS GSSAPI NTLM");
  });

  it("treats a missing or odd SIZE value safely", () => {
    expect(parseCapabilities(["x", "SIZE"]).size).toBe(0);
    expect(parseCapabilities(["x", "SIZE abc"]).size).toBe(0);
    expect(parseCapabilities(["x"]).size).toBeNull();
  });
});
