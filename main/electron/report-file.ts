import { open } from "node:fs/promises";
import path from "node:path";
import type { OpenedReport } from "../../shared/contract/desktop";
import { MAX_REPORT_CHARS, parseReportJson, ReportImportError } from "../../shared/report/report-import";

/**
 * Reading a report file the OS handed us (double-click on a .ehlo file, "Open with", the File
 * menu). The file is untrusted: its size is capped before reading, it must be UTF-8, and its
 * content must pass `parseReportJson` (ehlo.report/1 schema, no prototype keys) before the
 * renderer sees a byte of it. Only the file's base name travels with it.
 */

export type ReportFileResult = { ok: true; report: OpenedReport } | { ok: false; reason: string };

/** UTF-8 bytes per character are at least one, so a file within this many bytes has at most MAX_REPORT_CHARS characters. */
export const MAX_REPORT_BYTES = MAX_REPORT_CHARS;

export async function readReportFile(file: string): Promise<ReportFileResult> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, reason: `${name} is not a file.` };
      if (info.size > MAX_REPORT_BYTES) {
        return { ok: false, reason: `${name} is too large for an Ehlo report (${Math.round(info.size / 1048576)} MB; at most ${MAX_REPORT_BYTES / 1048576} MB).` };
      }
      // Read at most the cap plus one byte, whatever the size said: the file may grow meanwhile.
      const buffer = Buffer.alloc(Math.min(info.size, MAX_REPORT_BYTES) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > MAX_REPORT_BYTES) return { ok: false, reason: `${name} is too large for an Ehlo report.` };
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it does not exist (moved or deleted?)" : code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? (error as Error).message);
    return { ok: false, reason: `${name} could not be opened: ${why}.` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, reason: `${name} is not a text file (it is not UTF-8), so it is not an Ehlo report.` };
  }
  try {
    return { ok: true, report: { fileName: name, document: parseReportJson(text) } };
  } catch (error) {
    if (error instanceof ReportImportError) return { ok: false, reason: `${name}: ${error.message}` };
    throw error;
  }
}
