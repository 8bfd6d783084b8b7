import { HOSTILE_SERVERS, type HostileFixture } from "../main/testing/hostile-servers";
import { expect, test } from "./support/app";
import { literal, runCheck, uiText, waitForOutcome } from "./support/ui";

/**
 * Live means live: against a server whose 220 greeting comes after 4 s, the waiting state with
 * its ticking seconds must be on screen before the greeting is, not replayed afterwards.
 */
let fixture: HostileFixture;
test.beforeAll(async () => {
  fixture = await HOSTILE_SERVERS["greeting-late"]!.start();
});
test.afterAll(async () => {
  await fixture?.close();
});

test("the waiting state with elapsed seconds is visible before the late 220 arrives @key", async ({ app }) => {
  const { page } = app;
  const waiting = uiText("en", "timeline.waiting", { what: uiText("en", "phaseWait.greeting"), seconds: "\u0000" });
  const [before, after] = waiting.split("\u0000").map(literal);
  const pattern = `${before}([\\d.,]+)${after}`;
  // Watch the DOM from inside the page: the first moment each state is visible, on one clock.
  await page.evaluate((source) => {
    const seen: { waitingAt: number | null; waitingSeconds: number[]; greetingAt: number | null } = { waitingAt: null, waitingSeconds: [], greetingAt: null };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const waitingRe = new RegExp(source);
    const look = () => {
      const now = performance.now();
      const results = document.querySelector(".results");
      const match = waitingRe.exec(results?.textContent ?? "");
      if (match) {
        seen.waitingAt ??= now;
        const seconds = Number((match[1] ?? "").replace(",", "."));
        if (!seen.waitingSeconds.includes(seconds)) seen.waitingSeconds.push(seconds);
      }
      const greeting = [...document.querySelectorAll(".tl-reply .badge")].some((badge) => badge.textContent?.startsWith("220"));
      if (greeting) seen.greetingAt ??= now;
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, pattern);

  const startedAt = Date.now();
  await runCheck(page, { target: `${fixture.host}:${fixture.port}`, tls: "none", from: "helpdesk@ehlo.test" });
  // While the server is still silent, the status says how long we have waited.
  await expect(page.locator(".status-running .status-sub")).toHaveText(new RegExp(pattern));
  expect(Date.now() - startedAt).toBeLessThan(4000);
  await expect(page.locator(".tl-waiting")).toBeVisible();
  await waitForOutcome(page);

  const seen = await page.evaluate(() => (window as unknown as { __seen: { waitingAt: number | null; waitingSeconds: number[]; greetingAt: number | null } }).__seen);
  expect(seen.waitingAt).not.toBeNull();
  expect(seen.greetingAt).not.toBeNull();
  // Seconds went by on screen (1, 2, 3 …) and the 220 came only after them, about 4 s later.
  expect(Math.max(...seen.waitingSeconds)).toBeGreaterThanOrEqual(2);
  expect(seen.greetingAt! - seen.waitingAt!).toBeGreaterThan(2000);
  // Once it arrived, the waiting row says how long it took instead of ticking on.
  const [waitedBefore, waitedAfter] = uiText("en", "timeline.waited", { what: uiText("en", "phaseWait.greeting"), seconds: "\u0000" }).split("\u0000").map(literal);
  await expect(page.locator(".tl-waiting")).toContainText(new RegExp(`${waitedBefore}[\\d.,]+${waitedAfter}`));
});
