import { describe, expect, it } from '@jest/globals';
import { age } from '../../packages/cli/promote.js';

describe('status: how long ago a tag was made', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it.each([
    ['2026-12-06T11:59:30Z', 'just now'],
    ['2026-12-06T11:59:00Z', '1 min ago'],
    ['2026-12-06T11:00:01Z', '59 min ago'],
    ['2026-12-06T09:00:00Z', '3 h ago'],
    ['2026-12-05T12:00:01Z', '23 h ago'],
    ['2026-12-01T12:00:00Z', '5 d ago'],
    ['2026-12-06T12:04:00Z', 'in 4 min'],
  ])('%s is %s', (iso, expected) => {
    expect(age(iso, now)).toBe(expected);
  });
});
