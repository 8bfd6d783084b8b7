import { LRI, PDI, RLM, isolateLtr } from "../i18n/bidi";
import { fillLabel } from "./report-labels";
import type { ReportFinding, ReportModel } from "./report-schema";
import { visibleControls, visibleOverrides } from "./text-safety";
import { formatMs } from "./waterfall-svg";
import { LEGEND } from "./render-html";

/**
 * Report model → Markdown for tickets (Jira, Zendesk, GitHub), pure. Server text is hostile:
 * outside code it is backslash-escaped (CommonMark 2.4: any ASCII punctuation may be escaped) so
 * it can never become a link, an image, HTML or emphasis; inside code blocks the fence is longer
 * than any backtick run in the content (CommonMark 4.5: a closing fence must be at least as long
 * as the opening one), so a server line cannot close the block. Right-to-left locales get a
 * RIGHT-TO-LEFT MARK at the start of each prose line and isolated Latin runs (UAX #9).
 */

const MD_SPECIAL = /[\\`*_[\]<>#|~&]/g;

/** Escapes Markdown syntax in one line of text. */
export function escapeMarkdown(text: string, atLineStart = false): string {
  const escaped = visibleOverrides(text.replace(/[\r\n]+/g, " ")).replace(MD_SPECIAL, "\\$&");
  if (!atLineStart) return escaped;
  // Markers that only count at the start of a line: lists ("-", "+", "1.", "1)"), setext "=".
  return escaped.replace(/^(\s*)([-+=])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  for (const match of text.matchAll(new RegExp(`${char === "`" ? "`" : "~"}+`, "g"))) longest = Math.max(longest, match[0].length);
  return longest;
}

/** A fenced code block no content line can close. */
export function codeBlock(lines: readonly string[], info = "", indent = ""): string {
  const body = lines.map((line) => visibleControls(line));
  const fence = "`".repeat(Math.max(3, longestRun(body.join("\n"), "`") + 1));
  return [`${indent}${fence}${info}`, ...body.map((line) => `${indent}${line}`), `${indent}${fence}`].join("\n");
}

/** An inline code span no content can close (CommonMark 6.1). */
export function inlineCode(text: string): string {
  const body = visibleControls(text);
  const ticks = "`".repeat(longestRun(body, "`") + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") ? " " : "";
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

interface Md {
  l(key: string): string;
  /** Localised prose, escaped, isolated for right-to-left locales. */
  prose(text: string): string;
  /** `prose` for text that starts a line (a paragraph, a quoted line). */
  para(text: string): string;
  /** Code: an inline code span, isolated left-to-right in right-to-left locales. */
  code(text: string): string;
  /** Starts a prose line: a RIGHT-TO-LEFT MARK in right-to-left locales. */
  line(text: string): string;
}

function helpers(model: ReportModel): Md {
  const rtl = model.dir === "rtl";
  return {
    l: (key) => model.labels[key] ?? key,
    prose: (text) => (rtl ? isolateLtr(escapeMarkdown(text)) : escapeMarkdown(text)),
    para: (text) => (rtl ? isolateLtr(escapeMarkdown(text, true)) : escapeMarkdown(text, true)),
    code: (text) => (rtl ? `${LRI}${inlineCode(text)}${PDI}` : inlineCode(text)),
    line: (text) => (rtl ? `${RLM}${text}` : text),
  };
}

export function renderMarkdown(model: ReportModel): string {
  const md = helpers(model);
  const out: string[] = [];
  out.push(md.line(`# ${md.prose(model.title)}`), "");
  out.push(...verdict(model, md), "");
  out.push(md.line(`## ${md.prose(md.l("section.findings"))}`), "");
  if (model.findings.length === 0) out.push(md.line(md.prose(md.l("findings.none"))), "");
  for (const finding of model.findings) out.push(...findingMd(finding, md), "");
  out.push(...timing(model, md), "");
  out.push(...certificate(model, md), "");
  out.push(...parameters(model, md), "");
  out.push(md.line(`## ${md.prose(md.l("section.transcript"))}`), "");
  out.push(md.line(LEGEND.map(([prefix, key]) => `${md.code(prefix)} ${md.prose(md.l(key))}`).join(" · ")), "");
  const lines = model.transcript.flatMap((row) => {
    const line = `${row.t.toFixed(1).padStart(8)} ${row.prefix} ${row.text}`;
    return row.explanation ? [line, `${" ".repeat(13)}${row.explanation}`] : [line];
  });
  out.push(codeBlock(lines, "text"), "");
  out.push(...environment(model, md), "");
  out.push("---", md.line(md.prose(fillLabel(md.l("footer"), { version: model.environment.ehloVersion }))), "");
  return out.join("\n");
}

