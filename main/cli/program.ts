import { Command, CommanderError } from "commander";
import { InputError } from "../../shared/smtp/input-error";
import { EHLO_VERSION } from "../services/version";
import { registerCheckCommand } from "./check-command";
import { registerDiscoverCommand } from "./discover-command";
import { registerExplainCommands } from "./explain-command";
import { registerHistoryCommand } from "./history-command";
import { EXIT, UsageError, type CliIo } from "./io";
import { registerMatrixCommand } from "./matrix-command";
import { registerServeCommand } from "./serve-command";

/**
 * Builds the `ehlo` command and runs it. Returns the exit code instead of exiting, so tests run
 * the real CLI in-process and the bin wrapper stays a one-liner.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("ehlo")
    .description("Ehlo: the SMTP troubleshooter")
    .version(EHLO_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerCheckCommand(program, io, (code) => {
    exitCode = code;
  });
  registerExplainCommands(program, io);
  registerServeCommand(program, io, (code) => (exitCode = code));
  registerDiscoverCommand(program, io, (code) => (exitCode = code));
  registerMatrixCommand(program, io, (code) => (exitCode = code));
  registerHistoryCommand(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof InputError || e instanceof UsageError) {
      io.err(`ehlo: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  return exitCode;
}
