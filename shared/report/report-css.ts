/**
 * The stylesheet of HTML reports, inlined so the file is self-contained (no remote resources).
 * Logical properties (margin-inline-start …) make one stylesheet serve both directions.
 * The @page margins leave room for the PDF header and footer (main/services/pdf.ts).
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #5b6570; --line: #d5dae0; --bg-soft: #f4f6f8;
  --ok: #1a7f37; --warn: #9a6700; --fail: #cf222e; --info: #0969da; --sent: #6639ba; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Segoe UI", Tahoma, system-ui, sans-serif;
  color: var(--fg); background: #fff; font-size: 14px; line-height: 1.5; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
h4 { font-size: .9rem; margin: .8rem 0 .2rem; color: var(--muted); }
p { margin: .3rem 0; }
code, pre, .mono, .transcript td { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", Menlo, monospace; }
.ltr { direction: ltr; unicode-bidi: isolate; }
.subtitle, .meta, .legend, .muted { color: var(--muted); }
.verdict { border: 2px solid var(--line); border-inline-start-width: .6rem; border-radius: .4rem; padding: .8rem 1rem; margin-top: 1rem; }
.verdict h2 { border: 0; margin: 0; font-size: .95rem; color: var(--muted); }
.verdict .outcome { font-size: 1.5rem; font-weight: bold; margin: .1rem 0; }
.verdict .headline { font-size: 1.15rem; font-weight: bold; }
.outcome-ok { border-color: var(--ok); } .outcome-ok .outcome { color: var(--ok); }
.outcome-warning { border-color: var(--warn); } .outcome-warning .outcome { color: var(--warn); }
.outcome-failed { border-color: var(--fail); } .outcome-failed .outcome { color: var(--fail); }
.outcome-cancelled { border-color: var(--muted); }
.finding { border: 1px solid var(--line); border-inline-start: .35rem solid var(--info); border-radius: .3rem; padding: .6rem .9rem; margin: .7rem 0; }
.sev-error { border-inline-start-color: var(--fail); } .sev-warning { border-inline-start-color: var(--warn); }
.badge { display: inline-block; font-size: .75rem; font-weight: bold; padding: 0 .45rem; border-radius: .6rem; background: var(--bg-soft); margin-inline-end: .4rem; }
.sev-error .badge { color: var(--fail); } .sev-warning .badge { color: var(--warn); } .sev-info .badge { color: var(--info); }
.finding .id { color: var(--muted); font-size: .8rem; }
.checklist { list-style: none; padding: 0; margin: .2rem 0; }
.checklist li { margin: .35rem 0; padding-inline-start: 1.6rem; position: relative; }
.checklist .box { position: absolute; inset-inline-start: 0; font-size: 1.1rem; line-height: 1.2; }
.checked { color: var(--muted); }
pre.cmd, pre.evidence { background: var(--bg-soft); border: 1px solid var(--line); border-radius: .25rem; padding: .35rem .6rem; margin: .25rem 0;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; direction: ltr; text-align: left; }
.notes { white-space: pre-wrap; background: #fffbe6; border: 1px solid #eedc82; padding: .4rem .6rem; border-radius: .25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; vertical-align: top; padding: .2rem .45rem; border-bottom: 1px solid var(--line); }
th { background: var(--bg-soft); font-size: .85rem; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; overflow-wrap: anywhere; }
table.transcript { font-size: .78rem; direction: ltr; }
table.transcript td { border: 0; padding: .05rem .35rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table.transcript td.t { color: var(--muted); text-align: right; white-space: nowrap; width: 4.5rem; }
table.transcript td.p { white-space: pre; width: 2.2rem; }
tr.tone-sent td.x { color: var(--sent); } tr.tone-failure td.x, tr.tone-failure td.p { color: var(--fail); }
tr.tone-warning td.x { color: var(--warn); } tr.tone-muted td.x, tr.tone-muted td.p { color: var(--muted); }
tr.explain td.x { color: var(--muted); font-family: "DejaVu Sans", "Segoe UI", Tahoma, sans-serif; font-style: italic; padding-bottom: .25rem; }
.waterfall svg { width: 100%; height: auto; display: block; }
.waterfall .bar { fill: var(--info); } .waterfall .bar.open { fill: var(--fail); }
.waterfall .grid { stroke: var(--line); stroke-width: 1; }
.waterfall text { font-size: 11px; fill: var(--fg); font-family: "DejaVu Sans", "Segoe UI", Tahoma, sans-serif; }
.waterfall text.dur { fill: var(--muted); }
footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8rem; }
@page { margin: 20mm 13mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  /* Findings may span pages (a long checklist would otherwise leave a blank page); their small parts may not. */
  .verdict, .waterfall, dl.kv, tr, li, pre, p { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  section.transcript { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
