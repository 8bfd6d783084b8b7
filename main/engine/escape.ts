/**
 * Makes received bytes safe to show and store: valid UTF-8 is kept, control characters and
 * invalid bytes become \xNN, so a transcript line can never carry terminal escape sequences or
 * break a view.
 */
const decoder = new TextDecoder("utf-8", { fatal: true });

export function escapeLine(bytes: Uint8Array): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    // Not valid UTF-8: escape every byte outside printable ASCII.
    let out = "";
    for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : hex(b);
    return out;
  }
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, (c) => hex(c.charCodeAt(0)));
}

function hex(b: number): string {
  return `\\x${b.toString(16).padStart(2, "0")}`;
}

/** Share of bytes that are neither printable ASCII nor common whitespace. */
export function binaryRatio(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let odd = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b >= 0x7f) odd++;
  return odd / bytes.length;
}
