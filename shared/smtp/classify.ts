import type { FindingId, Severity } from "../contract/findings";

/**
 * Direct verdicts from one reply, shared by the engine and any face that re-reads a transcript.
 * Pure: the reply text is what the server wrote, the code its first digit's class (RFC 5321 4.2.1).
 */
export interface Verdict {
  id: FindingId;
  severity: Severity;
}

function isRelayRefusal(code: number, text: string): boolean {
  // Postfix "Relay access denied", Exchange "Unable to relay" (5.7.54 / 5.7.64), Sendmail
  // "Relaying denied", Exim "relay not permitted".
  return code >= 500 && /relay(ing)? (access )?(denied|not permitted)|unable to relay/i.test(text);
}

export function classifyRcpt(code: number, text: string): Verdict | null {
  if (code === 250) return null;
  if (code === 251) return { id: "rcpt.forwarded", severity: "info" }; // RFC 5321 3.4
  if (code === 252) return { id: "rcpt.cannot-verify", severity: "info" }; // RFC 5321 3.5.3
  if (code >= 400 && code < 500) return { id: "rcpt.deferred", severity: "warning" };
  const gate = classifyGate(code, text);
  if (gate) return gate;
  if (isRelayRefusal(code, text)) return { id: "rcpt.relay-denied", severity: "error" };
  if (code >= 500) return { id: "rcpt.rejected", severity: "error" };
  return { id: "server.protocol-error", severity: "error" };
}

export function classifyMail(code: number, text: string): Verdict | null {
  if (code >= 200 && code < 300) return null;
  return classifyGate(code, text) ?? { id: "mail.rejected", severity: code < 500 ? "warning" : "error" };
}

/**
 * 530 is the server's gate: "Must issue a STARTTLS command first" (RFC 3207 4) or
 * "Authentication required" (RFC 4954 6). Either can come at MAIL or RCPT.
 */
function classifyGate(code: number, text: string): Verdict | null {
  if (code !== 530 && !(code === 550 && /must issue a starttls/i.test(text))) return null;
  if (/starttls|tls|encrypt/i.test(text)) return { id: "starttls.required", severity: "error" };
  return { id: "auth.required", severity: "error" };
}

export function classifyAuthFailure(code: number): Verdict {
  switch (code) {
    case 538: // RFC 4954 6: encryption required for requested authentication mechanism
      return { id: "auth.requires-tls", severity: "error" };
    case 504: // unrecognised mechanism
    case 534: // mechanism too weak
      return { id: "auth.mechanism-unsupported", severity: "error" };
    default:
      return { id: "auth.failed", severity: code < 500 ? "warning" : "error" };
  }
}
