import ar from "./locales/ar/report.json";
import en from "./locales/en/report.json";

/**
 * Headings and short phrases of reports, one JSON file per locale (architecture convention 7:
 * content, not code). Bundled statically because report builders are pure and run wherever
 * shared/ runs; a new language is a new locales/<lang>/report.json plus one line here.
 * A missing key falls back to English, so a gap shows as English text, never as a blank.
 */
export type ReportLabelKey = keyof typeof en;
export type ReportLabels = Record<ReportLabelKey, string>;

const LOCALES: Record<string, Partial<ReportLabels>> = { en, ar };

export function reportLocales(): string[] {
  return Object.keys(LOCALES).sort();
}

export function reportLabels(lang: string): ReportLabels {
  return { ...en, ...(LOCALES[lang] ?? {}) };
}

/** Fills {name} placeholders; unknown ones stay visible so a gap is noticed. */
export function fillLabel(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
