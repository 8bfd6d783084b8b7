/**
 * A problem with what the user typed, found before any connection is made. Faces show
 * `message` next to the field named by `field`; the CLI exits with code 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
