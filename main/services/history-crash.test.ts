import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isTempName } from "./atomic-file";
import { openHistoryStore } from "./history-store";

const writer = fileURLToPath(new URL("../testing/history-writer.ts", import.meta.url));

/**
 * Starts the writer and, after `saves` completed saves, SIGKILLs it: either after a random delay,
 * or ("on-temp") the moment its next temporary file appears, i.e. in the middle of a write.
 */
function writeThenKill(dir: string, saves: number, when: { delayMs: number } | "on-temp"): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, dir, "6000"], { stdio: ["ignore", "pipe", "pipe"] });
    const saved: string[] = [];
    let buffer = "";
    let stderr = "";
    let armed = false;
    const watcher = watch(dir, (_event, name) => {
      if (armed && when === "on-temp" && name && isTempName(name)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("saved ")) saved.push(line.slice(6));
      if (!armed && saved.length >= saves) {
        armed = true;
        if (when !== "on-temp") setTimeout(() => child.kill("SIGKILL"), when.delayMs);
      }
    });
    child.on("exit", (_code, signal) => {
      watcher.close();
      if (signal === "SIGKILL") resolve(saved);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

describe("history survives a writer killed with SIGKILL in the middle of a save", () => {
  it("keeps every earlier run readable and shows no partial file to list", { timeout: 120_000 }, async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "ehlo-crash-")), "history");
    mkdirSync(dir);
    const confirmed: string[] = [];
    const tempFiles = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const when = round % 2 === 0 ? ("on-temp" as const) : { delayMs: Math.floor(Math.random() * 40) };
      const saved = await writeThenKill(dir, 1 + Math.floor(Math.random() * 3), when);
      confirmed.push(...saved);
      for (const name of readdirSync(dir).filter(isTempName)) tempFiles.add(name);

      // A fresh store (no cache): what a restarted app would see.
      const store = openHistoryStore({ dir });
      const listed = await store.list();
      const ids = new Set(listed.map((h) => h.id));
      for (const id of confirmed) expect(ids.has(id), `run ${id} confirmed before the kill is listed`).toBe(true);
      for (const header of listed) {
        const entry = await store.get(header.id);
        expect(entry.result.events).toHaveLength(6000);
      }
      // Every file with a final name is complete; only temporary names can be partial.
      const finals = readdirSync(dir).filter((name) => name.endsWith(".json") && !isTempName(name));
      expect(finals.length).toBe(listed.length);
    }
    // The kills did land in the middle of writes: their temporary files were left behind.
    console.info(`[history-crash] ${confirmed.length} confirmed saves, ${tempFiles.size} interrupted temporary files left`);
    expect(tempFiles.size).toBeGreaterThan(0);
  });
});
