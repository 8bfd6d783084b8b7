import type { Certificate } from "../contract/events";
import { bidiText } from "../i18n/bidi";
import { fillLabel } from "./report-labels";
import { REPORT_CSS } from "./report-css";
import type { ReportFinding, ReportModel } from "./report-schema";
import { escapeHtml, visibleControls, visibleOverrides } from "./text-safety";
import { formatMs, waterfallSvg } from "./waterfall-svg";

/**
 * Report model → one self-contained HTML file (pure). No script at all, no remote resource (a
 * Content-Security-Policy meta tag forbids both, in case anything slipped through), inline CSS
 * with print rules. Every string from the model is escaped; server text additionally shows its
 * invisible bidi controls. Right-to-left locales get dir="rtl"; transcript lines, codes, host
 * names and commands are isolated left-to-right (UAX #9) so they read as they were sent.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

export function renderHtml(model: ReportModel): string {
  const h = htmlHelpers(model);
  const sections = [
    verdictSection(model, h),
    findingsSection(model, h),
    timingSection(model, h),
    certificateSection(model, h),
    parametersSection(model, h),
    transcriptSection(model, h),
    environmentSection(model, h),
  ];
  return `<!DOCTYPE html>
<html lang="${escapeHtml(model.lang)}" dir="${model.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ehlo ${escapeHtml(model.environment.ehloVersion)}">
<title>${h.prose(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<p class="subtitle">${h.prose(h.l("subtitle"))}</p>
<h1>${h.prose(model.title)}</h1>
<p class="meta">${h.prose(h.l("env.generatedAt"))}: ${h.prose(model.environment.generatedAtLocal)}</p>
${model.anonymised ? `<p class="meta">${h.prose(h.l("env.anonymised"))}</p>` : ""}
</header>
<main>
${sections.join("\n")}
</main>
<footer>${h.prose(fillLabel(h.l("footer"), { version: model.environment.ehloVersion }))}</footer>
</body>
</html>
`;
}

interface Helpers {
  /** A label of the model's language. */
  l(key: string): string;
  /** Localised prose: escaped, Latin runs isolated in right-to-left locales. */
  prose(text: string): string;
  /** Technical text (codes, hosts, commands, server lines): escaped, always left-to-right. */
  code(text: string): string;
}

function htmlHelpers(model: ReportModel): Helpers {
  return {
    l: (key) => model.labels[key] ?? key,
    // Isolates become <bdi dir="ltr"> elements: Chromium's PDF output does not always honour the
    // Unicode isolate characters (a "--flag" came out as "flag--" in Arabic), elements it does.
    prose: (text) => escapeHtml(bidiText(visibleOverrides(text), model.dir)).replace(/\u2066([^\u2066-\u2069]*)\u2069/g, '<bdi dir="ltr">$1</bdi>'),
    code: (text) => `<bdi dir="ltr" class="mono">${escapeHtml(visibleControls(text))}</bdi>`,
  };
}

function verdictSection(model: ReportModel, h: Helpers): string {
  const v = model.verdict;
  const p = model.parameters;
  return `<section class="verdict outcome-${v.outcome}" aria-labelledby="verdict-h">
<h2 id="verdict-h">${h.prose(h.l("section.verdict"))}</h2>
<p class="outcome">${h.prose(v.outcomeText)}</p>
${v.headline !== v.outcomeText ? `<p class="headline">${h.prose(v.headline)}</p>` : ""}
${v.detail ? `<p class="detail">${h.prose(v.detail)}</p>` : ""}
<p class="target">${h.code(`${p.host}:${p.port}`)} · ${h.prose(h.l("param.tls"))}: ${h.code(p.tls)} · ${h.prose(fillLabel(h.l("verdict.duration"), { ms: formatMs(model.environment.durationMs) }))}</p>
<p class="counts muted">${h.prose(fillLabel(h.l("verdict.counts"), v.counts))}</p>
</section>`;
}

function findingsSection(model: ReportModel, h: Helpers): string {
  const body = model.findings.length === 0 ? `<p>${h.prose(h.l("findings.none"))}</p>` : model.findings.map((f) => findingHtml(f, h)).join("\n");
  return `<section class="findings"><h2>${h.prose(h.l("section.findings"))}</h2>\n${body}\n</section>`;
}

