/**
 * An exported report as a file the browser saves (pure part): main sends the bytes as base64
 * (PDF is binary; every transport carries text), the page turns them back into bytes for a Blob.
 */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A name the OS accepts everywhere: no separators or reserved characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? "_" : char))
    .join("")
    .replace(/_+/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  return cleaned.slice(-120) || "ehlo-report";
}
