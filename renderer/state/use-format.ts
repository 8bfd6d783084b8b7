import { useMemo } from "react";
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

export function useFormat(): Format {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const locale = numberLocale(lang);
    const dir = directionOf(lang);
    const numbers = new Intl.NumberFormat(locale);
    const secondsFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      lang,
      dir,
      number: (value) => numbers.format(value),
      ms: (value) => formatMs(value, locale),
      seconds: (ms) => secondsFormat.format(Math.floor(ms / 1000)),
      date: (iso) => {
        const time = Date.parse(iso);
        return Number.isNaN(time) ? iso : dates.format(new Date(time));
      },
      bidi: (text) => bidiText(text, dir),
    };
  }, [lang]);
}
