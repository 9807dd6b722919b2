/**
 * The longest part of a value an error quotes: a 10 KB value is cut, not echoed in full. Longer
 * than any well-formed image reference (a 255-character name with a 128-character tag, or a
 * digest), so a value just over a limit is still shown whole.
 */
export const MAX_SHOWN_CHARACTERS = 512;

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators, escaped as
 * `\n`, `\uXXXX`: a value with a newline must not start a line of its own on stderr, where a
 * runner would read `::error::…` as a workflow command
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * A value as an error shows it: quoted, control characters escaped, and cut after
 * MAX_SHOWN_CHARACTERS characters (code points, so a cut never splits one) with the full length said.
 */
export function quoteValue(value: string, max = MAX_SHOWN_CHARACTERS): string {
  const chars = [...value];
  if (chars.length <= max) return escapeControl(JSON.stringify(value));
  // JSON.stringify escapes C0, quotes and backslashes; escapeControl the rest (DEL, C1, U+2028/9).
  const shown = escapeControl(JSON.stringify(chars.slice(0, max).join('')));
  return `${shown.slice(0, -1)}…" (${chars.length} characters)`;
}

/**
 * The one error type for user mistakes (docs/internals.md): it names the input, the value and what is
 * accepted. Anything else thrown is a bug or a fault of a remote service.
 */
export class InputError extends Error {
  readonly input: string;
  readonly value: string;
  readonly accepted: string;
  readonly reason: string | undefined;
  readonly secret: boolean;

  /**
   * @param input   the input, flag or field at fault, as the user wrote it (`sha`, `--env`, `tags`)
   * @param value   the value given (quoted and cut in the message); pass `secret: true` to keep it out of the message
   * @param accepted what would have been accepted
   * @param reason  optional: why this value is refused, when "not accepted" is not enough
   */
  constructor(input: string, value: string, accepted: string, reason?: string, opts: { secret?: boolean } = {}) {
    const shown = opts.secret ? '***' : quoteValue(value);
    super(escapeControl(`${input}: ${shown} is not accepted${reason ? `: ${reason}` : ''}. Accepted: ${accepted}`));
    this.name = 'InputError';
    this.input = input;
    this.value = opts.secret ? '***' : value;
    this.accepted = accepted;
    this.reason = reason;
    this.secret = opts.secret ?? false;
  }

  /** The same error naming the input as the user typed it there (the CLI's `--from-env` for `from-environment`). */
  renamed(input: string): InputError {
    if (input === this.input) return this;
    const copy = new InputError(input, this.value, this.accepted, this.reason, { secret: this.secret });
    copy.stack = this.stack;
    return copy;
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
