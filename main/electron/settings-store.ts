import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ViewStateSchema } from "../../shared/contract/desktop";
import { writeFileAtomic } from "../services/atomic-file";
import { WindowStateSchema } from "./window-state";

/**
 * The desktop app's own settings (settings.json in Electron's userData folder): window place,
 * recent reports, the View menu's language and theme. Never a host, an address or a secret.
 * Saved atomically (temporary file, fsync, rename: see services/atomic-file), so a crash or a
 * power cut leaves the old file or the new one, never half of one. A file that is damaged anyway
 * (disk error, hand edit, a newer version) is set aside, not overwritten, and the user is told.
 */

export const SETTINGS_FILE = "settings.json";
export const MAX_RECENT_REPORTS = 10;
/** A settings file is a few hundred bytes; anything this big is not ours. */
export const MAX_SETTINGS_BYTES = 256 * 1024;

export const SettingsSchema = z.strictObject({
  version: z.literal(1),
  window: WindowStateSchema.optional(),
  recentReports: z.array(z.string().min(1).max(4096)).max(MAX_RECENT_REPORTS),
  view: ViewStateSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return { version: 1, recentReports: [] };
}

export interface LoadedSettings {
  settings: Settings;
  /** Set once when the file was damaged or unreadable: show it to the user, then forget it. */
  notice: string | null;
}

/** Why the text is not a valid settings file, or null when it is. */
function problemWith(text: string): { settings: Settings } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not valid JSON (${(error as Error).message})` };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > 1) return { problem: `it was written by a newer version of Ehlo (settings version ${version})` };
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join(".") || "the file"}: ${issue?.message ?? "invalid"}` };
  }
  return { settings: parsed.data };
}

/** `settings.json` → `settings.damaged-2025-01-31T10-20-30Z.json`, beside it. */
export function backupName(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  const ext = path.extname(file);
  return `${path.basename(file, ext)}.damaged-${stamp}${ext}`;
}

/** Reads the settings; a missing file is a first start (defaults, no notice). */
export async function loadSettings(file: string, now: Date = new Date()): Promise<LoadedSettings> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_SETTINGS_BYTES) {
      return await setAside(file, now, `it is ${bytes.length} bytes, far larger than a settings file`);
    }
    text = bytes.toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { settings: defaultSettings(), notice: null };
    return { settings: defaultSettings(), notice: `Ehlo could not read its settings file ${file} (${code ?? (error as Error).message}) and started with default settings.` };
  }
  const checked = problemWith(text);
  if ("settings" in checked) return { settings: checked.settings, notice: null };
  return setAside(file, now, checked.problem);
}

async function setAside(file: string, now: Date, problem: string): Promise<LoadedSettings> {
  const backup = path.join(path.dirname(file), backupName(file, now));
  try {
    await rename(file, backup);
  } catch (error) {
    return {
      settings: defaultSettings(),
      notice: `Ehlo's settings file was damaged (${problem}) and could not be set aside (${(error as Error).message}). Ehlo started with default settings; the file will be replaced when settings change.`,
    };
  }
  return {
    settings: defaultSettings(),
    notice: `Ehlo's settings file was damaged (${problem}). It was kept as ${path.basename(backup)} in ${path.dirname(file)}, and Ehlo started with default settings.`,
  };
}

export async function saveSettings(file: string, settings: Settings): Promise<void> {
  const valid = SettingsSchema.parse(settings);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
}

/** The most recent first, no duplicates, at most MAX_RECENT_REPORTS. */
export function addRecent(recent: readonly string[], file: string): string[] {
  return [file, ...recent.filter((f) => f !== file)].slice(0, MAX_RECENT_REPORTS);
}

export interface SettingsStoreOptions {
  /** Saves are coalesced: moving a window fires dozens of events a second. */
  delayMs?: number;
  save?: (file: string, settings: Settings) => Promise<void>;
  onError?: (error: unknown) => void;
}

/** Settings in memory, saved in the background; `flush()` before quitting. Saves never overlap. */
export class SettingsStore {
  private current: Settings;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly delayMs: number;
  private readonly save: (file: string, settings: Settings) => Promise<void>;
  private readonly onError: (error: unknown) => void;

  constructor(
    readonly file: string,
    initial: Settings,
    options: SettingsStoreOptions = {},
  ) {
    this.current = SettingsSchema.parse(initial);
    this.delayMs = options.delayMs ?? 500;
    this.save = options.save ?? saveSettings;
    this.onError = options.onError ?? ((e) => console.warn(`settings: could not save: ${(e as Error).message}`));
  }

  get(): Settings {
    return this.current;
  }

  /** Whether changes are waiting to be written. */
  get pending(): boolean {
    return this.dirty;
  }

  update(change: (settings: Settings) => Settings): void {
    this.current = SettingsSchema.parse(change(this.current));
    this.dirty = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes pending changes now; resolves when everything asked for so far is on disk. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty) {
      this.dirty = false;
      const snapshot = this.current;
      this.chain = this.chain.then(() => this.save(this.file, snapshot)).catch((error: unknown) => this.onError(error));
    }
    return this.chain;
  }
}
