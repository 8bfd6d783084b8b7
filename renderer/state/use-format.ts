import { useTranslation } from "react-i18next";
import { bidiText } from "../../shared/i18n/bidi";
import { numberLocale } from "../i18n/pick-language";
import { directionOf } from "../i18n/ui-resources";
import { formatMs } from "../model/waterfall";

/** Formatting for the current language: numbers in Latin digits, dates, and bidi-safe text. */
export interface Format {
  lang: string;
  dir: "ltr" | "rtl";
  number(value: number): string;
  ms(value: number): string;
  seconds(ms: number): string;
  date(iso: string): string;
  /** Wraps Latin runs (codes, hosts, verbs) in isolates inside right-to-left text (UAX #9). */
  bidi(text: string): string;
}

/**
 * One Format per language for the whole page: every timeline row asks for it, and building the
 * Intl formatters anew for each mounted row cost tens of milliseconds when a flood of rows mounts.
 */
const formats = new Map<string, Format>();

function formatFor(lang: string): Format {
  const cached = formats.get(lang);
  if (cached) return cached;
  const locale = numberLocale(lang);
  const dir = directionOf(lang);
  const numbers = new Intl.NumberFormat(locale);
  const secondsFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  let dates: Intl.DateTimeFormat | null = null;
  const format: Format = {
    lang,
    dir,
    number: (value) => numbers.format(value),
    ms: (value) => formatMs(value, locale),
    seconds: (ms) => secondsFormat.format(Math.floor(ms / 1000)),
    date: (iso) => {
      const time = Date.parse(iso);
      // Made on first use: most views never show a date.
      dates ??= new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
      return Number.isNaN(time) ? iso : dates.format(new Date(time));
    },
    bidi: (text) => bidiText(text, dir),
  };
  formats.set(lang, format);
  return format;
}

/**
 * Builds the language's formatters while the page is idle: the first Intl formatter of a page
 * loads locale data, which would otherwise land in the task that mounts the results.
 */
export function warmFormat(lang: string): void {
  const format = formatFor(lang);
  format.ms(1);
  format.ms(100);
  format.seconds(1000);
  // The date formatter (dateStyle/timeStyle) is the slowest to build: 10+ ms, once per language,
  // which used to land in the task that shows a finished check.
  format.date("2026-01-01T00:00:00Z");
}

export function useFormat(): Format {
  const { i18n } = useTranslation();
  return formatFor(i18n.language);
}
