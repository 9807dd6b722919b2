/**
 * The one error type for user mistakes (docs/internals.md): it names the input, the value and what is
 * accepted. Anything else thrown is a bug or a fault of a remote service.
 */
export class InputError extends Error {
  readonly input: string;
  readonly value: string;
  readonly accepted: string;

  /**
   * @param input   the input, flag or field at fault, as the user wrote it (`sha`, `--env`, `tags`)
   * @param value   the value given; pass `secret: true` to keep it out of the message
   * @param accepted what would have been accepted
   * @param reason  optional: why this value is refused, when "not accepted" is not enough
   */
  constructor(input: string, value: string, accepted: string, reason?: string, opts: { secret?: boolean } = {}) {
    const shown = opts.secret ? '***' : JSON.stringify(value);
    super(`${input}: ${shown} is not accepted${reason ? `: ${reason}` : ''}. Accepted: ${accepted}`);
    this.name = 'InputError';
    this.input = input;
    this.value = opts.secret ? '***' : value;
    this.accepted = accepted;
  }
}

/** A refusal of the release rules (immutability, version already shipped): nothing was changed. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
