import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { repoRoot } from "./paths";

/**
 * Driving the check screen the way a person does, in any language: fields are found by their
 * ids and roles, and visible texts come from the same locale files the renderer uses.
 */
export type Lang = "en" | "ar";
export type Theme = "light" | "dark";

const locales = new Map<Lang, Record<string, unknown>>();

/** A UI string of `lang` (shared/i18n/locales/<lang>/ui.json) with `{{name}}` filled in. */
export function uiText(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let table = locales.get(lang);
  if (!table) {
    table = JSON.parse(readFileSync(`${repoRoot}shared/i18n/locales/${lang}/ui.json`, "utf8")) as Record<string, unknown>;
    locales.set(lang, table);
  }
  let node: unknown = table;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`no UI text ${lang}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

/** Escapes text for use inside a RegExp. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(".app-tools select").first().selectOption(lang);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.locator(".app-tools select").nth(1).selectOption(theme);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

export interface CheckInput {
  target: string;
  tls?: "auto" | "starttls" | "implicit" | "none";
  from?: string;
  to?: string[];
  /** Greeting timeout in seconds (Advanced). */
  greetingSeconds?: number;
}

/** Fills the form (with the mouse-free Playwright actions fill/check/select). */
export async function fillCheck(page: Page, input: CheckInput): Promise<void> {
  await page.locator("#f-host").fill(input.target);
  if (input.tls) await page.locator(`input[name="tls"][value="${input.tls}"]`).check();
  if (input.from !== undefined) await page.locator("#f-from").fill(input.from);
  const to = input.to ?? [];
  for (const [index, address] of to.entries()) {
    if (index > 0) await page.locator(".recipients > .btn-link").click();
    await page.locator(`#f-to-${index}`).fill(address);
  }
  if (input.greetingSeconds !== undefined) {
    const advanced = page.locator("details.advanced");
    if ((await advanced.getAttribute("open")) === null) await advanced.locator("summary").click();
    await page.locator("#f-timeouts-greetingMs").fill(String(input.greetingSeconds));
  }
}

export async function runCheck(page: Page, input: CheckInput): Promise<void> {
  await fillCheck(page, input);
  await page.locator(".check-form button[type=submit]").click();
  await expect(page.locator(".status").first()).toBeVisible();
}

/** The finished status bar (ok, warning, failed or cancelled). */
export function outcome(page: Page): Locator {
  return page.locator(".results .status:not(.status-running)");
}

export async function waitForOutcome(page: Page, timeout = 30_000): Promise<string> {
  const done = outcome(page);
  await expect(done).toBeVisible({ timeout });
  const cls = (await done.getAttribute("class")) ?? "";
  return /status-(ok|warning|failed|cancelled)/.exec(cls)?.[1] ?? "unknown";
}

export interface TranscriptRow {
  index: number;
  /** "->", "<-", "~>", "<~", "===", "!!!", "...", "***". */
  marker: string;
  text: string;
  type: string;
}

/**
 * Every transcript row, in order. The transcript is virtualised (only rows near the viewport
 * are in the DOM), so this scrolls through it and collects rows by their index.
 */
export async function transcriptRows(page: Page): Promise<TranscriptRow[]> {
  return page.locator(".tl-scroll").evaluate(async (scroller: HTMLElement) => {
    const rows = new Map<number, { index: number; marker: string; text: string; type: string }>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const collect = () => {
      for (const item of scroller.querySelectorAll<HTMLElement>("[data-index]")) {
        const row = item.querySelector<HTMLElement>(".tl-row");
        if (!row) continue;
        const index = Number(item.dataset["index"]);
        const marker = row.querySelector(".tl-marker [aria-hidden]")?.textContent ?? "";
        const type = /\btl-(send|reply|meta|note|waiting|finding)\b/.exec(row.className)?.[1] ?? "";
        const text = row.querySelector(".tl-content")?.textContent ?? "";
        rows.set(index, { index, marker, text, type });
      }
    };
    scroller.scrollTop = 0;
    await frame();
    collect();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += Math.max(50, scroller.clientHeight - 40);
      await frame();
      collect();
    }
    return [...rows.values()].sort((a, b) => a.index - b.index);
  });
}

/** The transcript row element (`.tl-row`) of the reply with this code, first match. */
export function replyRow(page: Page, code: string): Locator {
  return page.locator(".tl-row.tl-reply").filter({ has: page.locator(".badge", { hasText: new RegExp(`^${code}`) }) });
}