function verdict(model: ReportModel, md: Md): string[] {
  const v = model.verdict;
  const p = model.parameters;
  const lines = [md.line(`## ${md.prose(md.l("section.verdict"))}`), ""];
  lines.push(md.line(`**${md.prose(v.outcomeText)}**${v.headline !== v.outcomeText ? `: ${md.prose(v.headline)}` : ""}`), "");
  if (v.detail) lines.push(md.line(md.para(v.detail)), "");
  lines.push(md.line(`${md.code(`${p.host}:${p.port}`)} · ${md.prose(md.l("param.tls"))}: ${md.code(p.tls)} · ${md.prose(fillLabel(md.l("verdict.duration"), { ms: formatMs(model.environment.durationMs) }))}`), "");
  lines.push(md.line(md.prose(fillLabel(md.l("verdict.counts"), v.counts))));
  if (model.anonymised) lines.push("", md.line(`_${md.prose(md.l("env.anonymised"))}_`));
  return lines;
}

function findingMd(f: ReportFinding, md: Md): string[] {
  const lines = [md.line(`### ${md.prose(md.l(`severity.${f.severity}`))}: ${md.prose(f.title)}`), "", md.line(md.code(f.id)), ""];
  if (!f.hasText) {
    // Without texts the description is the finding's raw params ("code=550 to=…"): data, not prose.
    lines.push(md.line(md.prose(md.l("finding.noText"))), "");
    if (f.description) lines.push(codeBlock([f.description]), "");
  } else if (f.description) {
    lines.push(md.line(md.para(f.description)), "");
  }
  if (f.whenSeen) lines.push(md.line(`**${md.prose(md.l("finding.whenSeen"))}:** ${md.prose(f.whenSeen)}`), "");
  if (f.howToFix) lines.push(md.line(`**${md.prose(md.l("finding.howToFix"))}:** ${md.prose(f.howToFix)}`), "");
  if (f.checklist.length > 0) {
    lines.push(md.line(`**${md.prose(md.l("finding.checklist"))}**`), "");
    for (const step of f.checklist) {
      lines.push(`- [${step.checked ? "x" : " "}] ${md.line(md.prose(step.text))}`);
      for (const c of step.commands) lines.push("", `  ${md.line(`_${md.prose(md.l(`shell.${c.shell}`))}_`)}`, "", codeBlock(c.lines, "", "  "));
    }
    lines.push("");
  }
  if (f.notes.trim()) {
    lines.push(md.line(`**${md.prose(md.l("finding.notes"))}**`), "");
    for (const note of f.notes.split(/\r?\n/)) lines.push(`> ${md.line(md.para(note))}`);
    lines.push("");
  }
  if (f.evidence.length > 0) {
    lines.push(md.line(`**${md.prose(md.l("finding.evidence"))}**`), "");
    lines.push(codeBlock(f.evidence.map((e) => `${e.prefix} ${e.text}`)));
  }
  return lines;
}

