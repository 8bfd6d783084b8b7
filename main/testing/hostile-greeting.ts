/**
 * Hostile fixtures that misbehave before or during the greeting (RFC 5321 3.1, 4.2).
 * Test-only code.
 */
import { certs } from "./certs";
import { defineHostile, type HostileServerSpec } from "./hostile-spec";
import { close, reply, reset, send, silent, stream, wait } from "./scripted-server";
import { GREETING, smtpScript } from "./smtp-script";

/** Upper bound of every flood: big enough to defeat any sane limit, small enough to end. */
export const FLOOD_BYTES = 100 * 1024 * 1024;

const FLOOD_CHUNK = "A".repeat(64 * 1024);

export const GREETING_SERVERS: Record<string, HostileServerSpec> = {
  "silent": defineHostile({
    description: "Accepts the TCP connection and never says a word.",
    expectedFinding: "greeting.timeout",
    clientOptions: { timeouts: { greetingMs: 1000 } },
    script: () => ({ onConnect: silent(), otherwise: silent() }),
  }),
  "close-at-once": defineHostile({
    description: "Accepts the connection and closes it (FIN) before any greeting.",
    expectedFinding: "greeting.closed",
    script: () => ({ onConnect: close() }),
  }),
  "reset-at-once": defineHostile({
    description: "Accepts the connection and aborts it with a TCP RST.",
    expectedFinding: "tcp.reset",
    script: () => ({ onConnect: reset() }),
  }),
  "ssh-banner": defineHostile({
    description: "An SSH daemon: sends its identification string instead of a 220 greeting.",
    expectedFinding: "greeting.not-smtp",
    script: () => ({
      onConnect: reply("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"),
      otherwise: [reply("Invalid SSH identification string."), close()],
    }),
  }),
  "http-reply": defineHostile({
    description: "A web server or proxy that answers with an HTTP error and closes.",
    expectedFinding: "greeting.not-smtp",
    script: () => ({
      onConnect: [
        send(
          "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n" +
            "Content-Length: 0\r\nConnection: close\r\n\r\n",
        ),
        close(),
      ],
    }),
  }),
  "imap-banner": defineHostile({
    description: "An IMAP server (wrong port): greets with '* OK'.",
    expectedFinding: "greeting.not-smtp",
    script: () => ({
      onConnect: reply("* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready."),
      otherwise: (ctx) => reply(`${ctx.line.split(" ")[0] ?? "*"} BAD Error in IMAP command: Unknown command.`),
    }),
  }),
  "pop3-banner": defineHostile({
    description: "A POP3 server (wrong port): greets with '+OK'.",
    expectedFinding: "greeting.not-smtp",
    script: () => ({
      onConnect: reply("+OK Dovecot (Debian) ready."),
      otherwise: reply("-ERR Unknown command."),
    }),
  }),
  "ftp-banner": defineHostile({
    description:
      "An FTP server (wrong port). Its '220 ProFTPD' greeting is valid reply syntax, so the " +
      "greeting alone proves nothing; the evidence is that EHLO and HELO both get 500.",
    expectedFinding: "ehlo.rejected",
    script: () => ({
      onConnect: reply("220 ProFTPD Server (Debian) [::ffff:127.0.0.1]"),
      rules: [{ match: "QUIT", reply: [reply("221 Goodbye."), close()] }],
      otherwise: (ctx) => reply(`500 ${(ctx.line.split(" ")[0] ?? "").toUpperCase()} not understood`),
    }),
  }),
  "greeting-554": defineHostile({
    description:
      "Refuses service in the greeting (554) and then only accepts QUIT, as RFC 5321 3.1 describes.",
    expectedFinding: "greeting.rejected",
    script: () => ({
      onConnect: reply("554 5.7.1 mx.ehlo.test ESMTP not accepting connections from 127.0.0.1"),
      rules: [{ match: "QUIT", reply: [reply("221 2.0.0 Bye"), close()] }],
      otherwise: reply("503 5.5.1 Error: no SMTP service here"),
    }),
  }),
  "greeting-421": defineHostile({
    description: "Sends 421 (service not available) as its greeting and closes.",
    expectedFinding: "greeting.rejected",
    script: () => ({
      onConnect: [reply("421 4.3.2 mx.ehlo.test Service not available, closing transmission channel"), close()],
    }),
  }),
  "greeting-late": defineHostile({
    description: "A normal server whose greeting arrives only after 4 seconds (tarpit or slow DNS checks).",
    expectedFinding: "greeting.slow",
    script: () => smtpScript({ greeting: [wait(4000), reply(GREETING)] }),
  }),
  "multiline-greeting": defineHostile({
    description:
      "A well-behaved server with a three-line greeting (220- … 220 ), STARTTLS with a trusted " +
      "certificate and a normal dialogue. Nothing is wrong.",
    expectedFinding: "session.ok",
    clientOptions: { tls: "starttls" },
    script: () =>
      smtpScript({
        greeting: reply("220-mx.ehlo.test ESMTP Ehlo fixture", "220-Multiline greeting, line 2", "220 Ready"),
        starttls: certs.valid(),
      }),
  }),
  "endless-line": defineHostile({
    description: "Starts a greeting and streams 100 MB of 'A' without ever sending CRLF.",
    expectedFinding: "server.line-too-long",
    script: () => ({ onConnect: [send("220 "), stream(FLOOD_CHUNK, FLOOD_BYTES)], otherwise: silent() }),
  }),
  "implicit-tls-only": defineHostile({
    description:
      "An implicit-TLS port (like 465): waits silently for a TLS ClientHello; a plain-text client " +
      "hears nothing. Over TLS it is a normal SMTP server with a trusted certificate.",
    expectedFinding: "greeting.tls-expected",
    clientOptions: { tls: "auto", timeouts: { greetingMs: 1500 } },
    script: () => smtpScript({ implicitTls: certs.valid() }),
  }),
};
