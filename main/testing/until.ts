/** Polls `ready` every 10 ms until it holds; fails the test after `ms` (a bound, not a speed claim). */
export async function until(ready: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
