/**
 * Choosing the UI language (pure): the saved choice if it is still available, else the first of
 * the OS/browser preferences (`navigator.languages`) we have, matched on the primary subtag
 * ("ar-EG" → "ar"), else English.
 */
export const FALLBACK_LANGUAGE = "en";

export function primaryTag(tag: string): string {
  return tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
}

export function pickLanguage(
  saved: string | null,
  preferred: readonly string[],
  available: readonly string[],
): string {
  if (saved && available.includes(saved)) return saved;
  for (const tag of preferred) {
    const lang = primaryTag(tag);
    if (available.includes(lang)) return lang;
  }
  return available.includes(FALLBACK_LANGUAGE) ? FALLBACK_LANGUAGE : (available[0] ?? FALLBACK_LANGUAGE);
}

/** Numbers in Latin digits in every language: they sit next to codes, ports and addresses. */
export function numberLocale(lang: string): string {
  return `${lang}-u-nu-latn`;
}
