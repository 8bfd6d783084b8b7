import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { runCheck } from "./session";

describe("a hostile server cannot make the engine buffer without bound", () => {
  it("a server streaming 100 MB without a line end: memory growth stays under 64 MB", async () => {
    const fixture = await HOSTILE_SERVERS["endless-line"]!.start();
    try {
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 2);
      const r = await runCheck(CheckRequestSchema.parse({ ...fixture.request, alternativePorts: [] }));
      clearInterval(sampler);
      expect(r.findings.map((f) => f.id)).toContain("server.line-too-long");
      const growthMiB = (peakRss - before.rss) / 2 ** 20;
      const heapGrowthMiB = (peakHeap - before.heapUsed) / 2 ** 20;
      console.log(`[robustness] endless line: RSS growth ${growthMiB.toFixed(1)} MiB, heap growth ${heapGrowthMiB.toFixed(1)} MiB`);
      expect(growthMiB).toBeLessThan(64);
      // The transcript keeps a sample, never the stream.
      expect(JSON.stringify(r).length).toBeLessThan(64 * 1024);
    } finally {
      await fixture.close();
    }
  });
});
