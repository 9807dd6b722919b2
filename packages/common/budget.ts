import { InputError } from './errors.js';

/** The default time a promotion may spend waiting on GitHub's rate limits and on retries, in minutes. */
export const DEFAULT_TIME_BUDGET_MINUTES = 10;
const MAX_TIME_BUDGET_MINUTES = 360; // a GitHub-hosted job's own limit

/**
 * The `time-budget` input / `--time-budget` flag: minutes, a positive number up to 360, parsed once
 * here for every entry point. GitHub asks clients to wait out a rate limit in full (docs.github.com
 * "Rate limits for the REST API"), and a primary limit can take up to an hour to reset: the budget
 * says how long a run may wait before it stops with the time the limit resets.
 */
export function parseTimeBudget(value: string | undefined, input = 'time-budget'): number {
  const text = (value ?? '').trim();
  if (text === '') return DEFAULT_TIME_BUDGET_MINUTES * 60_000;
  const minutes = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(minutes > 0) || minutes > MAX_TIME_BUDGET_MINUTES) {
    throw new InputError(input, text, `a number of minutes above 0 and at most ${MAX_TIME_BUDGET_MINUTES}, e.g. 10`);
  }
  return Math.round(minutes * 60_000);
}
