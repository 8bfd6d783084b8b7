import { base64ToBytes, safeFileName } from "../model/download";

/**
 * Saves an exported report: a Blob behind an <a download>, clicked. Works the same in Chromium
 * (the loopback host) and Electron (its default download handling asks where to save), needs
 * no permission, and no window is opened. The object URL is released once the save has begun.
 */
export function downloadFile(file: { fileName: string; mime: string; base64: string }): void {
  const blob = new Blob([base64ToBytes(file.base64)], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = safeFileName(file.fileName);
  anchor.rel = "noopener";
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
