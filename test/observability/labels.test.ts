import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_OPERATION_NAMES, operationLabel } from '../../src/observability/operation-names.js';
import { routeTemplate } from '../../src/observability/route-template.js';

describe('metric labels stay bounded', () => {
  it('replaces every id of an upstream path by {id}', () => {
    expect(routeTemplate('/contracts')).toBe('/contracts');
    expect(routeTemplate('/contracts/CTR21000411/taskings/5f0c%2Fx/segments/seg-1/accept')).toBe(
      '/contracts/{id}/taskings/{id}/segments/{id}/accept',
    );
    expect(routeTemplate('/contracts/CTR1/productTypes/PleiadesTasking/options')).toBe(
      '/contracts/{id}/productTypes/{id}/options',
    );
    // A customer's text in a path never becomes a label, even when it looks like a word.
    expect(routeTemplate('/orders/confidential-customer')).toBe('/orders/{id}');
  });

  it('keeps documented operation names and buckets every other one', () => {
    expect(operationLabel('CreateOrder')).toBe('CreateOrder');
    expect(operationLabel('AcmeSecretProjectQuery')).toBe('(other)');
    expect(operationLabel(undefined)).toBe('(anonymous)');
  });

  it('knows every operation name of operations/ (the documented frontends)', () => {
    const folder = join(import.meta.dirname, '../../operations');
    const names = readdirSync(folder)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) =>
        [
          ...readFileSync(join(folder, file), 'utf8').matchAll(/^(?:query|mutation|subscription) (\w+)/gm),
        ].map((match) => match[1]),
      );
    expect(names.length).toBeGreaterThan(0);
    // A new operation in operations/ adds its name to DOCUMENTED_OPERATION_NAMES (operation-names.ts).
    expect(names.filter((name) => !DOCUMENTED_OPERATION_NAMES.has(name ?? ''))).toEqual([]);
  });
});
