/** The shapes every command shares: what it may write to and what it returns. */

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** What a command prints. Commands that stream progress write to `io.stderr` themselves. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Each command takes its own arguments (everything after its name). Throw `UsageError` for a mistake in
 * the command line and `RegisterInputError` for input that cannot be loaded.
 */
export type Command = (argv: string[], io: CliStreams) => CommandOutput | Promise<CommandOutput>;
