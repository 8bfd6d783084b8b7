import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickLanguage } from "../i18n/pick-language";
import { applyDocumentLanguage } from "../i18n/setup";
import { UI_RESOURCES } from "../i18n/ui-resources";

/**
 * Language and theme choices, kept in localStorage (only these two harmless preferences; never a
 * host, address or secret). Language follows the OS until the user picks one; the theme follows
 * `prefers-color-scheme` until the user picks light or dark.
 */
export type ThemeChoice = "system" | "light" | "dark";

const LANG_KEY = "ehlo.lang";
const THEME_KEY = "ehlo.theme";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage can be disabled; the defaults still work
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // best effort
  }
}

export function initialLanguage(): string {
  const preferred = navigator.languages && navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return pickLanguage(read(LANG_KEY), preferred, Object.keys(UI_RESOURCES));
}

export function initialTheme(): ThemeChoice {
  const saved = read(THEME_KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

/** `data-theme` on <html> overrides `prefers-color-scheme` in the CSS; "system" removes it. */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset["theme"];
  else root.dataset["theme"] = theme;
}

export interface Preferences {
  lang: string;
  setLanguage(lang: string): void;
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}

export function usePreferences(): Preferences {
  const { i18n } = useTranslation();
  const [theme, setThemeState] = useState<ThemeChoice>(initialTheme);
  const [lang, setLang] = useState<string>(i18n.language);

  useEffect(() => applyTheme(theme), [theme]);

  const setLanguage = useCallback(
    (next: string) => {
      write(LANG_KEY, next);
      setLang(next);
      void i18n.changeLanguage(next);
      applyDocumentLanguage(next);
    },
    [i18n],
  );
  const setTheme = useCallback((next: ThemeChoice) => {
    write(THEME_KEY, next === "system" ? null : next);
    setThemeState(next);
  }, []);
  return { lang, setLanguage, theme, setTheme };
}
