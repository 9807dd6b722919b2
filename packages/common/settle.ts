export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * A promise that never rejects: requests that do not depend on one another go out together (one
 * round trip instead of several), and `take` then reports their errors in a fixed order, the order
 * they had when they ran one after the other.
 */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The value, or the error thrown. */
export function take<T>(s: Settled<T>): T {
  if (!s.ok) throw s.error;
  return s.value;
}
