import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { repoRoot } from "./paths";

/** What axe-core reports, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let source: string | null = null;

/**
 * Runs axe-core (WCAG 2.x A and AA rules plus best practices) on the page as it is now. The
 * script is evaluated through the DevTools protocol, so the page's strict CSP stays as shipped.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFileSync(`${repoRoot}node_modules/axe-core/axe.min.js`, "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")) }));
  });
}

export function isSerious(v: AxeViolation): boolean {
  return v.impact === "serious" || v.impact === "critical";
}
