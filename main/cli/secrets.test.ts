import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_MECHANISMS } from "../../shared/contract/check-request";
import { AUTH_PASSWORD, AUTH_TOKEN, AUTH_USER, startAuthServer, type AuthServer } from "../testing/auth-server";
import { captureIo } from "../testing/capture-io";
import { secretForms } from "../engine/sasl";
import { runCli } from "./program";

describe("the secret never appears in CLI output (human or JSON)", () => {
  let server: AuthServer;
  let caFile: string;
  beforeAll(async () => {
    server = await startAuthServer({ tls: "starttls" });
    caFile = join(mkdtempSync(join(tmpdir(), "ehlo-ca-")), "ca.pem");
    writeFileSync(caFile, server.caPem);
  });
  afterAll(() => server.close());

  for (const mech of AUTH_MECHANISMS) {
    for (const json of [false, true]) {
      it(`${mech}, ${json ? "--json" : "human"}`, async () => {
        const secret = mech === "XOAUTH2" ? AUTH_TOKEN : AUTH_PASSWORD;
        const io = captureIo({ env: { EHLO_PASSWORD: secret } });
        const args = ["check", `${server.host}:${server.port}`, "--tls", "starttls", "--ca-file", caFile, "--auth-user", AUTH_USER, "--auth-mech", mech, "--timing"];
        const code = await runCli(json ? [...args, "--json"] : args, io);
        expect(code).toBe(0);
        const all = io.stdout() + io.stderr();
        expect(all).toMatch(json ? /"code": 235/ : /235 /);
        expect(all).toContain("<redacted>");
        for (const form of secretForms(AUTH_USER, secret)) expect(all).not.toContain(form);
      });
    }
  }

  it("asks for the password on a terminal when EHLO_PASSWORD is not set", async () => {
    let asked = "";
    const io = captureIo({
      promptSecret: async (q) => {
        asked = q;
        return AUTH_PASSWORD;
      },
    });
    const code = await runCli(["check", `${server.host}:${server.port}`, "--tls", "starttls", "--ca-file", caFile, "--auth-user", AUTH_USER], io);
    expect(asked).toBe(`Password for ${AUTH_USER}: `);
    expect(code).toBe(0);
    expect(io.stdout()).not.toContain(AUTH_PASSWORD);
  });
});
