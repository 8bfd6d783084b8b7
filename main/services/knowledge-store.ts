import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { FINDING_IDS } from "../../shared/contract/findings";
import { COMMAND_SHELLS } from "../../shared/knowledge/finding-types";
import {
  ACTORS,
  REPLY_CLASSES,
  REPLY_PHASES,
  type KnowledgeBundle,
  type KnowledgeFacts,
} from "../../shared/knowledge/types";

/**
 * Loads the knowledge base (shared/knowledge) from disk for main-process faces (CLI, host,
 * Electron main). Data files are validated on load so a broken file fails with its name, not
 * with an undefined deep inside a lookup. Locales are discovered: any folder under locales/ with
 * a locale.json is a language (architecture convention 7). Results are cached per store.
 */

const DEFAULT_ROOT = fileURLToPath(new URL("../../shared/knowledge/", import.meta.url));
const FALLBACK_LANG = "en";

const ActorSchema = z.enum(ACTORS);
const PhaseSchema = z.enum(REPLY_PHASES);
const ExplanationSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  whenSeen: z.string().min(1),
  howToFix: z.string().min(1),
});
const ExplanationMapSchema = z.record(z.string(), ExplanationSchema);

const ReplyCodeFactsSchema = z.looseObject({
  code: z.string().regex(/^[2-5]\d\d$/),
  rfc: z.array(z.string()),
  phases: z.array(PhaseSchema),
  actors: z.array(ActorSchema),
  variantPhases: z.array(PhaseSchema),
  textVariants: z
    .array(z.object({ id: z.string().min(1), pattern: z.string().min(1), actors: z.array(ActorSchema) }))
    .optional(),
});
const EnhancedCodeFactsSchema = z.looseObject({
  code: z.string(),
  kind: z.enum(["detail", "class", "subject"]),
  rfc: z.array(z.string()),
  basicCodes: z.array(z.string()),
  actors: z.array(ActorSchema),
});
const ProviderRuleSchema = z.looseObject({
  id: z.string().min(1),
  provider: z.string(),
  code: z.string(),
  enhanced: z.string().nullable(),
  pattern: z.string(),
  example: z.string(),
  differsFromIana: z.boolean(),
  source: z.string(),
  actors: z.array(ActorSchema),
});
const ReplyCodeTextSchema = z.looseObject({
  ...ExplanationSchema.shape,
  variants: z.partialRecord(PhaseSchema, ExplanationSchema).optional(),
  textVariants: ExplanationMapSchema.optional(),
});
const LocaleMetaSchema = z.object({ name: z.string().min(1), dir: z.enum(["ltr", "rtl"]) });
const ClassesSchema = z.record(z.enum(REPLY_CLASSES), ExplanationSchema);
const LabelsSchema = z.record(z.string(), z.string());
const ChecklistStepSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  commands: z.partialRecord(z.enum(COMMAND_SHELLS), z.array(z.string().min(1))).optional(),
});
/** An enum-keyed record: every finding id must have its texts. */
const FindingTextsSchema = z.record(z.enum(FINDING_IDS), ExplanationSchema.extend({ checklist: z.array(ChecklistStepSchema) }));

export interface LocaleResolution {
  /** The locale that will be used. */
  lang: string;
  requested: string;
  /** True when `requested` is not available and English is used instead. */
  fallback: boolean;
  /** Why a fallback happened, listing the available locales; null otherwise. */
  message: string | null;
}

export interface KnowledgeStore {
  loadKnowledgeFacts(): KnowledgeFacts;
  loadKnowledgeBundle(lang: string, options?: { onFallback?: (message: string) => void }): KnowledgeBundle;
  availableLocales(): string[];
  resolveLocale(lang: string): LocaleResolution;
}

/** "ar_EG.UTF-8", "ar-EG", "AR" → "ar"; "C" and "POSIX" carry no language. */
export function normalizeLang(lang: string): string {
  const primary = lang.trim().split(/[._@-]/)[0]?.toLowerCase() ?? "";
  return primary === "c" || primary === "posix" ? "" : primary;
}

