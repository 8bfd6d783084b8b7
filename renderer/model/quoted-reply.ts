/**
 * A reply the user read out or pasted into step 1's description ("it says 535 5.7.8
 * Authentication failed"), found in free text so the knowledge base can explain it right away
 * (pure). Only three-digit codes whose second digit is 0 to 5 count (RFC 5321 4.2's grammar),
 * and never digits that are part of a longer number or an address (2025, 192.0.2.250, :587).
 */
const REPLY = /(?<![\d.:])([2-5][0-5]\d)(?![\d.:])([ -][^\n]*)?/;

export function quotedReply(text: string): string | null {
  const match = REPLY.exec(text);
  if (!match) return null;
  const rest = (match[2] ?? "").replace(/^-/, " ").trimEnd();
  return `${match[1]}${rest}`.slice(0, 512);
}
