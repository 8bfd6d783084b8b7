import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CheckRequestSchema, type CheckRequest } from "../../shared/contract/check-request";
import { CheckResultSchema, type CheckResult, type Outcome } from "../../shared/contract/check-result";
import { HISTORY_ID_PATTERN, HistoryHeaderSchema, type HistoryHeader } from "../../shared/contract/history";
import { redactResult, scrubSecrets } from "../../shared/report/redact";
import { parseReportJson } from "../../shared/report/report-import";
import { compareRuns, type RunComparison } from "../../shared/report/run-compare";
import { fsyncDir, isTempName, writeFileAtomic } from "./atomic-file";
import { appDataDir } from "./data-dir";

/**
 * History of finished checks.
 *
 * Storage: one JSON file per run in <data dir>/history/, named "<time>-<random>.json" (the id),
 * and no separate index. Why:
 *  - crash safety: each run is written once, atomically (temp file, fsync, rename, fsync dir);
 *    a crash loses at most the run being written and can never corrupt another run or an index,
 *    because there is no shared file to rewrite;
 *  - no native module: a database (SQLite) would need a native build per Electron version;
 *  - human-inspectable and easy to export: a run is a file you can open, attach or copy;
 *  - listing stays cheap: the first line of each file is a small header (id, host, outcome,
 *    findings) read without parsing the run, and cached per file name (files never change once
 *    written; a new id is a new file).
 * File layout (one valid JSON document):
 *   {"schema":"ehlo.history/1","header":{…},
 *   "request":{…the CheckRequest, for "run again"; null for imports and older files…},
 *   "result":{…the CheckResult, secrets redacted…}}
 */

export const HISTORY_SCHEMA = "ehlo.history/1";
const ID = HISTORY_ID_PATTERN;
const FILE = /^(\d{8}T\d{9}Z-[0-9a-f]{12})\.json$/;
const HEADER_BYTES = 64 * 1024;
const STALE_TEMP_MS = 60 * 60 * 1000;

// The header and id rules are part of the contract (shared/contract/history.ts).
export { HistoryHeaderSchema, type HistoryHeader };

export interface HistoryEntry {
  header: HistoryHeader;
  /** The request that ran the check ("run again"); null for imports and files from before it was kept. */
  request: CheckRequest | null;
  result: CheckResult;
}

export interface SaveMeta {
  source?: "check" | "import";
  /** Every form of the run's secrets (reports.secretsToScrub): scrubbed before writing. */
  secrets?: readonly string[];
  /** The request, kept so the run can be run again (it carries no secrets; scrubbed anyway). */
  request?: CheckRequest;
  /** An id chosen beforehand with `newHistoryId` (so a face can name the run before it is on disk). */
  id?: string;
}

export interface HistoryFilter {
  /** Case-insensitive part of the host name. */
  host?: string;
  outcome?: Outcome;
  /** Runs started at or after / at or before (ISO 8601 or Date). */
  from?: string | Date;
  to?: string | Date;
}

export interface HistoryComparison extends RunComparison {
  before: HistoryHeader;
  after: HistoryHeader;
}

export class HistoryError extends Error {
  override readonly name = "HistoryError";
  constructor(
    readonly code: "not-found" | "invalid-id" | "corrupt" | "invalid-import",
    message: string,
  ) {
    super(message);
  }
}

export interface HistoryStore {
  readonly dir: string;
  save(result: CheckResult, meta?: SaveMeta): Promise<HistoryHeader>;
  list(filter?: HistoryFilter): Promise<HistoryHeader[]>;
  get(id: string): Promise<HistoryEntry>;
  delete(id: string): Promise<void>;
  importReport(jsonText: string): Promise<HistoryHeader>;
  compare(idA: string, idB: string): Promise<HistoryComparison>;
}

/** "2026-11-29T06:16:00.418Z" → "20261129T061600418Z"; the time part of an id. */
function stamp(iso: string): string {
  const date = new Date(iso);
  const valid = Number.isNaN(date.getTime()) ? new Date() : date;
  return valid.toISOString().replace(/[-:.]/g, "");
}

/** A fresh id for a run that started at `startedAt`: ids sort by start time, then at random. */
export function newHistoryId(startedAt: string): string {
  return `${stamp(startedAt)}-${randomBytes(6).toString("hex")}`;
}

function checkId(id: string): void {
  // The id becomes a file name: anything else (../, separators) is refused before any fs call.
  if (!ID.test(id)) throw new HistoryError("invalid-id", `"${id.slice(0, 80)}" is not a history id (they look like 20261129T061600418Z-0123456789ab).`);
}

function toTime(value: string | Date | undefined): number | null {
  if (value === undefined) return null;
  const t = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(t)) throw new HistoryError("invalid-id", `"${String(value)}" is not a date (use ISO 8601, e.g. 2026-11-29 or 2026-11-29T08:00Z).`);
  return t;
}

