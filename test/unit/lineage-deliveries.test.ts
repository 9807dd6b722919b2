import { describe, expect, it } from '@jest/globals';
import {
  MAX_DELIVERIES,
  mergeDeliveries,
  parseLineage,
  renderLineage,
  replaceLineage,
  type Delivery,
  type Lineage,
} from '../../packages/github/lineage.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const base: Lineage = {
  image: 'ghcr.io/acme/backend',
  digest: DIGEST,
  sourceTag: 'staging-v1.2.3-abc1234-1700000000',
  targetTag: 'production-v1.2.3-abc1234-1700000500',
  commit: 'abc1234'.padEnd(40, '0'),
  version: '1.2.3',
};
const delivery = (targetTag: string, at: string, extra: Partial<Delivery> = {}): Delivery => ({
  kind: 'promotion',
  at,
  sourceTag: base.sourceTag,
  targetTag,
  digest: DIGEST,
  ...extra,
});

describe('the deliveries of a release (who shipped what, when)', () => {
  it('render and read back unchanged, with a table a person can read', () => {
    const l: Lineage = {
      ...base,
      deliveries: [
        delivery(base.targetTag, '2026-12-01T10:00:00Z', {
          actor: 'alice',
          runUrl: 'https://github.com/acme/backend/actions/runs/1',
        }),
        delivery('production-v1.2.3-abc1234-1700009999', '2026-12-03T02:14:00Z', {
          kind: 'rollback',
          actor: 'oncall-bob',
        }),
      ],
    };
    const text = renderLineage(l);
    expect(parseLineage(text)).toEqual(l);
    expect(text).toContain('#### Deliveries');
    expect(text).toContain('| 2026-12-03T02:14:00Z | rollback | oncall-bob | `production-v1.2.3-abc1234-1700009999` |');
  });

  it('an actor or run that tries to end the block or the table is written harmlessly and reads back the same', () => {
    const hostile = 'x | y --> <!-- /gitops-promote:lineage --> `z`\nnext';
    const l: Lineage = {
      ...base,
      deliveries: [delivery(base.targetTag, '2026-12-01T10:00:00Z', { actor: hostile, runUrl: hostile })],
    };
    const body = `notes\n\n${renderLineage(l)}\n\nafter`;
    expect(parseLineage(body)).toEqual(l);
    expect(body.split('<!-- /gitops-promote:lineage -->')).toHaveLength(2);
  });

  it('a delivery that does not read back whole is left out, the lineage stands', () => {
    const text = renderLineage({ ...base, deliveries: [delivery(base.targetTag, '2026-12-01T10:00:00Z')] }).replace(
      '"kind":"promotion"',
      '"kind":"rebuild"',
    );
    expect(parseLineage(text)).toEqual(base);
  });

  it('replaceLineage keeps the recorded deliveries and adds the new ones once', () => {
    const first = renderLineage({ ...base, deliveries: [delivery(base.targetTag, '2026-12-01T10:00:00Z')] });
    const rollback = delivery('production-v1.2.3-abc1234-1700009999', '2026-12-03T02:14:00Z', { kind: 'rollback' });
    const once = replaceLineage(`notes\n\n${first}\n`, { ...base, deliveries: [rollback] });
    const twice = replaceLineage(once, { ...base, deliveries: [rollback] });
    expect(twice).toBe(once);
    expect(parseLineage(twice)!.deliveries!.map((d) => d.kind)).toEqual(['promotion', 'rollback']);
    expect(twice.startsWith('notes\n\n')).toBe(true);
  });

  it('mergeDeliveries orders by time and keeps the newest MAX_DELIVERIES', () => {
    const many = Array.from({ length: MAX_DELIVERIES + 5 }, (_, i) =>
      delivery(`production-v1.2.3-abc1234-${1700000000 + i}`, new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString()),
    );
    const merged = mergeDeliveries(many.slice(0, 10), [...many.slice(10)].reverse());
    expect(merged).toHaveLength(MAX_DELIVERIES);
    expect(merged[0]!.targetTag).toBe(many[5]!.targetTag);
    expect(merged.at(-1)!.targetTag).toBe(many.at(-1)!.targetTag);
  });
});
