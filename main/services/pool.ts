/**
 * A bounded task pool: at most `limit` tasks run at once, the rest wait in order. Used wherever a
 * face could ask for many checks at a time (matrix rows, discovery probes), so no request ever
 * turns into an unbounded Promise.all of sockets.
 */
export interface TaskPool {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** The most tasks that ever ran at the same moment. */
  readonly peak: number;
}

export function createPool(limit: number): TaskPool {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`pool limit must be a positive integer, not ${limit}`);
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      peak = Math.max(peak, active);
      return Promise.resolve();
    }
    // The slot is handed over by release(), so `active` never exceeds the limit in between.
    return new Promise((resolve) => waiting.push(resolve));
  };

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
  };
}
