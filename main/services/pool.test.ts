import { describe, expect, it } from "vitest";
import { createPool } from "./pool";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createPool", () => {
  it("runs at most `limit` tasks at once, in order, and passes results and errors through", async () => {
    const pool = createPool(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        pool.run(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await tick(5 + (i % 3) * 5);
          running--;
          if (i === 4) throw new Error("task 4 failed");
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(pool.peak).toBe(3);
    expect(pool.active).toBe(0);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results[4]).toMatchObject({ status: "rejected", reason: new Error("task 4 failed") });
    expect(results[9]).toEqual({ status: "fulfilled", value: 18 });
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => createPool(0)).toThrow(RangeError);
    expect(() => createPool(1.5)).toThrow(RangeError);
  });
});
