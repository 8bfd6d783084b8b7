import { Option, type Command } from "commander";
import { bidiText, localeDirection } from "../../shared/i18n/bidi";
import { compareCodes, isComparableCode, type CodeComparison, type CodeSummary } from "../../shared/knowledge/compare";
import { label } from "../../shared/knowledge/labels";
import {
  briefOfLayer,
  explainEnhancedCode,
  explainParsedReply,
  findReplyFacts,
  replyClassOf,
} from "../../shared/knowledge/lookup";
import { parseReplyLines, parseReplyPhase, readExplainInput, type ExplainRequest } from "../../shared/knowledge/reply-input";
import {
  REPLY_PHASES,
  type ExplanationLayer,
  type KnowledgeBundle,
  type KnowledgeFacts,
  type ReplyPhase,
} from "../../shared/knowledge/types";
import { enhancedLookupKeys, parseEnhancedCode } from "../../shared/smtp/enhanced-code";
import { availableLocales, loadKnowledgeBundle, loadKnowledgeFacts, normalizeLang } from "../services/knowledge-store";
import { colorEnabled } from "./ansi";
import { formatCompareText, formatExplainText, type ExplainView } from "./explain-format";
import { UsageError, type CliIo } from "./io";

/**
 * `ehlo explain <reply…>` and `ehlo compare <a> <b>`: the knowledge base on the command line.
 * Bad input throws UsageError, which the program turns into a message on stderr and exit code 2.
 */

interface CommonFlags {
  lang: string;
  json?: boolean;
  color: boolean;
}

interface ExplainFlags extends CommonFlags {
  phase?: string;
}

/** The language from the environment (EHLO_LANG, then the POSIX locale variables), else English. */
export function defaultExplainLang(env: Record<string, string | undefined>): string {
  const raw = [env.EHLO_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value) ?? "";
  const lang = normalizeLang(raw);
  return availableLocales().includes(lang) ? lang : "en";
}

function loadFor(lang: string, io: CliIo): { facts: KnowledgeFacts; bundle: KnowledgeBundle } {
  const bundle = loadKnowledgeBundle(lang, { onFallback: (message) => io.err(`ehlo: ${message}\n`) });
  return { facts: loadKnowledgeFacts(), bundle };
}

function usage(bundle: KnowledgeBundle, key: string, params: Record<string, string>): UsageError {
  return new UsageError(bidiText(label(bundle, key, params), localeDirection(bundle)));
}

function wrapWidth(env: Record<string, string | undefined>): number {
  const columns = Number(env.COLUMNS);
  return Number.isFinite(columns) && columns >= 40 ? Math.min(columns, 120) : 100;
}

/** The layers plus what the views need around them. */
interface ExplainOutcome {
  reply: { code: number | null; enhanced: string | null; text: string };
  lines: string[];
  layers: ExplanationLayer[];
  known: boolean;
  notes: string[];
  byPhase: ExplainView["byPhase"];
}

function explainRequest(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  request: ExplainRequest,
  phase: ReplyPhase | undefined,
): ExplainOutcome {
  const reply =
    request.kind === "reply"
      ? { code: request.reply.code, enhanced: request.reply.enhanced, text: request.reply.text }
      : request.kind === "code"
        ? { code: Number(request.code), enhanced: null, text: "" }
        : { code: null, enhanced: request.code, text: "" };
  const layers =
    request.kind === "enhanced"
      ? explainEnhancedCode(facts, bundle, request.code)
      : explainParsedReply(facts, bundle, { ...reply, code: Number(reply.code) }, phase);
  const notes: string[] = [];
  const codeFacts = reply.code === null ? undefined : findReplyFacts(facts, String(reply.code));
  if (reply.code !== null && !codeFacts) {
    notes.push(label(bundle, "unknown.code", { code: String(reply.code), class: replyClassOf(reply.code) }));
  }
  const enhanced = reply.enhanced ? parseEnhancedCode(reply.enhanced) : null;
  if (enhanced) {
    const layer = layers.find((candidate) => candidate.kind === "enhanced");
    const [exact, detail] = enhancedLookupKeys(enhanced);
    if (!layer || (layer.key !== exact && layer.key !== detail)) {
      const fallback = layer?.key ?? replyClassOf(enhanced.cls);
      notes.push(label(bundle, "unknown.enhanced", { code: enhanced.code, fallback }));
    }
  }
  const variants = codeFacts ? bundle.replyCodes[codeFacts.code]?.variants : undefined;
  const byPhase =
    phase || !codeFacts || !variants
      ? []
      : codeFacts.variantPhases.flatMap((variantPhase) => {
          const explanation = variants[variantPhase];
          return explanation ? [{ phase: variantPhase, explanation }] : [];
        });
  const lines = request.kind === "reply" ? request.reply.lines : [request.code];
  return { reply, lines, layers, known: layers[0]?.kind !== "class", notes, byPhase };
}

function layerJson(layer: ExplanationLayer) {
  return {
    kind: layer.kind,
    key: layer.key,
    ...layer.explanation,
    actors: layer.actors,
    rfc: layer.rfc,
    ...(layer.provider ? { provider: layer.provider } : {}),
  };
}

