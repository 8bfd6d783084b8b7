import { FALLBACK_LANGUAGE } from "./pick-language";

/**
 * UI strings, discovered at build time: every shared/i18n/locales/<lang>/ui.json is a language,
 * so adding one is adding files (its knowledge texts live under shared/knowledge/locales/<lang>/).
 * They are small, so all of them are in the initial bundle and switching is instant.
 */
export interface UiMeta {
  /** The language's name in itself. */
  name: string;
  dir: "ltr" | "rtl";
}

export type UiResource = { meta: UiMeta } & Record<string, unknown>;

const modules = import.meta.glob<UiResource>("../../shared/i18n/locales/*/ui.json", { eager: true, import: "default" });

function langOf(path: string): string {
  const match = /locales\/([^/]+)\/ui\.json$/.exec(path);
  return match?.[1] ?? "";
}

export const UI_RESOURCES: Readonly<Record<string, UiResource>> = Object.fromEntries(
  Object.entries(modules).map(([path, resource]) => [langOf(path), resource]),
);

export interface LanguageOption {
  code: string;
  name: string;
  dir: "ltr" | "rtl";
}

export function availableLanguages(): LanguageOption[] {
  return Object.entries(UI_RESOURCES)
    .map(([code, resource]) => ({ code, name: resource.meta.name, dir: resource.meta.dir }))
    .sort((a, b) => (a.code === FALLBACK_LANGUAGE ? -1 : b.code === FALLBACK_LANGUAGE ? 1 : a.code.localeCompare(b.code)));
}

export function directionOf(lang: string): "ltr" | "rtl" {
  return UI_RESOURCES[lang]?.meta.dir ?? "ltr";
}
