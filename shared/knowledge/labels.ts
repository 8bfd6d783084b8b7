import type { Actor, KnowledgeBundle, ReplyPhase } from "./types";

/**
 * Short phrases of a locale (locales/<lang>/labels.json) with {placeholders}. A missing key
 * shows as the key itself, so a gap is visible instead of silently blank; the completeness
 * tests keep every locale's keys equal to English.
 */
export function label(
  bundle: Pick<KnowledgeBundle, "labels">,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const template = bundle.labels[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function phaseLabel(bundle: Pick<KnowledgeBundle, "labels">, phase: ReplyPhase): string {
  return bundle.labels[`phase.${phase}`] ?? phase;
}

/** "the user, the helpdesk" — or the locale's "nobody" phrase for an empty list. */
export function actorsLabel(bundle: Pick<KnowledgeBundle, "labels">, actors: readonly string[]): string {
  if (actors.length === 0) return label(bundle, "actor.none");
  return listLabel(
    bundle,
    actors.map((actor) => label(bundle, `actor.${actor as Actor}`)),
  );
}

/** Joins items with the locale's list separator (", " in English, "، " in Arabic). */
export function listLabel(bundle: Pick<KnowledgeBundle, "labels">, items: readonly string[]): string {
  return items.join(bundle.labels["list.separator"] ?? ", ");
}
