import { createHmac } from "node:crypto";
import type { AuthMechanism } from "../../shared/contract/check-request";

/** What to put on the wire, and what the transcript shows instead (secrets never shown). */
export interface SaslLine {
  line: string;
  display: string;
  redacted: boolean;
}

export interface SaslExchange {
  /** The AUTH command, with an initial response where the mechanism has one. */
  start(): SaslLine;
  /** The answer to a 334 challenge (decoded from base64). */
  respond(challenge: string): SaslLine;
}

export const REDACTED = "<redacted>";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/**
 * SASL mechanisms for SMTP AUTH (RFC 4954). The secret lives only in this closure and on the
 * socket; every line that carries it, or anything derived from it, is displayed as <redacted>.
 */
export function createSaslExchange(mechanism: AuthMechanism, user: string, secret: string): SaslExchange {
  switch (mechanism) {
    case "PLAIN":
      // RFC 4616 2: message = [authzid] NUL authcid NUL passwd, sent as the initial response.
      return {
        start: () => ({ line: `AUTH PLAIN ${b64(`\0${user}\0${secret}`)}`, display: `AUTH PLAIN ${REDACTED}`, redacted: true }),
        respond: () => ({ line: "*", display: "* (cancel)", redacted: false }),
      };
    case "LOGIN": {
      // draft-murchison-sasl-login: the server asks "Username:" then "Password:".
      let step = 0;
      return {
        start: () => ({ line: "AUTH LOGIN", display: "AUTH LOGIN", redacted: false }),
        respond: (challenge) => {
          step++;
          const wantsPassword = /pass/i.test(challenge) || step >= 2;
          return wantsPassword
            ? { line: b64(secret), display: REDACTED, redacted: true }
            : { line: b64(user), display: b64(user), redacted: false };
        },
      };
    }
    case "CRAM-MD5":
      // RFC 2195 2: response = user SP hex(HMAC-MD5(password, challenge)). The digest is
      // redacted too: it allows an offline guess of the password.
      return {
        start: () => ({ line: "AUTH CRAM-MD5", display: "AUTH CRAM-MD5", redacted: false }),
        respond: (challenge) => {
          const digest = createHmac("md5", secret).update(challenge, "utf8").digest("hex");
          return { line: b64(`${user} ${digest}`), display: REDACTED, redacted: true };
        },
      };
    case "XOAUTH2":
      // Google/Microsoft XOAUTH2: user=…^Aauth=Bearer token^A^A. On failure the server sends a
      // 334 with a JSON error and expects an empty line before its final reply.
      return {
        start: () => ({ line: `AUTH XOAUTH2 ${b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`)}`, display: `AUTH XOAUTH2 ${REDACTED}`, redacted: true }),
        respond: () => ({ line: "", display: "(empty response)", redacted: false }),
      };
  }
}

/** The mechanism to use when the user did not force one: the first advertised of our preference. */
export function pickMechanism(advertised: readonly string[], hasToken: boolean): AuthMechanism | null {
  const order: AuthMechanism[] = hasToken ? ["XOAUTH2", "PLAIN", "LOGIN", "CRAM-MD5"] : ["PLAIN", "LOGIN", "CRAM-MD5"];
  return order.find((m) => advertised.includes(m)) ?? null;
}

/** Every form of the secret that could leak (for redaction checks and log scrubbing). */
export function secretForms(user: string, secret: string): string[] {
  return [secret, b64(secret), b64(`\0${user}\0${secret}`), b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`)];
}
