import { hasControl, InputError } from '../common/errors.js';

/*
 * The shape of a GitHub token, checked before any request is made with it. No Octokit here: the
 * actions' input layer (actions/runner.ts) imports this at start-up.
 */

/**
 * The longest token taken: GitHub's tokens are a few hundred characters at most
 * (https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available/),
 * a JWT a few KB; a longer value is something else pasted by mistake.
 */
export const MAX_TOKEN_LENGTH = 4096;

export const TOKEN_ACCEPTED = 'a GitHub token (the default `github.token`, a PAT or a GitHub App token)';

/**
 * A token is printable ASCII without spaces, as every GitHub token is: a space, a line break or a
 * non-ASCII character would otherwise fail later as GitHub's "Bad credentials" or Node's "invalid
 * header value", naming nothing. The token is never shown (`***`), only what is wrong with it.
 */
export function validateToken(token: string, input = 'github-token', accepted = TOKEN_ACCEPTED): string {
  let reason: string | undefined;
  if (token === '') reason = 'it is empty';
  else if (/\s/.test(token)) reason = 'it contains a space or a line break';
  else if (hasControl(token)) reason = 'it contains a control character';
  else if (!/^[\x21-\x7e]+$/.test(token)) reason = 'it contains a character outside printable ASCII';
  else if (token.length > MAX_TOKEN_LENGTH) reason = `it has ${token.length} characters, more than ${MAX_TOKEN_LENGTH}`;
  if (reason === undefined) return token;
  throw new InputError(input, token, accepted, reason, { secret: token !== '' });
}
