import { readFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { OUTCOMES, type Outcome } from "../../shared/contract/check-result";
import { InputError } from "../../shared/smtp/input-error";
import { HistoryError, openHistoryStore, type HistoryComparison, type HistoryHeader, type HistoryStore } from "../services/history-store";
import { colorEnabled } from "./ansi";
import { defaultExplainLang } from "./explain-command";
import { EXIT, type CliIo } from "./io";
import { createLivePrinter } from "./live-printer";

/**
 * `ehlo history list|show|delete|compare|import`: the runs saved with `ehlo check --save` (and
 * by the app), from the data folder (EHLO_DATA_DIR or the platform's app-data folder).
 */
export function registerHistoryCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const history = program.command("history").description("Saved check runs: list, show, delete, compare, import");
  const store = () => openHistoryStore({ env: io.env });
  /** Bad ids and hostile imports are input errors (exit 2); a missing run is exit 1. */
  const run = (action: (s: HistoryStore) => Promise<void>) => async () => {
    try {
      await action(store());
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      if (error.code === "not-found" || error.code === "corrupt") {
        io.err(`ehlo: ${error.message}\n`);
        setExit(EXIT.failed);
        return;
      }
      throw new InputError("history", error.message);
    }
  };

  history
    .command("list")
    .description("List saved runs, newest first")
    .option("--host <text>", "only runs whose host contains this text")
    .addOption(new Option("--outcome <outcome>", "only runs with this outcome").choices([...OUTCOMES]))
    .option("--from <date>", "only runs started at or after this time (ISO 8601)")
    .option("--to <date>", "only runs started at or before this time (ISO 8601)")
    .option("--json", "print a JSON array of run headers")
    .action((flags: { host?: string; outcome?: Outcome; from?: string; to?: string; json?: boolean }) =>
      run(async (s) => {
        const entries = await s.list({ host: flags.host, outcome: flags.outcome, from: flags.from, to: flags.to });
        if (flags.json) return io.out(`${JSON.stringify(entries, null, 2)}\n`);
        if (entries.length === 0) return io.out(`No saved runs in ${s.dir}.\n`);
        for (const h of entries) io.out(`${headerLine(h)}\n`);
      })(),
    );

  history
    .command("show")
    .description("Print a saved run's transcript and findings")
    .argument("<id>", "run id from `ehlo history list`")
    .option("--json", "print the saved CheckResult (schema ehlo.check/1)")
    .addOption(new Option("--lang <lang>", "language of explanations").default(defaultExplainLang(io.env)))
    .option("--no-color", "no ANSI colours")
    .action((id: string, flags: { json?: boolean; lang: string; color: boolean }) =>
      run(async (s) => {
        const { header, result } = await s.get(id);
        if (flags.json) return io.out(`${JSON.stringify(result, null, 2)}\n`);
        io.out(`${headerLine(header)}\n\n`);
        // Replaying the events through the live printer gives exactly the transcript of the run.
        const printer = createLivePrinter({ ...io, isTTY: false }, { color: colorEnabled(flags.color, io.isTTY, io.env), timing: true, lang: flags.lang });
        for (const event of result.events) printer.onEvent(event);
        printer.summary(result);
      })(),
    );

  history
    .command("delete")
    .description("Delete a saved run")
    .argument("<id>", "run id")
    .action((id: string) =>
      run(async (s) => {
        await s.delete(id);
        io.out(`Deleted ${id}.\n`);
      })(),
    );

  history
    .command("compare")
    .description("Compare two saved runs: findings, replies and timing")
    .argument("<before>", "id of the earlier run")
    .argument("<after>", "id of the later run")
    .option("--json", "print the comparison as JSON")
    .action((a: string, b: string, flags: { json?: boolean }) =>
      run(async (s) => {
        const comparison = await s.compare(a, b);
        io.out(flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : comparisonText(comparison));
      })(),
    );

  history
    .command("import")
    .description("Add a run from an Ehlo JSON report (ehlo.report/1) to the history")
    .argument("<file>", "a .json report written by `ehlo check --report FILE.json`")
    .action((file: string) =>
      run(async (s) => {
        let text: string;
        try {
          text = await readFile(file, "utf8");
        } catch (error) {
          throw new InputError("file", `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
        }
        const header = await s.importReport(text);
        io.out(`Imported as ${header.id}.\n`);
      })(),
    );
}

function headerLine(h: HistoryHeader): string {
  const worst = h.findings.filter((f) => f.severity !== "info").map((f) => f.id);
  return `${h.id}  ${h.startedAt}  ${h.outcome.padEnd(9)} ${h.host}:${h.port} (TLS ${h.tls})${worst.length > 0 ? `  ${worst.join(", ")}` : ""}${h.source === "import" ? "  [imported]" : ""}`;
}

function ms(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}

export function comparisonText(c: HistoryComparison): string {
  const lines = [
    `Before: ${headerLine(c.before)}`,
    `After:  ${headerLine(c.after)}`,
    "",
    `Outcome: ${c.outcome.before}${c.outcome.before === c.outcome.after ? " (unchanged)" : ` → ${c.outcome.after}`}`,
    "",
    "Findings:",
    ...c.findings.added.map((f) => `  + ${f.id} (${f.severity})`),
    ...c.findings.gone.map((f) => `  - ${f.id} (${f.severity})`),
    ...(c.findings.added.length + c.findings.gone.length === 0 ? ["  (no change)"] : []),
    "",
    "Replies that changed:",
    ...c.replies.flatMap((r) => [
      `  ${r.command}${r.occurrence > 1 ? ` (#${r.occurrence})` : ""}${r.codeChanged ? "  [code changed]" : ""}`,
      ...(r.before ?? "(none)").split("\n").map((l) => `    - ${l}`),
      ...(r.after ?? "(none)").split("\n").map((l) => `    + ${l}`),
    ]),
    ...(c.replies.length === 0 ? ["  (none)"] : []),
    "",
    "Timing by phase (ms): before → after (difference)",
    ...c.timing.map((t) => `  ${t.phase.padEnd(9)} ${ms(t.beforeMs).padStart(9)} → ${ms(t.afterMs).padStart(9)}  (${t.deltaMs === null ? "—" : `${t.deltaMs > 0 ? "+" : ""}${t.deltaMs.toFixed(1)}`})`),
  ];
  return `${lines.join("\n")}\n`;
}
