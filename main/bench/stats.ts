/** Small statistics helpers shared by the benchmark programs. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): { median: number; p95: number; min: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Samples RSS while `body` runs; returns the peak in MiB. */
export async function peakRss<T>(body: () => Promise<T>): Promise<{ value: T; peakMiB: number; baseMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const value = await body();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMiB: peak / 2 ** 20, baseMiB: base / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
