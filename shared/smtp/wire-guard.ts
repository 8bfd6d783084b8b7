import { InputError } from "./input-error";

/** Human names for the characters that can smuggle a second SMTP command into a line. */
const FORBIDDEN: ReadonlyArray<[string, string]> = [
  ["\r", "a carriage return (CR)"],
  ["\n", "a line feed (LF)"],
  ["\0", "a NUL byte"],
];

/**
 * Refuses any user-supplied text that would reach the wire with CR, LF or NUL in it.
 * RFC 5321 2.3.8: lines end with CRLF, so a CR or LF inside a value would end the command
 * early and let the rest of the value run as a new command (SMTP command injection).
 */
export function assertWireSafe(field: string, label: string, value: string): void {
  for (const [char, name] of FORBIDDEN) {
    const at = value.indexOf(char);
    if (at !== -1) {
      throw new InputError(
        field,
        `The ${label} contains ${name} at position ${at + 1}. Line breaks and NUL bytes are refused ` +
          `because they could inject extra SMTP commands; remove them and try again.`,
      );
    }
  }
}

export function isWireSafe(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}
