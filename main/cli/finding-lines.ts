import type { CheckResult } from "../../shared/contract/check-result";
import type { Severity } from "../../shared/contract/findings";
import { LRI, PDI, RLM, bidiText, localeDirection } from "../../shared/i18n/bidi";
import type { CommandShell } from "../../shared/knowledge/finding-types";
import { describeFinding, platformOf, type CommandGroup, type DescribedFinding } from "../../shared/knowledge/findings";
import { label } from "../../shared/knowledge/labels";
import type { Tone } from "../../shared/report/transcript-text";
import { loadKnowledgeBundle } from "../services/knowledge-store";

/**
 * The summary under the transcript, in the chosen language: per finding its mark, title and id,
 * what it means and how to fix it; failures add the numbered checklist with the commands of the
 * user's own system (filled with the real host and port). The outcome line comes last.
 * In a right-to-left locale every line starts with RLM and its Latin runs are isolated (UAX #9),
 * after wrapping, so an isolate never spans a line break.
 */

export interface SummaryLine {
  text: string;
  tone: Tone;
}

const MARK: Record<Severity, string> = { error: "✖", warning: "!", info: "✔" };
const TONE: Record<Severity, Tone> = { error: "failure", warning: "warning", info: "info" };
const WIDTH = 100;
/** Prompts tell the shells apart without words, so commands need no translation. */
const PROMPT: Record<CommandShell, string> = { "windows-powershell": "PS>", "windows-cmd": "C:\\>", macos: "$", linux: "$" };
const SHELL_NAME: Record<CommandShell, string> = { "windows-powershell": "PowerShell", "windows-cmd": "cmd", macos: "macOS", linux: "Linux" };

class Lines {
  readonly out: SummaryLine[] = [];
  /** Paragraphs already printed: findings of one kind (three open ports) share their advice. */
  private readonly said = new Set<string>();

  constructor(private readonly dir: "ltr" | "rtl") {}

  line(text: string, tone: Tone, indent = ""): void {
    if (!text) {
      this.out.push({ text: "", tone });
      return;
    }
    const mark = this.dir === "rtl" ? RLM : "";
    this.out.push({ text: mark + indent + bidiText(text, this.dir), tone });
  }

  /** Word-wraps to WIDTH columns; `hanging` indents the lines after the first (numbered steps). */
  paragraph(text: string, tone: Tone, indent: string, hanging = indent): void {
    let current = "";
    let first = true;
    const flush = () => {
      this.line(current, tone, first ? indent : hanging);
      first = false;
    };
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const width = Math.max(30, WIDTH - (first ? indent : hanging).length);
      if (current && current.length + 1 + word.length > width) {
        flush();
        current = word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
    if (current) flush();
  }

  once(text: string, print: () => void): void {
    if (!text || this.said.has(text)) return;
    this.said.add(text);
    print();
  }

  /** "✖ Title  [finding.id]": the id is its own isolate, apart from a Latin word ending the title. */
  heading(severity: Severity, title: string, id: string): void {
    this.line(`${MARK[severity]} ${title}  ${this.dir === "rtl" ? `${LRI}[${id}]${PDI}` : `[${id}]`}`, TONE[severity]);
  }

  /** Commands are never wrapped (they are copied), and are one isolate as a whole in RTL text. */
  command(group: CommandGroup, line: string, named: boolean, indent: string): void {
    const prompt = named ? `${SHELL_NAME[group.shell]}:` : PROMPT[group.shell];
    const text = `${prompt} ${line}`;
    this.out.push({ text: this.dir === "rtl" ? `${RLM}${indent}${LRI}${text}${PDI}` : `${indent}${text}`, tone: "sent" });
  }
}

function printFinding(p: Lines, d: DescribedFinding, howToFixLabel: string): void {
  p.heading(d.severity, d.title, d.id);
  p.paragraph(d.description, "received", "  ");
  p.once(d.howToFix, () => p.paragraph(`${howToFixLabel}: ${d.howToFix}`, "received", "  "));
  if (d.severity === "info") return;
  d.checklist.forEach((step, index) => {
    const number = `${index + 1}. `;
    const hanging = `    ${" ".repeat(number.length)}`;
    p.paragraph(`${number}${step.text}`, "received", "    ", hanging);
    // The user's own shells; on an unknown system every shell, each named.
    const native = step.commands.filter((group) => group.native);
    const shown = native.length > 0 ? native : step.commands;
    for (const group of shown) for (const line of group.lines) p.command(group, line, native.length === 0, hanging);
  });
}

/** The summary under the transcript; `platform` is Node's `process.platform` of the user's machine. */
export function findingLines(result: CheckResult, lang: string, platform: string): SummaryLine[] {
  const bundle = loadKnowledgeBundle(lang, { onFallback: () => undefined });
  const p = new Lines(localeDirection(bundle));
  const context = { host: result.target.host, port: result.target.port, platform: platformOf(platform) };
  const howToFix = label(bundle, "section.howToFix");
  result.findings.forEach((finding, index) => {
    if (index > 0) p.line("", "muted");
    printFinding(p, describeFinding(bundle.findings, finding, context), howToFix);
  });
  if (result.findings.length > 0) p.line("", "muted");
  const outcomeTone: Tone = result.outcome === "failed" ? "failure" : result.outcome === "warning" ? "warning" : "info";
  p.out.push({ text: `Outcome: ${result.outcome} (${result.durationMs} ms)`, tone: outcomeTone });
  return p.out;
}