export function createKnowledgeStore(root: string): KnowledgeStore {
  const localesDir = path.join(root, "locales");
  let facts: KnowledgeFacts | undefined;
  let locales: string[] | undefined;
  const bundles = new Map<string, KnowledgeBundle>();

  function readJson<T>(relative: string, schema: z.ZodType<T>): T {
    const file = path.join(root, relative);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`Knowledge file ${relative} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; ");
      throw new Error(`Knowledge file ${relative} is invalid: ${issues}`);
    }
    return parsed.data;
  }

  function availableLocales(): string[] {
    locales ??= existsSync(localesDir)
      ? readdirSync(localesDir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(path.join(localesDir, entry.name, "locale.json")))
          .map((entry) => entry.name)
          .sort()
      : [];
    return [...locales];
  }

  function resolveLocale(requested: string): LocaleResolution {
    const available = availableLocales();
    const lang = normalizeLang(requested);
    if (available.includes(lang)) return { lang, requested, fallback: false, message: null };
    return {
      lang: FALLBACK_LANG,
      requested,
      fallback: true,
      message: `Language "${requested}" is not available (available: ${available.join(", ")}); using English.`,
    };
  }

  function loadKnowledgeFacts(): KnowledgeFacts {
    facts ??= {
      replyCodes: readJson("data/reply-codes.json", z.array(ReplyCodeFactsSchema)),
      enhancedCodes: readJson("data/enhanced-codes.json", z.array(EnhancedCodeFactsSchema)),
      providerRules: readJson("data/provider-replies.json", z.array(ProviderRuleSchema)),
    };
    return facts;
  }

  function loadBundleFor(lang: string): KnowledgeBundle {
    const cached = bundles.get(lang);
    if (cached) return cached;
    const dir = `locales/${lang}`;
    const bundle: KnowledgeBundle = {
      lang,
      meta: readJson(`${dir}/locale.json`, LocaleMetaSchema),
      replyCodes: readJson(`${dir}/reply-codes.json`, z.record(z.string(), ReplyCodeTextSchema)),
      enhancedCodes: readJson(`${dir}/enhanced-codes.json`, ExplanationMapSchema),
      providerReplies: readJson(`${dir}/provider-replies.json`, ExplanationMapSchema),
      classes: readJson(`${dir}/classes.json`, ClassesSchema),
      labels: readJson(`${dir}/labels.json`, LabelsSchema),
      findings: readJson(`${dir}/findings.json`, FindingTextsSchema),
    };
    bundles.set(lang, bundle);
    return bundle;
  }

  function loadKnowledgeBundle(
    lang: string,
    options: { onFallback?: (message: string) => void } = {},
  ): KnowledgeBundle {
    const resolution = resolveLocale(lang);
    if (resolution.fallback) {
      if (!availableLocales().includes(FALLBACK_LANG)) {
        throw new Error(`No knowledge locales found under ${localesDir} (need at least "${FALLBACK_LANG}").`);
      }
      (options.onFallback ?? ((message: string) => console.warn(message)))(resolution.message ?? "");
    }
    return loadBundleFor(resolution.lang);
  }

  return { loadKnowledgeFacts, loadKnowledgeBundle, availableLocales, resolveLocale };
}

const defaultStore = createKnowledgeStore(DEFAULT_ROOT);

/** Language-neutral facts from shared/knowledge/data (cached). */
export function loadKnowledgeFacts(): KnowledgeFacts {
  return defaultStore.loadKnowledgeFacts();
}

/**
 * One locale's texts (cached). An unknown language falls back to English and reports why
 * (listing the available locales) through `onFallback`, by default a console warning.
 */
export function loadKnowledgeBundle(
  lang: string,
  options?: { onFallback?: (message: string) => void },
): KnowledgeBundle {
  return defaultStore.loadKnowledgeBundle(lang, options);
}

/** Locale folders found under shared/knowledge/locales, sorted. */
export function availableLocales(): string[] {
  return defaultStore.availableLocales();
}

export function resolveLocale(lang: string): LocaleResolution {
  return defaultStore.resolveLocale(lang);
}
