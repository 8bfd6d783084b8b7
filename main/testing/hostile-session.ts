/**
 * Hostile fixtures that greet correctly and then misbehave in the dialogue: broken replies,
 * refusals of EHLO, MAIL, RCPT, DATA and AUTH. Test-only code.
 */
import { certs } from "./certs";
import { FLOOD_BYTES } from "./hostile-greeting";
import { defineHostile, envelope, type HostileServerSpec } from "./hostile-spec";
import { close, collectData, next, reply, send, stream, type Rule, type Step } from "./scripted-server";
import { smtpScript } from "./smtp-script";

/** Deterministic bytes across the whole 0–255 range (NUL, controls, high bytes), no CR or LF. */
export function garbageBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i += 1) {
    // xorshift32: reproducible noise without depending on a random source.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const byte = state & 0xff;
    out[i] = byte === 0x0a || byte === 0x0d ? 0x00 : byte;
  }
  return out;
}

const ehloReplies = (step: Step): Rule[] => [{ match: "EHLO", reply: step }];

const PADDING_LINE = "250-X-FIXTURE-PADDING a capability line that never ends the reply\r\n";
const PADDING_CHUNK = PADDING_LINE.repeat(Math.floor(65536 / PADDING_LINE.length));

/** RFC 4954 4: AUTH dialogues with 334 continuations, every credential refused with 535. */
function refusingAuthRules(): Rule[] {
  const refuse = next((ctx) =>
    ctx.line === "*" ? reply("501 5.7.0 Authentication aborted") : reply("535 5.7.8 Error: authentication failed"),
  );
  const challenge = Buffer.from("<1896.697170952@mx.ehlo.test>").toString("base64");
  return [
    { match: /^AUTH PLAIN \S/i, reply: reply("535 5.7.8 Error: authentication failed") },
    { match: "AUTH PLAIN", reply: [reply("334 "), refuse] },
    { match: /^AUTH LOGIN \S/i, reply: [reply("334 UGFzc3dvcmQ6"), refuse] },
    { match: "AUTH LOGIN", reply: [reply("334 VXNlcm5hbWU6"), next([reply("334 UGFzc3dvcmQ6"), refuse])] },
    { match: "AUTH CRAM-MD5", reply: [reply(`334 ${challenge}`), refuse] },
    { match: "AUTH", reply: reply("504 5.5.4 Unrecognized authentication type") },
  ];
}

const AUTH_USER = { user: "helpdesk", mechanism: "PLAIN" } as const;

