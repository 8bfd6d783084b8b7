import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { applyPreset, DEFAULT_FORM, firstErrorField, formFieldOf, toRequest, validateForm, type FormState } from "./form";
import { presetById, PROVIDER_PRESETS } from "./presets";
import { effectivePort, parseTarget } from "./target";

const form = (patch: Partial<FormState>): FormState => ({ ...DEFAULT_FORM, ...patch });

describe("the server field", () => {
  it("reads host, host:port, IPv6 literals and e-mail addresses", () => {
    expect(parseTarget("smtp.example.com:587")).toEqual({ host: "smtp.example.com", port: 587, mx: false, address: undefined });
    expect(parseTarget(" 127.0.0.1 ")).toMatchObject({ host: "127.0.0.1", port: undefined, mx: false });
    expect(parseTarget("[::1]:2525")).toMatchObject({ host: "::1", port: 2525 });
    expect(parseTarget("2001:db8::1")).toMatchObject({ host: "2001:db8::1", port: undefined });
    expect(parseTarget("user@example.org")).toEqual({ host: "example.org", port: undefined, mx: true, address: "user@example.org" });
  });

  it("refuses what cannot be a target, naming the host field", () => {
    for (const bad of ["", "host:99999", "host:abc", "[nope]:25", "a:b:c", ":25", "user@"]) {
      expect(() => parseTarget(bad), bad).toThrow(expect.objectContaining({ field: "host" }));
    }
  });

  it("knows the engine's default ports (RFC 8314 3.3: 465 for implicit TLS)", () => {
    expect(effectivePort(undefined, "implicit")).toBe(465);
    expect(effectivePort(undefined, "auto")).toBe(25);
    expect(effectivePort(587, "implicit")).toBe(587);
  });
});

describe("form validation", () => {
  it("accepts a complete form and builds a request the contract accepts", () => {
    const f = form({ target: "smtp.example.com:587", tls: "starttls", helo: "pc1.example.com", from: "a@example.com", to: ["b@example.net", " ", "c@example.net"], authUser: "a@example.com", password: "s3cret" });
    expect(validateForm(f)).toEqual({});
    const { request, secrets } = toRequest(f);
    expect(request).toMatchObject({ host: "smtp.example.com", port: 587, mx: false, tls: "starttls", helo: "pc1.example.com", from: "a@example.com", to: ["b@example.net", "c@example.net"], auth: { user: "a@example.com" } });
    expect(request).not.toHaveProperty("password");
    expect(secrets).toEqual({ password: "s3cret" });
    expect(CheckRequestSchema.parse(request).timeouts).toEqual({ dnsMs: 10_000, connectMs: 10_000, greetingMs: 30_000, commandMs: 30_000 });
  });

  it("sends an OAuth token as a token, not as a password", () => {
    const built = toRequest(form({ target: "smtp.gmail.com:587", authUser: "me@gmail.com", password: "ya29.token", mechanism: "XOAUTH2" }));
    expect(built.secrets).toEqual({ token: "ya29.token" });
    expect(built.request.auth).toEqual({ user: "me@gmail.com", mechanism: "XOAUTH2" });
  });

  it("reports every problem next to its field, before anything is sent", () => {
    const errors = validateForm(form({ target: "", helo: "bad name", from: "nobody", to: ["ok@example.com", "broken"], authUser: "u" }));
    expect(Object.keys(errors).sort()).toEqual(["from", "helo", "host", "password", "to.1"]);
    // The shared host rules apply even while other fields have problems.
    expect(Object.keys(validateForm(form({ target: "bad host name", helo: "x y" }))).sort()).toEqual(["helo", "host"]);
    expect(validateForm(form({ target: "999.1.1.1" }))).toHaveProperty(["host"]);
    expect(errors["to.1"]).toMatch(/broken/);
  });

  it("refuses CR/LF in anything that reaches the wire (command injection)", () => {
    const errors = validateForm(form({ target: "mx.example.com", helo: "pc1\r\nRCPT TO:<x@y>" }));
    expect(errors["helo"]).toBeDefined();
  });

  it("checks timeouts: a number of seconds within the schema's range", () => {
    expect(validateForm(form({ target: "mx.example.com", timeouts: { ...DEFAULT_FORM.timeouts, dnsMs: "soon" } }))).toHaveProperty(["timeouts.dnsMs"]);
    expect(validateForm(form({ target: "mx.example.com", timeouts: { ...DEFAULT_FORM.timeouts, greetingMs: "0.01" } }))).toHaveProperty(["timeouts.greetingMs"]);
    expect(toRequest(form({ target: "mx.example.com", timeouts: { ...DEFAULT_FORM.timeouts, greetingMs: "300" } })).request.timeouts).toMatchObject({ greetingMs: 300_000 });
  });

  it("needs a recipient to send a test message", () => {
    expect(validateForm(form({ target: "mx.example.com", send: true }))).toHaveProperty(["to.0"]);
  });

  it("checks an e-mail target's domain through MX", () => {
    const f = form({ target: "someone@example.org" });
    expect(validateForm(f)).toEqual({});
    expect(toRequest(f).request).toMatchObject({ host: "example.org", mx: true });
  });
});

describe("fields named by validators and by the server", () => {
  it("maps them to the form's fields", () => {
    expect(["port", "request.host", "mx"].map(formFieldOf)).toEqual(["host", "host", "host"]);
    expect(formFieldOf("to")).toBe("to.0");
    expect(formFieldOf("request.to.3")).toBe("to.3");
    expect(formFieldOf("auth.user")).toBe("authUser");
    expect(formFieldOf("secrets.password")).toBe("password");
    expect(formFieldOf("timeouts.greetingMs")).toBe("timeouts.greetingMs");
    expect(formFieldOf("progressIntervalMs")).toBe("form");
  });

  it("focuses the first field in form order", () => {
    expect(firstErrorField({ password: "x", "to.10": "x", "to.2": "x", host: "x" })).toBe("host");
    expect(firstErrorField({ password: "x", "to.10": "x", "to.2": "x" })).toBe("to.2");
    expect(firstErrorField({})).toBeUndefined();
  });
});

describe("provider presets", () => {
  it("fill host, port and TLS mode, and every preset passes validation", () => {
    const gmail465 = presetById("gmail-465");
    if (!gmail465) throw new Error("missing preset");
    expect(applyPreset(DEFAULT_FORM, gmail465)).toMatchObject({ target: "smtp.gmail.com:465", tls: "implicit" });
    for (const preset of PROVIDER_PRESETS) {
      expect(validateForm(applyPreset(DEFAULT_FORM, preset)), preset.id).toEqual({});
      expect(preset.tls === "implicit", preset.id).toBe(preset.port === 465);
    }
    expect(new Set(PROVIDER_PRESETS.map((p) => p.id)).size).toBe(PROVIDER_PRESETS.length);
  });
});
