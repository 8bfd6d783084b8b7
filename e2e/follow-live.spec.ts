import type { Page } from "@playwright/test";
import { startFloodServer, type FloodServer } from "./bench/flood-smtp";
import { expect, test } from "./support/app";
import { runCheck, uiText, waitForOutcome } from "./support/ui";

/**
 * The transcript follows a flood of lines to its end while the reader stays at the bottom, stops
 * following the moment they scroll up to read, and follows again when they ask (End, or the
 * button that appears). The lines come from a real SMTP server on loopback sending long
 * multiline RCPT replies fast, through the real host and engine.
 */

const scroller = (page: Page) => page.locator(".tl-scroll");

/** Where the transcript's scroll box is: offset, and distance from the bottom. */
async function scrollState(page: Page): Promise<{ top: number; fromBottom: number }> {
  return scroller(page).evaluate((el) => ({ top: el.scrollTop, fromBottom: el.scrollHeight - el.clientHeight - el.scrollTop }));
}

/** The transcript's last row is rendered and its bottom edge is inside the scroll box. */
async function lastRowInView(page: Page): Promise<boolean> {
  return scroller(page).evaluate((box) => {
    const rows = [...box.querySelectorAll<HTMLElement>("[data-index]")];
    const last = rows.reduce<HTMLElement | null>((best, row) => (best && Number(best.dataset["index"]) > Number(row.dataset["index"]) ? best : row), null);
    const count = Number(/\d+/.exec(box.getAttribute("aria-label") ?? "")?.[0] ?? NaN);
    if (!last || Number(last.dataset["index"]) !== count - 1) return false;
    const view = box.getBoundingClientRect();
    const r = last.getBoundingClientRect();
    return r.bottom <= view.bottom + 1 && r.bottom >= view.top;
  });
}

/** Rows in the transcript, as its label says ("Transcript, 42 lines"). */
async function rowCount(page: Page): Promise<number> {
  return Number(/\d+/.exec((await scroller(page).getAttribute("aria-label")) ?? "")?.[0] ?? NaN);
}

const recipients = (n: number) => Array.from({ length: n }, (_, i) => `user${i + 1}@ehlo.test`);

let flood: FloodServer | null = null;
test.afterEach(async () => {
  await flood?.close();
  flood = null;
});

test("a flood of lines is followed to its last line while the reader stays at the bottom", async ({ app }) => {
  const { page } = app;
  flood = await startFloodServer({ linesPerRcpt: 100, linesPerSecond: 1500 });
  await runCheck(page, { target: `${flood.host}:${flood.port}`, tls: "none", from: "helpdesk@ehlo.test", to: recipients(12) });
  // Mid-flood the view has moved on from the first screen and sits at the live end.
  await expect.poll(() => flood?.linesSent ?? 0, { timeout: 20_000 }).toBeGreaterThan(600);
  await expect.poll(async () => (await scrollState(page)).top).toBeGreaterThan(1000);
  expect(await waitForOutcome(page)).toBe("ok");
  await expect.poll(async () => (await scrollState(page)).fromBottom).toBeLessThan(4);
  expect(await lastRowInView(page)).toBe(true);
});

test("scrolling up stops the following; the button or End follows again", async ({ app }) => {
  const { page } = app;
  // The flood holds at known points, so each step happens mid-check however slow the machine.
  const server = await startFloodServer({ linesPerRcpt: 100, linesPerSecond: 1000, holdAfter: 400 });
  flood = server;
  await runCheck(page, { target: `${server.host}:${server.port}`, tls: "none", from: "helpdesk@ehlo.test", to: recipients(12) });
  await expect.poll(() => server.linesSent, { timeout: 20_000 }).toBe(400);

  // The reader scrolls up with the mouse wheel to read something: the view stays where they put it,
  // while more lines arrive.
  const box = await scroller(page).boundingBox();
  if (!box) throw new Error("no transcript box");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -1500);
  await expect.poll(async () => (await scrollState(page)).fromBottom).toBeGreaterThan(1000);
  const parked = (await scrollState(page)).top;
  const rowsParked = await rowCount(page);
  const sentParked = server.linesSent;
  server.resume(250);
  await expect.poll(() => server.linesSent).toBe(sentParked + 250);
  await expect.poll(() => rowCount(page)).toBeGreaterThan(rowsParked + 2);
  const later = await scrollState(page);
  expect(Math.abs(later.top - parked)).toBeLessThan(4);
  expect(later.fromBottom).toBeGreaterThan(1000);

  // A button offers to follow the new lines again, and does; the keyboard stays in the transcript.
  const latest = page.getByRole("button", { name: uiText("en", "timeline.followLatest") });
  await latest.click();
  await expect(latest).toBeHidden();
  await expect(scroller(page)).toBeFocused();
  await expect.poll(async () => (await scrollState(page)).fromBottom).toBeLessThan(4);

  // Up with the keyboard (Home) stops following; End follows again, to the last line.
  await page.keyboard.press("Home");
  await expect(latest).toBeVisible();
  await page.keyboard.press("End");
  await expect(latest).toBeHidden();
  server.resume();
  expect(await waitForOutcome(page, 60_000)).toBe("ok");
  await expect.poll(async () => (await scrollState(page)).fromBottom).toBeLessThan(4);
  expect(await lastRowInView(page)).toBe(true);
});