export const SESSION_SERVERS: Record<string, HostileServerSpec> = {
  "binary-garbage": defineHostile({
    description: "Greets normally, then answers EHLO with 2 KB of binary noise and a CRLF.",
    expectedFinding: "server.protocol-error",
    script: () => smtpScript({ rules: ehloReplies(send(Buffer.concat([garbageBytes(2048), Buffer.from("\r\n")]))) }),
  }),
  "endless-ehlo": defineHostile({
    description: "Answers EHLO with an endless stream of '250-' continuation lines (bounded at 100 MB).",
    expectedFinding: "server.protocol-error",
    script: () =>
      smtpScript({
        rules: ehloReplies(stream(PADDING_CHUNK, FLOOD_BYTES - (FLOOD_BYTES % PADDING_LINE.length))),
      }),
  }),
  "ehlo-refused-helo-ok": defineHostile({
    description: "An old server: EHLO gets 502 (not implemented), HELO works (RFC 5321 3.2 fallback).",
    expectedFinding: "ehlo.helo-fallback",
    clientOptions: envelope(),
    script: () => smtpScript({ rules: ehloReplies(reply("502 5.5.1 Error: command not implemented")) }),
  }),
  "ehlo-helo-refused": defineHostile({
    description: "Refuses both EHLO and HELO (e.g. the client name fails a policy check).",
    expectedFinding: "ehlo.rejected",
    script: () => {
      const refuse = reply("550 5.7.1 <client>: Helo command rejected: Host not found");
      return smtpScript({ rules: [{ match: "EHLO", reply: refuse }, { match: "HELO", reply: refuse }] });
    },
  }),
  "reply-code-999": defineHostile({
    description: "Answers EHLO with '999 what': three digits, but not a reply code (RFC 5321 4.2).",
    expectedFinding: "server.protocol-error",
    script: () => smtpScript({ rules: ehloReplies(reply("999 what")) }),
  }),
  "reply-not-a-code": defineHostile({
    description: "Answers EHLO with 'abc': no reply code at all.",
    expectedFinding: "server.protocol-error",
    script: () => smtpScript({ rules: ehloReplies(reply("abc")) }),
  }),
  "mixed-multiline-codes": defineHostile({
    description: "A multiline EHLO reply whose lines disagree: '250-a' then '220 b' (RFC 5321 4.2.1).",
    expectedFinding: "server.protocol-error",
    script: () => smtpScript({ rules: ehloReplies(reply("250-a", "220 b")) }),
  }),
  "close-after-ehlo": defineHostile({
    description: "Greets, then closes the connection without replying to EHLO.",
    expectedFinding: "server.closed",
    script: () => smtpScript({ rules: ehloReplies(close()) }),
  }),
  "bare-lf": defineHostile({
    description: "A complete, polite dialogue whose every reply line ends in LF instead of CRLF.",
    expectedFinding: "server.bare-lf",
    clientOptions: envelope(),
    script: () => smtpScript({ lineEnding: "\n" }),
  }),
  "mail-553": defineHostile({
    description: "Rejects the sender in MAIL FROM with 553.",
    expectedFinding: "mail.rejected",
    clientOptions: envelope(),
    script: () =>
      smtpScript({
        rules: [{ match: "MAIL FROM", reply: reply("553 5.7.1 <helpdesk@ehlo.test>: Sender address rejected: not owned by user") }],
      }),
  }),
  "rcpt-251": defineHostile({
    description: "Accepts the recipient with 251: not local, will forward (RFC 5321 3.4).",
    expectedFinding: "rcpt.forwarded",
    clientOptions: envelope(),
    script: () =>
      smtpScript({
        rules: [{ match: "RCPT TO", reply: reply("251 2.1.5 User not local; will forward to <postmaster@elsewhere.example>") }],
      }),
  }),
  "rcpt-252": defineHostile({
    description: "Answers RCPT with 252: cannot verify the user, will try delivery anyway.",
    expectedFinding: "rcpt.cannot-verify",
    clientOptions: envelope(),
    script: () =>
      smtpScript({
        rules: [{ match: "RCPT TO", reply: reply("252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery") }],
      }),
  }),
  "rcpt-450": defineHostile({
    description: "Defers the recipient with 450 (greylisting).",
    expectedFinding: "rcpt.deferred",
    clientOptions: envelope(),
    script: () =>
      smtpScript({
        rules: [{ match: "RCPT TO", reply: reply("450 4.2.0 <postmaster@ehlo.test>: Recipient address rejected: Greylisted, try again later") }],
      }),
  }),
  "rcpt-550": defineHostile({
    description: "Rejects the recipient with 550 5.1.1: no such mailbox.",
    expectedFinding: "rcpt.rejected",
    clientOptions: envelope("nobody@ehlo.test"),
    script: () =>
      smtpScript({
        rules: [{ match: "RCPT TO", reply: reply("550 5.1.1 <nobody@ehlo.test>: Recipient address rejected: User unknown in virtual mailbox table") }],
      }),
  }),
  "rcpt-relay-denied": defineHostile({
    description: "Refuses to relay to a foreign domain for an unauthenticated client: 554 5.7.1.",
    expectedFinding: "rcpt.relay-denied",
    clientOptions: envelope("someone@elsewhere.example"),
    script: () =>
      smtpScript({
        rules: [{ match: "RCPT TO", reply: reply("554 5.7.1 <someone@elsewhere.example>: Relay access denied") }],
      }),
  }),
  "data-554": defineHostile({
    description: "Accepts DATA with 354, takes the whole message, and rejects it after the final dot.",
    expectedFinding: "data.rejected",
    clientOptions: { ...envelope(), send: true },
    script: () =>
      smtpScript({
        rules: [
          {
            match: "DATA",
            reply: [
              reply("354 End data with <CR><LF>.<CR><LF>"),
              collectData(reply("554 5.7.1 Message rejected: content policy violation")),
            ],
          },
        ],
      }),
  }),
  "auth-535": defineHostile({
    description: "Offers STARTTLS and AUTH PLAIN LOGIN CRAM-MD5, then refuses every credential with 535.",
    expectedFinding: "auth.failed",
    clientOptions: { tls: "starttls", auth: AUTH_USER },
    secrets: { password: "not-the-password" },
    script: () => smtpScript({ starttls: certs.valid(), auth: "PLAIN LOGIN CRAM-MD5", rules: refusingAuthRules() }),
  }),
  "auth-538": defineHostile({
    description: "Offers AUTH on a plain connection (no STARTTLS) but answers AUTH with 538: encryption required (RFC 4954 6).",
    expectedFinding: "auth.requires-tls",
    clientOptions: { tls: "none", auth: AUTH_USER, allowInsecureAuth: true },
    secrets: { password: "not-the-password" },
    script: () =>
      smtpScript({
        auth: "PLAIN LOGIN",
        rules: [{ match: "AUTH", reply: reply("538 5.7.11 Encryption required for requested authentication mechanism") }],
      }),
  }),
};