function explainJson(bundle: KnowledgeBundle, request: ExplainRequest, phase: ReplyPhase | undefined, outcome: ExplainOutcome) {
  const first = outcome.layers[0];
  return {
    schema: "ehlo.explain/1",
    lang: bundle.lang,
    dir: localeDirection(bundle),
    input: { kind: request.kind, lines: outcome.lines, phase: phase ?? null },
    reply: outcome.reply,
    known: outcome.known,
    brief: first ? briefOfLayer(first.explanation) : "",
    notes: outcome.notes,
    layers: outcome.layers.map(layerJson),
    byPhase: outcome.byPhase.map(({ phase: variantPhase, explanation }) => ({ phase: variantPhase, ...explanation })),
  };
}

function summaryJson(summary: CodeSummary) {
  return {
    code: summary.code,
    kind: summary.kind,
    known: summary.known,
    class: summary.replyClass,
    outcome: summary.outcome,
    permanence: summary.permanence,
    ...summary.explanation,
    actors: summary.actors,
    phases: summary.phases,
    rfc: summary.rfc,
  };
}

function compareJson(bundle: KnowledgeBundle, comparison: CodeComparison) {
  return {
    schema: "ehlo.compare/1",
    lang: bundle.lang,
    dir: localeDirection(bundle),
    a: summaryJson(comparison.a),
    b: summaryJson(comparison.b),
    differences: comparison.differences,
    needsAction: comparison.needsAction,
    verdict: comparison.verdict,
  };
}

async function readArguments(args: string[], io: CliIo): Promise<string[]> {
  if (args.length > 0 && !(args.length === 1 && args[0] === "-")) return args;
  // RFC 5321 2.3.8 lines end in CRLF; pasted text may use either.
  return (await io.readStdin()).split(/\r?\n/).filter((line) => line.trim().length > 0);
}

function langOption(io: CliIo): Option {
  return new Option("--lang <lang>", `language of the explanation (${availableLocales().join(", ")})`).default(
    defaultExplainLang(io.env),
  );
}

export function registerExplainCommands(program: Command, io: CliIo): void {
  program
    .command("explain")
    .description("Explain a reply code (251), an enhanced status code (5.7.1) or a whole server reply")
    .argument("[reply...]", 'a code, an enhanced code or reply text such as "550 5.7.1 Relay access denied"; none or "-" reads reply lines from stdin')
    .option("--phase <command>", "the command the reply answers: CONNECT (greeting), EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, DATA-END …")
    .addOption(langOption(io))
    .option("--json", "print one JSON object (schema ehlo.explain/1)")
    .option("--no-color", "no ANSI colours")
    .action(async (args: string[], flags: ExplainFlags) => {
      const { facts, bundle } = loadFor(flags.lang, io);
      const phase = flags.phase === undefined ? undefined : parseReplyPhase(flags.phase);
      if (phase === null) {
        throw usage(bundle, "error.badPhase", { phase: flags.phase ?? "", phases: REPLY_PHASES.join(", ") });
      }
      const input = await readArguments(args, io);
      if (input.length === 0) throw usage(bundle, "error.empty", {});
      const request = readExplainInput(input);
      if (!request) throw usage(bundle, "error.badInput", { input: input.join(" ").slice(0, 200) });
      const outcome = explainRequest(facts, bundle, request, phase);
      if (flags.json) {
        io.out(`${JSON.stringify(explainJson(bundle, request, phase, outcome), null, 2)}\n`);
        return;
      }
      const heading = [...outcome.lines];
      if (phase) heading.push(label(bundle, "layer.phase", { phase }));
      const view: ExplainView = { heading, layers: outcome.layers, notes: outcome.notes, byPhase: outcome.byPhase };
      const color = colorEnabled(flags.color, io.isTTY, io.env);
      io.out(formatExplainText(bundle, view, { color, width: wrapWidth(io.env) }));
    });

  program
    .command("compare")
    .description("Compare two reply codes (220 251) or enhanced status codes (4.2.2 5.2.2)")
    .argument("<a>", "first code")
    .argument("<b>", "second code")
    .addOption(langOption(io))
    .option("--json", "print one JSON object (schema ehlo.compare/1)")
    .option("--no-color", "no ANSI colours")
    .action((a: string, b: string, flags: CommonFlags) => {
      const { facts, bundle } = loadFor(flags.lang, io);
      for (const code of [a, b]) {
        if (!isComparableCode(code)) throw usage(bundle, "error.badCompare", { input: code.slice(0, 200) });
      }
      const comparison = compareCodes(facts, bundle, a, b);
      if (flags.json) {
        io.out(`${JSON.stringify(compareJson(bundle, comparison), null, 2)}\n`);
        return;
      }
      const color = colorEnabled(flags.color, io.isTTY, io.env);
      io.out(formatCompareText(bundle, comparison, { color, width: wrapWidth(io.env) }));
    });
}

/**
 * One line explaining a reply, for the transcript of `ehlo check` (printed under each reply).
 * Empty when the lines are not a reply. An unknown language quietly uses English here: the
 * check command reports its own options.
 */
export function formatBriefExplanation(lines: string[], phase: ReplyPhase | undefined, lang: string): string {
  const parsed = parseReplyLines(lines);
  if (!parsed) return "";
  const bundle = loadKnowledgeBundle(lang, { onFallback: () => undefined });
  const [first] = explainParsedReply(loadKnowledgeFacts(), bundle, parsed, phase);
  return first ? bidiText(briefOfLayer(first.explanation), localeDirection(bundle)) : "";
}
