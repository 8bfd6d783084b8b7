/**
 * Smoke tests of the well-behaved auth fixture with plain node:net / node:tls clients.
 */
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { AUTH_PASSWORD, AUTH_TOKEN, AUTH_USER, startAuthServer, type AuthServer } from "./auth-server";
import { connectLines, type LineClient } from "./line-client";

const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
const plain = (password: string): string => `AUTH PLAIN ${b64(`\0${AUTH_USER}\0${password}`)}`;

const servers: AuthServer[] = [];
const clients: LineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startAuthServer>[0]): Promise<AuthServer> {
  const server = await startAuthServer(options);
  servers.push(server);
  return server;
}

/** Greeting, EHLO, STARTTLS with verification against the fixture CA, EHLO again. */
async function secureSession(server: AuthServer): Promise<LineClient> {
  const c = await connectLines(server.port);
  clients.push(c);
  expect((await c.readReply())[0]).toMatch(/^220 mx\.ehlo\.test /);
  expect((await c.command("EHLO client.ehlo.test")).join("\n")).toContain("STARTTLS");
  expect((await c.command("STARTTLS"))[0]).toMatch(/^220 /);
  const secure = await c.startTls({ ca: server.caPem });
  expect(secure.authorized).toBe(true);
  const caps = (await c.command("EHLO client.ehlo.test")).join("\n");
  expect(caps).toMatch(/AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2/);
  return c;
}

describe("auth server (STARTTLS)", () => {
  it("accepts PLAIN with the right password and refuses a wrong one with 535", async () => {
    const server = await start({});
    const good = await secureSession(server);
    expect((await good.command(plain(AUTH_PASSWORD)))[0]).toMatch(/^235 /);
    const bad = await secureSession(server);
    expect((await bad.command(plain("wrong password")))[0]).toMatch(/^535 /);
  });

  it("accepts LOGIN, CRAM-MD5 and XOAUTH2", async () => {
    const server = await start({});
    const login = await secureSession(server);
    expect((await login.command("AUTH LOGIN"))[0]).toBe("334 VXNlcm5hbWU6");
    expect((await login.command(b64(AUTH_USER)))[0]).toBe("334 UGFzc3dvcmQ6");
    expect((await login.command(b64(AUTH_PASSWORD)))[0]).toMatch(/^235 /);

    const cram = await secureSession(server);
    const [challengeLine] = await cram.command("AUTH CRAM-MD5");
    const challenge = Buffer.from((challengeLine ?? "").slice(4), "base64").toString("utf8");
    const digest = createHmac("md5", AUTH_PASSWORD).update(challenge).digest("hex");
    expect((await cram.command(b64(`${AUTH_USER} ${digest}`)))[0]).toMatch(/^235 /);

    const oauth = await secureSession(server);
    const token = b64(`user=${AUTH_USER}\x01auth=Bearer ${AUTH_TOKEN}\x01\x01`);
    expect((await oauth.command(`AUTH XOAUTH2 ${token}`))[0]).toMatch(/^235 /);
  });

  it("answers a wrong XOAUTH2 token with a JSON 334 challenge, then 535 (RFC 7628 3.2.2)", async () => {
    const server = await start({});
    const c = await secureSession(server);
    const token = b64(`user=${AUTH_USER}\x01auth=Bearer expired-token\x01\x01`);
    const [challenge] = await c.command(`AUTH XOAUTH2 ${token}`);
    expect(challenge).toMatch(/^334 /);
    expect(JSON.parse(Buffer.from((challenge ?? "").slice(4), "base64").toString("utf8"))).toMatchObject({
      status: "401",
    });
    expect((await c.command(""))[0]).toMatch(/^535 /);
  });

  it("refuses AUTH before STARTTLS unless allowInsecureAuth is set", async () => {
    const strict = await start({});
    const c = await connectLines(strict.port);
    clients.push(c);
    await c.readReply();
    await c.command("EHLO client.ehlo.test");
    expect((await c.command(plain(AUTH_PASSWORD)))[0]).toMatch(/^538 /);

    const lax = await start({ allowInsecureAuth: true });
    const d = await connectLines(lax.port);
    clients.push(d);
    await d.readReply();
    await d.command("EHLO client.ehlo.test");
    expect((await d.command(plain(AUTH_PASSWORD)))[0]).toMatch(/^235 /);
  });

  it("accepts RCPT only for @ehlo.test and keeps the message with dot-stuffing undone", async () => {
    const server = await start({});
    const c = await secureSession(server);
    expect((await c.command("MAIL FROM:<helpdesk@ehlo.test>"))[0]).toMatch(/^250 /);
    expect((await c.command("RCPT TO:<someone@elsewhere.example>"))[0]).toMatch(/^554 .*Relay access denied/);
    expect((await c.command("RCPT TO:<postmaster@ehlo.test>"))[0]).toMatch(/^250 /);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    for (const line of ["Subject: dot test", "X-Ehlo-Test: yes", "", "..leading dot", "end"]) c.send(line);
    expect((await c.command("."))[0]).toMatch(/^250 /);
    expect(server.messages).toHaveLength(1);
    const [message] = server.messages;
    expect(message).toMatchObject({ from: "helpdesk@ehlo.test", to: ["postmaster@ehlo.test"] });
    expect(message?.raw).toContain("Subject: dot test\r\nX-Ehlo-Test: yes\r\n\r\n.leading dot\r\nend");
    expect(message?.raw).not.toContain("..leading");
  });
});

describe("auth server (implicit TLS)", () => {
  it("greets over TLS only and authenticates PLAIN", async () => {
    const server = await start({ tls: "implicit" });
    const c = await connectLines(server.port, { tls: { ca: server.caPem, host: "127.0.0.1" } });
    clients.push(c);
    expect((await c.readReply())[0]).toMatch(/^220 /);
    expect((await c.command("EHLO client.ehlo.test")).join("\n")).not.toContain("STARTTLS");
    expect((await c.command(plain(AUTH_PASSWORD)))[0]).toMatch(/^235 /);
  });
});