function timing(model: ReportModel, md: Md): string[] {
  const { spans, totalMs } = model.waterfall;
  if (spans.length === 0) return [];
  const ms = (value: number) => md.prose(fillLabel(md.l("timing.ms"), { ms: formatMs(value) }));
  return [
    md.line(`## ${md.prose(md.l("section.timing"))}`),
    "",
    `| ${md.prose(md.l("timing.phase"))} | ${md.prose(md.l("timing.start"))} | ${md.prose(md.l("timing.duration"))} |`,
    "|---|---:|---:|",
    ...spans.map((s) => `| ${md.prose(md.l(`phase.${s.phase}`))} | ${ms(s.start)} | ${ms(s.durationMs)}${s.complete ? "" : ` (${md.prose(md.l("timing.open"))})`} |`),
    `| **${md.prose(md.l("timing.total"))}** | | ${ms(totalMs)} |`,
  ];
}

function item(md: Md, key: string, value: string): string {
  return md.line(`- **${md.prose(md.l(key))}:** ${value}`);
}

function certificate(model: ReportModel, md: Md): string[] {
  const lines = [md.line(`## ${md.prose(md.l("section.certificate"))}`), ""];
  const tls = model.certificate;
  if (!tls) return [...lines, md.line(md.prose(md.l("cert.none")))];
  const verified = tls.authorized && tls.nameMatches;
  const why = [tls.verifyError, tls.nameMatches ? null : "name mismatch"].filter((x): x is string => Boolean(x)).join(", ");
  lines.push(
    item(md, "cert.protocol", md.code(tls.protocol ?? "?")),
    item(md, "cert.cipher", md.code(tls.cipher ?? "?")),
    item(md, "cert.servername", tls.servername ? md.code(tls.servername) : md.prose(md.l("param.none"))),
    md.line(`- **${md.prose(md.l(verified ? "cert.verified" : "cert.notVerified"))}**${why ? ` ${md.code(why)}` : ""}`),
  );
  if (tls.trustedBy) lines.push(md.line(`- ${md.prose(md.l(`cert.trustedBy.${tls.trustedBy}`))}`));
  const leaf = tls.chain[0];
  if (leaf) {
    lines.push(
      item(md, "cert.subject", md.code(leaf.subject)),
      item(md, "cert.issuer", md.code(leaf.issuer)),
      item(md, "cert.san", md.code(leaf.subjectAltNames.join(", "))),
      item(md, "cert.validFrom", md.code(leaf.validFrom)),
      item(md, "cert.validTo", md.code(leaf.validTo)),
      item(md, "cert.fingerprint", md.code(leaf.fingerprint256)),
    );
  }
  return lines;
}

function parameters(model: ReportModel, md: Md): string[] {
  const p = model.parameters;
  const none = md.prose(md.l("param.none"));
  return [
    md.line(`## ${md.prose(md.l("section.parameters"))}`),
    "",
    item(md, "param.host", md.code(p.host)),
    item(md, "param.port", md.code(String(p.port))),
    item(md, "param.tls", md.code(p.tls)),
    item(md, "param.mx", md.prose(md.l(p.mx ? "param.yes" : "param.no"))),
    item(md, "param.address", p.address ? md.code(p.address) : none),
    item(md, "param.capabilities", p.capabilities.length > 0 ? md.code(p.capabilities.join(", ")) : none),
  ];
}

function environment(model: ReportModel, md: Md): string[] {
  const e = model.environment;
  return [
    md.line(`## ${md.prose(md.l("section.environment"))}`),
    "",
    item(md, "env.version", md.code(e.ehloVersion)),
    item(md, "env.os", md.code(e.os)),
    item(md, "env.timeZone", md.code(e.timeZone)),
    item(md, "env.startedAt", `${md.prose(e.startedAtLocal)} (${md.code(e.startedAt)})`),
    item(md, "env.generatedAt", `${md.prose(e.generatedAtLocal)} (${md.code(e.generatedAt)})`),
  ];
}
