import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { open, rename, unlink, access } from "node:fs/promises";
import path from "node:path";

/**
 * Crash-safe file writes: the data goes to a temporary file in the same folder, is flushed to
 * disk (fsync), and only then renamed over the final name; the folder is fsynced too so the
 * rename itself survives a power cut. rename(2) within one file system is atomic (POSIX; NTFS
 * MoveFileEx likewise), so a reader sees either no file or the whole file, never a torn one.
 * Temporary names start with "." and end in ".tmp", which readers skip.
 */

export interface AtomicWriteOptions {
  /** File mode for a new file (default 0o644; history uses 0o600: it is private). */
  mode?: number;
  /** Refuse to replace an existing file (default false). */
  exclusive?: boolean;
}

export function isTempName(name: string): boolean {
  return name.startsWith(".") && name.endsWith(".tmp");
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync (EISDIR/EPERM); NTFS journals the rename itself.
  if (process.platform === "win32") return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // "wx": never follow or reuse an existing path for the temporary file.
  const handle = await open(tmp, "wx", options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive && (await exists(file))) {
      throw Object.assign(new Error(`${file} already exists; not replacing it.`), { code: "EEXIST" });
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
