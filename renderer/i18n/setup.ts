import i18next, { type PostProcessorModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { isolateLtr } from "../../shared/i18n/bidi";
import { FALLBACK_LANGUAGE } from "./pick-language";
import { directionOf, UI_RESOURCES } from "./ui-resources";

/**
 * In a right-to-left language every UI string gets its Latin runs (hosts, ports, SMTP verbs,
 * codes) wrapped in isolates, after interpolation, so "smtp.example.com:587" or "RCPT TO" keep
 * their order inside Arabic sentences (UAX #9). Idempotent, so views may isolate again.
 */
const bidiIsolation: PostProcessorModule = {
  type: "postProcessor",
  name: "bidi",
  process: (value: string, _key: string | string[], _options: unknown, translator: { language?: string }) =>
    directionOf(translator.language ?? FALLBACK_LANGUAGE) === "rtl" ? isolateLtr(value) : value,
};

/** i18next with every discovered UI locale; resources are bundled, so init is synchronous. */
export function setupI18n(lang: string): typeof i18next {
  const resources = Object.fromEntries(Object.entries(UI_RESOURCES).map(([code, ui]) => [code, { ui }]));
  void i18next
    .use(initReactI18next)
    .use(bidiIsolation)
    .init({
      resources,
      lng: lang,
      fallbackLng: FALLBACK_LANGUAGE,
      ns: ["ui"],
      defaultNS: "ui",
      initAsync: false,
      postProcess: ["bidi"],
      // React escapes text itself.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  applyDocumentLanguage(lang);
  return i18next;
}

/** `lang` and `dir` on <html>: the layout mirrors through CSS logical properties. */
export function applyDocumentLanguage(lang: string): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = directionOf(lang);
}