export function openHistoryStore(options: { dir?: string; env?: Record<string, string | undefined> } = {}): HistoryStore {
  const dir = options.dir ?? path.join(appDataDir(options.env), "history");
  const headers = new Map<string, HistoryHeader>();
  const file = (id: string) => path.join(dir, `${id}.json`);

  async function ensureDir(): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  }

  /** Temporary files of writers that crashed long ago; recent ones may belong to a live writer. */
  async function sweepTemp(): Promise<void> {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!isTempName(name)) continue;
      const full = path.join(dir, name);
      const info = await stat(full).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await unlink(full).catch(() => undefined);
    }
  }

  async function readHeader(name: string): Promise<HistoryHeader | null> {
    const handle = await open(path.join(dir, name), "r").catch(() => null);
    if (!handle) return null;
    try {
      const buffer = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
      const text = buffer.subarray(0, bytesRead).toString("utf8");
      const end = text.indexOf("\n");
      if (end < 0 || !text.slice(0, end).endsWith(",")) return null;
      const parsed = z
        .object({ schema: z.literal(HISTORY_SCHEMA), header: HistoryHeaderSchema })
        .safeParse(JSON.parse(`${text.slice(0, end - 1)}}`));
      return parsed.success && `${parsed.data.header.id}.json` === name ? parsed.data.header : null;
    } catch {
      return null; // Not ours or damaged by hand: not listed, never fatal.
    } finally {
      await handle.close();
    }
  }

  async function write(result: CheckResult, source: "check" | "import", meta: SaveMeta): Promise<HistoryHeader> {
    const secrets = meta.secrets ?? [];
    const valid = CheckResultSchema.parse(result);
    const clean = redactResult(valid, secrets);
    const request = meta.request ? scrubSecrets(CheckRequestSchema.parse(meta.request), secrets) : null;
    if (meta.id !== undefined) checkId(meta.id);
    await ensureDir();
    const id = meta.id ?? newHistoryId(clean.startedAt);
    const header: HistoryHeader = {
      id,
      savedAt: new Date().toISOString(),
      startedAt: clean.startedAt,
      host: clean.target.host,
      port: clean.target.port,
      tls: clean.target.tls,
      outcome: clean.outcome,
      durationMs: clean.durationMs,
      findings: clean.findings.map((f) => ({ id: f.id, severity: f.severity })),
      source,
    };
    // JSON.stringify never emits a raw line break, so line 1 is exactly the header.
    const text =
      `{"schema":${JSON.stringify(HISTORY_SCHEMA)},"header":${JSON.stringify(header)},\n` +
      `"request":${JSON.stringify(request)},\n"result":${JSON.stringify(clean, null, 1)}}\n`;
    await writeFileAtomic(file(id), text, { mode: 0o600, exclusive: true });
    headers.set(`${id}.json`, header);
    await sweepTemp();
    return header;
  }

  async function list(filter: HistoryFilter = {}): Promise<HistoryHeader[]> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => FILE.test(name));
    const present = new Set(names);
    for (const name of headers.keys()) if (!present.has(name)) headers.delete(name);
    const from = toTime(filter.from);
    const to = toTime(filter.to);
    const host = filter.host?.toLowerCase();
    const out: HistoryHeader[] = [];
    for (const name of names) {
      let header = headers.get(name) ?? null;
      if (!header) {
        header = await readHeader(name);
        if (header) headers.set(name, header);
      }
      if (!header) continue;
      const t = new Date(header.startedAt).getTime();
      if (host && !header.host.toLowerCase().includes(host)) continue;
      if (filter.outcome && header.outcome !== filter.outcome) continue;
      if (from !== null && !(t >= from)) continue;
      if (to !== null && !(t <= to)) continue;
      out.push(header);
    }
    // Ids start with the start time, so they sort chronologically; newest first.
    return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  async function get(id: string): Promise<HistoryEntry> {
    checkId(id);
    let text: string;
    try {
      text = await readFile(file(id), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new HistoryError("not-found", `No run ${id} in the history (${dir}).`);
      throw error;
    }
    const parsed = z
      .object({ schema: z.literal(HISTORY_SCHEMA), header: HistoryHeaderSchema, request: CheckRequestSchema.nullish(), result: CheckResultSchema })
      .safeParse(safeJson(text));
    if (!parsed.success || parsed.data.header.id !== id) throw new HistoryError("corrupt", `History file ${id}.json is damaged or not an Ehlo history file.`);
    return { header: parsed.data.header, request: parsed.data.request ?? null, result: parsed.data.result };
  }

  async function remove(id: string): Promise<void> {
    checkId(id);
    try {
      await unlink(file(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new HistoryError("not-found", `No run ${id} in the history (${dir}).`);
      throw error;
    }
    headers.delete(`${id}.json`);
    await fsyncDir(dir);
  }

  async function importReport(jsonText: string): Promise<HistoryHeader> {
    let result: CheckResult;
    try {
      result = parseReportJson(jsonText).result;
    } catch (error) {
      throw new HistoryError("invalid-import", (error as Error).message);
    }
    // A new id every time: an import never replaces a run already in the history.
    return write(result, "import", {});
  }

  async function compare(idA: string, idB: string): Promise<HistoryComparison> {
    const [a, b] = await Promise.all([get(idA), get(idB)]);
    return { ...compareRuns(a.result, b.result), before: a.header, after: b.header };
  }

  return {
    dir,
    save: (result, meta = {}) => write(result, meta.source ?? "check", meta),
    list,
    get,
    delete: remove,
    importReport,
    compare,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