function findingHtml(f: ReportFinding, h: Helpers): string {
  const parts = [
    `<h3><span class="badge">${h.prose(h.l(`severity.${f.severity}`))}</span>${h.prose(f.title)}</h3>`,
    `<p class="id">${h.code(f.id)}</p>`,
  ];
  if (!f.hasText) {
    // Without texts the description is the finding's raw params ("code=550 to=…"): data, not prose.
    parts.push(`<p class="muted">${h.prose(h.l("finding.noText"))}</p>`);
    if (f.description) parts.push(`<pre class="evidence">${escapeHtml(visibleControls(f.description))}</pre>`);
  } else if (f.description) {
    parts.push(`<p>${h.prose(f.description)}</p>`);
  }
  if (f.whenSeen) parts.push(`<h4>${h.prose(h.l("finding.whenSeen"))}</h4><p>${h.prose(f.whenSeen)}</p>`);
  if (f.howToFix) parts.push(`<h4>${h.prose(h.l("finding.howToFix"))}</h4><p>${h.prose(f.howToFix)}</p>`);
  if (f.checklist.length > 0) {
    const steps = f.checklist.map((step) => {
      const state = h.l(step.checked ? "checklist.done" : "checklist.todo");
      const commands = step.commands
        .map((c) => `<div class="muted">${h.prose(h.l(`shell.${c.shell}`))}</div><pre class="cmd">${escapeHtml(c.lines.map(visibleControls).join("\n"))}</pre>`)
        .join("");
      return `<li class="${step.checked ? "checked" : ""}"><span class="box" aria-label="${escapeHtml(state)}">${step.checked ? "☑" : "☐"}</span>${h.prose(step.text)}${commands}</li>`;
    });
    parts.push(`<h4>${h.prose(h.l("finding.checklist"))}</h4><ul class="checklist">${steps.join("")}</ul>`);
  }
  if (f.notes.trim()) parts.push(`<h4>${h.prose(h.l("finding.notes"))}</h4><p class="notes">${h.prose(f.notes)}</p>`);
  if (f.evidence.length > 0) {
    const lines = f.evidence.map((e) => `<a href="#e${e.seq}">${escapeHtml(visibleControls(`${e.prefix} ${e.text}`))}</a>`).join("\n");
    parts.push(`<h4>${h.prose(h.l("finding.evidence"))}</h4><pre class="evidence">${lines}</pre>`);
  }
  return `<article class="finding sev-${f.severity}">\n${parts.join("\n")}\n</article>`;
}

function timingSection(model: ReportModel, h: Helpers): string {
  const { spans, totalMs } = model.waterfall;
  if (spans.length === 0) return "";
  const ms = (value: number) => h.prose(fillLabel(h.l("timing.ms"), { ms: formatMs(value) }));
  const rows = spans.map((s) =>
    `<tr><td>${h.prose(h.l(`phase.${s.phase}`))}</td><td>${ms(s.start)}</td><td>${ms(s.durationMs)}${s.complete ? "" : ` (${h.prose(h.l("timing.open"))})`}</td></tr>`,
  );
  return `<section class="timing"><h2>${h.prose(h.l("section.timing"))}</h2>
<div class="waterfall" dir="ltr">${waterfallSvg(model)}</div>
<table><thead><tr><th>${h.prose(h.l("timing.phase"))}</th><th>${h.prose(h.l("timing.start"))}</th><th>${h.prose(h.l("timing.duration"))}</th></tr></thead>
<tbody>${rows.join("")}<tr><th>${h.prose(h.l("timing.total"))}</th><td></td><td>${ms(totalMs)}</td></tr></tbody></table>
</section>`;
}

