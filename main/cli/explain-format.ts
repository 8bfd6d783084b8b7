import type { Tone } from "../../shared/report/transcript-text";
import { RLM, bidiText, localeDirection } from "../../shared/i18n/bidi";
import type { CodeComparison, CodeSummary } from "../../shared/knowledge/compare";
import { actorsLabel, label, listLabel, phaseLabel } from "../../shared/knowledge/labels";
import { firstSentence } from "../../shared/knowledge/lookup";
import type { Explanation, ExplanationLayer, KnowledgeBundle, ReplyPhase } from "../../shared/knowledge/types";
import { paint } from "./ansi";

/**
 * Human-readable text for `ehlo explain` and `ehlo compare`. Headings come from the locale's
 * labels; in a right-to-left locale every line is passed through isolateLtr after wrapping, so
 * codes, commands and addresses stay intact in Arabic text (UAX #9 isolates).
 */

export interface TextOptions {
  color: boolean;
  /** Wrap width in columns. */
  width: number;
}

/** What `explain` found, ready to print. */
export interface ExplainView {
  /** The input as understood: "550 5.7.1 Relay access denied", "251", "5.7.1". */
  heading: string[];
  layers: ExplanationLayer[];
  /** Notes such as "299 is not in the knowledge base; explained by its class". */
  notes: string[];
  /** Per-command meanings, shown when no phase was given and the code has variants. */
  byPhase: { phase: ReplyPhase; explanation: Explanation }[];
}

class Printer {
  private readonly lines: string[] = [];
  private readonly dir: "ltr" | "rtl";

  constructor(
    private readonly bundle: KnowledgeBundle,
    private readonly opts: TextOptions,
  ) {
    this.dir = localeDirection(bundle);
  }

  private bidi(text: string): string {
    return bidiText(text, this.dir);
  }

  line(text = "", tone: Tone = "received", indent = ""): void {
    if (!text) {
      this.lines.push("");
      return;
    }
    // UAX #9 P2 would take the direction from the first strong character; a line that opens with
    // a code must still read right to left, hence the mark.
    const mark = this.dir === "rtl" ? RLM : "";
    this.lines.push(mark + indent + paint(this.opts.color, tone, this.bidi(text)));
  }

  /** Word-wraps a paragraph, then isolates each line (an isolate must not span a line break). */
  paragraph(text: string, indent: string, tone: Tone = "received"): void {
    const width = Math.max(20, this.opts.width - indent.length);
    let current = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (current && current.length + 1 + word.length > width) {
        this.line(current, tone, indent);
        current = word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
    if (current) this.line(current, tone, indent);
  }

  section(title: string, body: string): void {
    this.line(title, "info", "  ");
    this.paragraph(body, "    ");
  }

  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function layerHeading(bundle: KnowledgeBundle, layer: ExplanationLayer): string {
  switch (layer.kind) {
    case "provider":
      return label(bundle, "layer.provider", { provider: layer.provider?.name ?? layer.key });
    case "variant":
      return `${label(bundle, "layer.variant")} · ${layer.key.split("#")[0] ?? layer.key}`;
    case "enhanced":
      return `${label(bundle, "layer.enhanced")} ${layer.key}`;
    case "phase": {
      const [code, phase] = layer.key.split("@");
      return `${code ?? ""} · ${label(bundle, "layer.phase", { phase: phaseLabel(bundle, (phase ?? "ANY") as ReplyPhase) })}`;
    }
    case "code":
      return `${label(bundle, "layer.code")} ${layer.key}`;
    case "class":
      return `${label(bundle, "layer.class")} ${layer.key}`;
  }
}

function printLayer(p: Printer, bundle: KnowledgeBundle, layer: ExplanationLayer): void {
  const { title, description, whenSeen, howToFix } = layer.explanation;
  p.line(`${layerHeading(bundle, layer)} — ${title}`, "finding");
  if (layer.kind === "class") {
    p.paragraph(description, "  ");
    return;
  }
  p.section(label(bundle, "section.meaning"), description);
  p.section(label(bundle, "section.whenSeen"), whenSeen);
  p.section(label(bundle, "section.howToFix"), howToFix);
  p.line(`${label(bundle, "section.actors")}: ${actorsLabel(bundle, layer.actors)}`, "received", "  ");
  if (layer.provider?.differsFromIana) p.paragraph(label(bundle, "provider.differsFromIana"), "  ", "warning");
  if (layer.provider) p.line(`${label(bundle, "provider.source")}: ${layer.provider.source}`, "muted", "  ");
  if (layer.rfc.length > 0) p.line(`${label(bundle, "section.rfc")}: ${listLabel(bundle, layer.rfc)}`, "muted", "  ");
}

export function formatExplainText(bundle: KnowledgeBundle, view: ExplainView, opts: TextOptions): string {
  const p = new Printer(bundle, opts);
  for (const heading of view.heading) p.line(heading, "finding");
  for (const note of view.notes) p.paragraph(note, "", "warning");
  for (const layer of view.layers) {
    p.line();
    printLayer(p, bundle, layer);
  }
  if (view.byPhase.length > 0) {
    p.line();
    p.line(label(bundle, "section.byPhase"), "finding");
    for (const { phase, explanation } of view.byPhase) {
      const heading = label(bundle, "layer.phase", { phase: phaseLabel(bundle, phase) });
      p.paragraph(`• ${heading} — ${explanation.title}: ${firstSentence(explanation.description)}`, "  ");
    }
  }
  return p.text();
}

function printSummary(p: Printer, bundle: KnowledgeBundle, summary: CodeSummary): void {
  const cls = `${summary.replyClass} ${bundle.classes[summary.replyClass].title}`;
  p.line(`${summary.code} — ${summary.explanation.title} (${cls})`, "finding");
  if (!summary.known) {
    p.paragraph(label(bundle, "unknown.code", { code: summary.code, class: summary.replyClass }), "  ", "warning");
  }
  p.section(label(bundle, "section.meaning"), summary.explanation.description);
  p.section(label(bundle, "section.whenSeen"), summary.explanation.whenSeen);
  p.section(label(bundle, "section.howToFix"), summary.explanation.howToFix);
  p.line(`${label(bundle, "section.actors")}: ${actorsLabel(bundle, summary.actors)}`, "received", "  ");
}

export function formatCompareText(bundle: KnowledgeBundle, comparison: CodeComparison, opts: TextOptions): string {
  const p = new Printer(bundle, opts);
  const { a, b } = comparison;
  printSummary(p, bundle, a);
  p.line();
  printSummary(p, bundle, b);
  p.line();
  p.line(label(bundle, "section.differences"), "finding");
  for (const difference of comparison.differences) {
    const aspect = label(bundle, `aspect.${difference.aspect}`);
    if (difference.same) {
      p.paragraph(`• ${aspect} (${label(bundle, "compare.same")}): ${difference.a}`, "  ");
      continue;
    }
    // One line per code rather than "a → x; b → y": arrows do not mirror in right-to-left text.
    p.line(`• ${aspect}:`, "warning", "  ");
    p.paragraph(`${a.code}: ${difference.a}`, "    ");
    p.paragraph(`${b.code}: ${difference.b}`, "    ");
  }
  p.line();
  p.line(label(bundle, "section.needsAction"), "finding");
  for (const sentence of comparison.verdict) p.paragraph(sentence, "  ");
  return p.text();
}
