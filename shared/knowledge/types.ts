import type { FindingTexts } from "./finding-types";

/**
 * Shapes of the knowledge base. Content lives in JSON data files (architecture convention 7):
 *
 *   shared/knowledge/data/reply-codes.json        language-neutral facts per basic code
 *   shared/knowledge/data/enhanced-codes.json     language-neutral facts per enhanced code
 *   shared/knowledge/data/provider-replies.json   matching rules for real-world reply texts
 *   shared/knowledge/locales/<lang>/locale.json            { "name": "English", "dir": "ltr" }
 *   shared/knowledge/locales/<lang>/reply-codes.json       Record<code, ReplyCodeText>
 *   shared/knowledge/locales/<lang>/enhanced-codes.json    Record<code, Explanation>  (+ class/subject fallbacks)
 *   shared/knowledge/locales/<lang>/provider-replies.json  Record<rule id, Explanation>
 *   shared/knowledge/locales/<lang>/findings.json          Record<FindingId, FindingText>
 *
 * A new language is a new folder under locales/: loaders discover folders, no code changes.
 * Functions in shared/knowledge take a `KnowledgeBundle` (pure); main/ loads bundles from disk,
 * the renderer from its build.
 */

/** Who has to act to fix it. */
export const ACTORS = ["user", "helpdesk", "sender-admin", "recipient-admin"] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * The command (or moment) a reply answers. "CONNECT" is the greeting, "DATA" the reply to the
 * DATA command (354), "DATA-END" the reply after the final dot (RFC 5321 4.3.2 naming).
 */
export const REPLY_PHASES = [
  "CONNECT",
  "EHLO",
  "HELO",
  "STARTTLS",
  "AUTH",
  "MAIL",
  "RCPT",
  "DATA",
  "DATA-END",
  "BDAT",
  "RSET",
  "VRFY",
  "EXPN",
  "HELP",
  "NOOP",
  "QUIT",
  "ETRN",
  "ATRN",
  "ANY",
] as const;
export type ReplyPhase = (typeof REPLY_PHASES)[number];

/** The three parts every explanation has, in one language. */
export interface Explanation {
  /** Short name, e.g. "Service ready". */
  title: string;
  /** What it means. */
  description: string;
  /** When you see it: the situations that produce it. */
  whenSeen: string;
  /** How to fix it, saying who should act (user, helpdesk, sender's admin, recipient's admin). */
  howToFix: string;
}

/** Language-neutral facts of a basic reply code (data/reply-codes.json). */
export interface ReplyCodeFacts {
  code: string; // "250"
  rfc: string[]; // ["RFC 5321 4.2.2"]
  phases: ReplyPhase[];
  /** Who usually acts on it; empty for success codes that need no action. */
  actors: Actor[];
  /** Phases for which the locale files carry a variant explanation. */
  variantPhases: ReplyPhase[];
  /**
   * Meanings told apart by the reply text rather than the command, e.g. 530 "Must issue a
   * STARTTLS command first" (RFC 3207 4) versus 530 "Authentication required" (RFC 4954 6).
   * Each id has an entry in the locale's `textVariants`.
   */
  textVariants?: ReplyTextVariant[];
}

/** A generic server wording that changes the meaning of a basic code (any server, any provider). */
export interface ReplyTextVariant {
  id: string;
  /** Case-insensitive JavaScript regular expression source tested against the reply text. */
  pattern: string;
  actors: Actor[];
}

/** One locale's text of a basic reply code: the general explanation plus per-phase variants. */
export interface ReplyCodeText extends Explanation {
  variants?: Partial<Record<ReplyPhase, Explanation>>;
  /** Keyed by `ReplyTextVariant.id`. */
  textVariants?: Record<string, Explanation>;
}

/** The reply classes by first digit (RFC 5321 4.2.1), the fallback that is never missing. */
export const REPLY_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/** Language-neutral facts of an enhanced status code (data/enhanced-codes.json). */
export interface EnhancedCodeFacts {
  /** "X.1.1" as in the IANA registry, or the class/subject fallbacks "5.X.X", "X.7.X". */
  code: string;
  kind: "detail" | "class" | "subject";
  rfc: string[];
  /** Basic codes the registry associates with it ("550", "any" …). */
  basicCodes: string[];
  actors: Actor[];
}

/** A matching rule for a real-world reply text (data/provider-replies.json). */
export interface ProviderReplyRule {
  /** Stable id, e.g. "gmail.5.7.26-unauthenticated". */
  id: string;
  /** "Gmail / Google Workspace", "Microsoft 365 / Exchange Online", "Postfix" … */
  provider: string;
  /** Basic code the rule matches, e.g. "550". */
  code: string;
  /** Enhanced code it matches, e.g. "5.7.26"; null when the provider sends none. */
  enhanced: string | null;
  /** Case-insensitive JavaScript regular expression source tested against the reply text. */
  pattern: string;
  /** A real example reply (one or more lines joined with "\n"). */
  example: string;
  /** True where the provider uses the code for its own policy, differently from the IANA meaning. */
  differsFromIana: boolean;
  /** Where the text was documented (product documentation or source). */
  source: string;
  actors: Actor[];
}

export interface LocaleMeta {
  /** Name of the language in itself: "English", "العربية". */
  name: string;
  dir: "ltr" | "rtl";
}

/** Everything one locale needs, as loaded by a platform loader. */
export interface KnowledgeBundle {
  lang: string;
  meta: LocaleMeta;
  replyCodes: Record<string, ReplyCodeText>;
  enhancedCodes: Record<string, Explanation>;
  providerReplies: Record<string, Explanation>;
  /** locales/<lang>/classes.json: the meaning of each reply class. */
  classes: Record<ReplyClass, Explanation>;
  /** locales/<lang>/labels.json: headings and short phrases used when presenting knowledge. */
  labels: Record<string, string>;
  /** locales/<lang>/findings.json: every finding's texts and checklist (finding-types.ts). */
  findings: FindingTexts;
}

/** Where a layer of an explanation comes from, most specific first. */
export const LAYER_KINDS = ["provider", "variant", "enhanced", "phase", "code", "class"] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** One layer of an explanation: the answer from one level of the knowledge base. */
export interface ExplanationLayer {
  kind: LayerKind;
  /**
   * What was looked up: a provider rule id, "530#starttls-required", "5.7.1" / "X.7.1" / "X.7.X",
   * "550@RCPT", "550", "5xx".
   */
  key: string;
  explanation: Explanation;
  actors: Actor[];
  rfc: string[];
  /** Only for provider layers. */
  provider?: { name: string; source: string; differsFromIana: boolean };
}

/** Language-neutral facts shared by all locales. */
export interface KnowledgeFacts {
  replyCodes: ReplyCodeFacts[];
  enhancedCodes: EnhancedCodeFacts[];
  providerRules: ProviderReplyRule[];
}
