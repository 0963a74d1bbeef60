/** An error the user can act on: printed as `kith: <message>` with exit code 1, without a stack. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