function kv(rows: [string, string][]): string {
  return `<dl class="kv">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function certificateHtml(cert: Certificate, h: Helpers): string {
  return kv([
    [h.prose(h.l("cert.subject")), h.code(cert.subject)],
    [h.prose(h.l("cert.issuer")), h.code(cert.issuer)],
    [h.prose(h.l("cert.san")), h.code(cert.subjectAltNames.join(", "))],
    [h.prose(h.l("cert.validFrom")), h.code(cert.validFrom)],
    [h.prose(h.l("cert.validTo")), h.code(cert.validTo)],
    [h.prose(h.l("cert.key")), h.code(`${cert.keyType}${cert.keyBits ? ` ${cert.keyBits}` : ""}`)],
    [h.prose(h.l("cert.fingerprint")), h.code(cert.fingerprint256)],
    [h.prose(h.l("cert.serial")), h.code(cert.serialNumber)],
    [h.prose(h.l("cert.selfSigned")), h.prose(h.l(cert.selfSigned ? "param.yes" : "param.no"))],
  ]);
}

function certificateSection(model: ReportModel, h: Helpers): string {
  const tls = model.certificate;
  const head = `<h2>${h.prose(h.l("section.certificate"))}</h2>`;
  if (!tls) return `<section class="cert">${head}<p>${h.prose(h.l("cert.none"))}</p></section>`;
  const verified = tls.authorized && tls.nameMatches;
  const why = [tls.verifyError, tls.nameMatches ? null : "name mismatch"].filter((x): x is string => Boolean(x)).join(", ");
  const summary = kv([
    [h.prose(h.l("cert.protocol")), h.code(tls.protocol ?? "?")],
    [h.prose(h.l("cert.cipher")), h.code(tls.cipher ?? "?")],
    [h.prose(h.l("cert.servername")), tls.servername ? h.code(tls.servername) : h.prose(h.l("param.none"))],
    [h.prose(h.l(verified ? "cert.verified" : "cert.notVerified")), why ? h.code(why) : ""],
    ...(tls.trustedBy ? [[h.prose(h.l(`cert.trustedBy.${tls.trustedBy}`)), ""] as [string, string]] : []),
  ]);
  const [leaf, ...rest] = tls.chain;
  const chain = rest.length > 0 ? `<h4>${h.prose(h.l("cert.chain"))}</h4>${rest.map((c) => certificateHtml(c, h)).join("")}` : "";
  return `<section class="cert">${head}${summary}${leaf ? certificateHtml(leaf, h) : ""}${chain}</section>`;
}

function parametersSection(model: ReportModel, h: Helpers): string {
  const p = model.parameters;
  const yesNo = (b: boolean) => h.prose(h.l(b ? "param.yes" : "param.no"));
  return `<section class="parameters"><h2>${h.prose(h.l("section.parameters"))}</h2>${kv([
    [h.prose(h.l("param.host")), h.code(p.host)],
    [h.prose(h.l("param.port")), h.code(String(p.port))],
    [h.prose(h.l("param.tls")), h.code(p.tls)],
    [h.prose(h.l("param.mx")), yesNo(p.mx)],
    [h.prose(h.l("param.address")), p.address ? h.code(p.address) : h.prose(h.l("param.none"))],
    [h.prose(h.l("param.capabilities")), p.capabilities.length > 0 ? h.code(p.capabilities.join(", ")) : h.prose(h.l("param.none"))],
  ])}</section>`;
}

/** The swaks-style prefixes (transcript-text.ts) and what they mean. */
export const LEGEND: [string, string][] = [
  ["->", "legend.sent"],
  ["<-", "legend.received"],
  ["~>", "legend.tlsSent"],
  ["<~", "legend.tlsReceived"],
  ["<**", "legend.failure"],
  ["!!!", "legend.error"],
  ["===", "legend.info"],
];

function transcriptSection(model: ReportModel, h: Helpers): string {
  const rows = model.transcript.map((row) => {
    const main = `<tr id="e${row.seq}" class="tone-${row.tone}"><td class="t">${escapeHtml(row.t.toFixed(1))}</td><td class="p">${escapeHtml(row.prefix)}</td><td class="x">${escapeHtml(visibleControls(row.text))}</td></tr>`;
    if (!row.explanation) return main;
    return `${main}<tr class="explain"><td></td><td></td><td class="x" dir="${model.dir}">${h.prose(row.explanation)}</td></tr>`;
  });
  return `<section class="transcript"><h2>${h.prose(h.l("section.transcript"))}</h2>
<p class="legend">${LEGEND.map(([prefix, key]) => `${h.code(prefix)}&nbsp;${h.prose(h.l(key))}`).join(" · ")}</p>
<table class="transcript" dir="ltr"><tbody>
${rows.join("\n")}
</tbody></table></section>`;
}

function environmentSection(model: ReportModel, h: Helpers): string {
  const e = model.environment;
  const when = (local: string, iso: string) => `${h.prose(local)}<br>${h.code(iso)}`;
  return `<section class="environment"><h2>${h.prose(h.l("section.environment"))}</h2>${kv([
    [h.prose(h.l("env.version")), h.code(e.ehloVersion)],
    [h.prose(h.l("env.os")), h.code(e.os)],
    [h.prose(h.l("env.timeZone")), h.code(e.timeZone)],
    [h.prose(h.l("env.startedAt")), when(e.startedAtLocal, e.startedAt)],
    [h.prose(h.l("env.generatedAt")), when(e.generatedAtLocal, e.generatedAt)],
  ])}</section>`;
}
