import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { DiscoverRequestSchema } from "../../shared/contract/discovery";
import { MatrixRunParamsSchema } from "../../shared/contract/methods-network";
import { checkStepRequest, discoverParams, matrixPorts, networkMatrixParams, validateIntake } from "./guided-requests";
import { EMPTY_INTAKE, guidedReducer, INITIAL_GUIDED, type ChosenServer, type GuidedAction, type GuidedState } from "./guided-steps";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const intake = { ...EMPTY_INTAKE, address: "someone@example.test", dnsServer: "127.0.0.1:5353", extraCaPem: PEM };
const server: ChosenServer = { host: "mail.example.test", port: 587, tls: "starttls", source: "autoconfig", verified: true, trusted: true };
const run = (state: GuidedState, ...actions: GuidedAction[]): GuidedState => actions.reduce(guidedReducer, state);
const ready = run(INITIAL_GUIDED, { type: "intake", patch: intake }, { type: "confirm" }, { type: "choose", server });

describe("step 1's checks", () => {
  it("needs a full address; a DNS server must be an IP (port optional); extra roots must be PEM", () => {
    expect(validateIntake(EMPTY_INTAKE)).toEqual({ address: expect.stringMatching(/e-mail address/) });
    expect(Object.keys(validateIntake({ ...EMPTY_INTAKE, address: "someone" }))).toEqual(["address"]);
    expect(validateIntake({ ...EMPTY_INTAKE, address: "a@b.test\r\nRSET" }).address).toMatch(/line break|CR|control/i);
    expect(Object.keys(validateIntake({ ...intake, dnsServer: "dns.example.test" }))).toEqual(["dnsServer"]);
    expect(Object.keys(validateIntake({ ...intake, extraCaPem: "hello" }))).toEqual(["extraCaPem"]);
    expect(validateIntake(intake)).toEqual({});
    expect(validateIntake({ ...intake, dnsServer: "[::1]:53", extraCaPem: "" })).toEqual({});
  });
});

describe("what each step sends", () => {
  it("discovery: the address, the DNS server (port 53 unless given) and the roots, valid for the contract", () => {
    const params = discoverParams({ ...intake, address: " someone@example.test ", dnsServer: "192.0.2.53" });
    expect(params).toMatchObject({ target: "someone@example.test", dnsServer: { address: "192.0.2.53", port: 53 }, extraCaPem: PEM });
    expect(DiscoverRequestSchema.safeParse(params).success).toBe(true);
    expect(discoverParams({ ...intake, dnsServer: "", extraCaPem: "" })).not.toHaveProperty("dnsServer");
  });

  it("the matrix: the chosen host on 25, 465, 587, 2525, plus the chosen port when it is another", () => {
    expect(matrixPorts(server)).toEqual([25, 465, 587, 2525]);
    expect(matrixPorts({ ...server, port: 10587 })).toEqual([25, 465, 587, 2525, 10587]);
    const params = networkMatrixParams(intake, server);
    expect(params.spec).toEqual({ host: "mail.example.test", ports: [25, 465, 587, 2525] });
    expect(params.options).toMatchObject({ concurrency: 8, dnsServer: { address: "127.0.0.1", port: 5353 }, extraCaPem: PEM });
    expect(MatrixRunParamsSchema.safeParse(params).success).toBe(true);
  });

  it("TLS: the chosen server and mode, no login, no other ports; the password is never in the request", () => {
    const built = checkStepRequest(ready, "tls", { password: "hunter2" });
    if (!("built" in built)) throw new Error(JSON.stringify(built.errors));
    expect(built.built.request).toMatchObject({ host: "mail.example.test", port: 587, tls: "starttls", alternativePorts: [], dnsServer: { address: "127.0.0.1", port: 5353 } });
    expect(built.built.request.auth).toBeUndefined();
    expect(built.built.secrets).toEqual({});
    expect(CheckRequestSchema.safeParse(built.built.request).success).toBe(true);
  });

  it("login: the user (the address by default) and the password beside the request; XOAUTH2 sends a token", () => {
    expect(checkStepRequest(ready, "auth", { password: "" })).toEqual({ errors: { password: expect.stringMatching(/password/) } });
    const built = checkStepRequest(ready, "auth", { password: "hunter2" });
    if (!("built" in built)) throw new Error("refused");
    expect(built.built.request.auth).toEqual({ user: "someone@example.test" });
    expect(built.built.secrets).toEqual({ password: "hunter2" });
    expect(JSON.stringify(built.built.request)).not.toContain("hunter2");
    const oauth = checkStepRequest(run(ready, { type: "auth", patch: { mechanism: "XOAUTH2" } }), "auth", { password: "ya29.token" });
    expect("built" in oauth && oauth.built.secrets).toEqual({ token: "ya29.token" });
    const injected = checkStepRequest(run(ready, { type: "auth", patch: { user: "me\r\nRSET" } }), "auth", { password: "x" });
    expect("errors" in injected && Object.keys(injected.errors)).toEqual(["authUser"]);
  });

  it("sending test: needs a recipient; RCPT only unless DATA is asked for; logs in only when a password was typed", () => {
    expect(checkStepRequest(ready, "send", { password: "" })).toEqual({ errors: { to: expect.stringMatching(/address/) } });
    const withTo = run(ready, { type: "send", patch: { to: "helpdesk@example.test" } });
    const rcptOnly = checkStepRequest(withTo, "send", { password: "" });
    if (!("built" in rcptOnly)) throw new Error("refused");
    expect(rcptOnly.built.request).toMatchObject({ from: "someone@example.test", to: ["helpdesk@example.test"], send: false });
    expect(rcptOnly.built.request.auth).toBeUndefined();
    const data = checkStepRequest(run(withTo, { type: "send", patch: { data: true } }), "send", { password: "pw" });
    if (!("built" in data)) throw new Error("refused");
    expect(data.built.request).toMatchObject({ send: true, auth: { user: "someone@example.test" } });
    const bad = checkStepRequest(run(withTo, { type: "send", patch: { from: "no spaces@x.test" } }), "send", { password: "" });
    expect("errors" in bad && Object.keys(bad.errors)).toEqual(["from"]);
  });

  it("refuses to build a check before a server was chosen", () => {
    const none = run(INITIAL_GUIDED, { type: "intake", patch: intake }, { type: "confirm" });
    expect(checkStepRequest(none, "tls", { password: "" })).toEqual({ errors: { form: expect.any(String) } });
  });
});
