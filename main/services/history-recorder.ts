import type { CheckRequest } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import { newHistoryId, type HistoryStore } from "./history-store";

/**
 * Saves finished checks to the history without making anyone wait for the disk. `record` names
 * the run at once (the id is chosen before the write), so a face can send the result and its
 * history id together while the file is still being written; history methods call `settled()`
 * first, so a run is never "missing" just because its write has not finished yet.
 */
export interface HistoryRecorder {
  /** Starts saving `result`; returns the id it will have. Never throws: a failed save is remembered. */
  record(result: CheckResult, meta: { request?: CheckRequest; secrets?: readonly string[] }): string;
  /** Resolves when every save started so far has finished (written or failed). */
  settled(): Promise<void>;
  /** Why the save of `id` failed, or null (not failed, or not recorded here). */
  failure(id: string): string | null;
}

/** How many failed saves to remember: enough to explain the last few, never a leak. */
const FAILURES_KEPT = 50;

export function createHistoryRecorder(store: HistoryStore, onError: (message: string) => void): HistoryRecorder {
  const pending = new Set<Promise<void>>();
  const failures = new Map<string, string>();
  return {
    record(result, meta) {
      const id = newHistoryId(result.startedAt);
      const write: Promise<void> = store
        .save(result, { id, request: meta.request, secrets: meta.secrets })
        .then(
          () => undefined,
          (error: unknown) => {
            const message = (error as Error).message;
            failures.set(id, message);
            if (failures.size > FAILURES_KEPT) failures.delete(failures.keys().next().value as string);
            onError(`history: the run ${id} could not be saved in ${store.dir}: ${message}`);
          },
        )
        .finally(() => pending.delete(write));
      pending.add(write);
      return id;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    failure: (id) => failures.get(id) ?? null,
  };
}
