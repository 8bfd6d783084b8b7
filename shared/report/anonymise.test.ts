import { describe, expect, it } from "vitest";
import type { CheckResult } from "../contract/check-result";
import type { CheckEvent } from "../contract/events";
import { createAnonymiser } from "./anonymise";

function resultWith(localAddresses: string[], extra: CheckEvent[] = []): CheckResult {
  const events: CheckEvent[] = localAddresses.map((localAddress, i) => ({
    kind: "tcp.connected",
    seq: i,
    t: i,
    localAddress,
    localPort: 50000 + i,
    remoteAddress: "192.0.2.25",
    remotePort: 25,
    ms: 1,
  }));
  return {
    schema: "ehlo.check/1",
    target: { host: "mail.corp.example", port: 25, tls: "auto", mx: false, address: "192.0.2.25" },
    startedAt: "2026-11-29T06:00:00.000Z",
    durationMs: 10,
    events: [...events, ...extra],
    tls: null,
    capabilities: [],
    findings: [],
    outcome: "ok",
  };
}

describe("createAnonymiser", () => {
  it("gives the same mailbox the same placeholder everywhere, and different mailboxes different ones", () => {
    const a = createAnonymiser(resultWith([]));
    expect(a.text("MAIL FROM:<alice@corp.example>")).toBe("MAIL FROM:<user1@corp.example>");
    expect(a.text("RCPT TO:<bob.smith+tag@other.example>")).toBe("RCPT TO:<user2@other.example>");
    expect(a.text("550 5.1.1 <Alice@corp.example>: Recipient address rejected")).toBe("550 5.1.1 <user1@corp.example>: Recipient address rejected");
    expect(a.text("alice@corp.example, bob.smith+tag@other.example")).toBe("user1@corp.example, user2@other.example");
    expect(a.text("to: ünïcode@例え.jp")).toBe("to: user3@例え.jp");
  });

  it("replaces the client's IPv4 and IPv6 addresses wherever they appear, without touching lookalikes", () => {
    const a = createAnonymiser(resultWith(["203.0.113.7", "2001:db8::7"]));
    expect(a.text("250-mx.corp.example Hello [203.0.113.7]")).toBe("250-mx.corp.example Hello [client-ip-1]");
    expect(a.text("Connected to 192.0.2.25:25 from 203.0.113.7:50000")).toBe("Connected to 192.0.2.25:25 from client-ip-1:50000");
    expect(a.text("203.0.113.70 and 1203.0.113.7 and 203.0.113.7.5 stay")).toBe("203.0.113.70 and 1203.0.113.7 and 203.0.113.7.5 stay");
    expect(a.text("client [2001:DB8::7] and 2001:db8::71 and 2001:db8::7:1")).toBe("client [client-ip-2] and 2001:db8::71 and 2001:db8::7:1");
  });

  it("covers the IPv4 inside an IPv4-mapped IPv6 local address", () => {
    const a = createAnonymiser(resultWith(["::ffff:198.51.100.9"]));
    expect(a.text("from [::ffff:198.51.100.9]")).toBe("from [client-ip-1]");
    expect(a.text("Hello 198.51.100.9")).toMatch(/^Hello client-ip-\d$/);
  });

  it("replaces chosen host names and their subdomains, not names that merely contain them", () => {
    const a = createAnonymiser(resultWith([]), { hosts: ["corp.example."] });
    expect(a.text("220 mx1.corp.example ESMTP")).toBe("220 mx1.host1.invalid ESMTP");
    expect(a.text("corp.example.net and notcorp.example stay")).toBe("corp.example.net and notcorp.example stay");
    expect(a.text("alice@CORP.example")).toBe("user1@host1.invalid");
  });

  it("ignores single-word host names, which would also hit field values such as outcomes", () => {
    const a = createAnonymiser(resultWith([]), { hosts: ["ok", "mail"] });
    expect(a.apply({ outcome: "ok", phase: "mail" })).toEqual({ outcome: "ok", phase: "mail" });
  });

  it("applies to every string of nested data and leaves numbers and keys alone", () => {
    const a = createAnonymiser(resultWith(["203.0.113.7"]), { mailboxes: false });
    const data = { "alice@corp.example": ["203.0.113.7", 25, { deep: "from 203.0.113.7" }], kept: "alice@corp.example" };
    expect(a.apply(data)).toEqual({ "alice@corp.example": ["client-ip-1", 25, { deep: "from client-ip-1" }], kept: "alice@corp.example" });
    expect([...a.placeholders()]).toEqual([["203.0.113.7", "client-ip-1"]]);
  });
});
