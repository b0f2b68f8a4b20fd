/** An error that ends the command with a given exit code; only the CLI entry turns it into one. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Bad flags or arguments: exit 2. */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
