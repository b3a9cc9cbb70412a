import { type GraphQLSchema, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { roleOfRootField } from '../../src/schema/federation.js';

/**
 * The shared arguments are written once: every root field that takes `contractId`, `first` or `after`
 * describes it the same way, so a new field cannot drift from the others.
 */

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGatewaySchema();
});

function rootArguments(name: string): { field: string; type: string; description: string | null }[] {
  return [schema.getQueryType(), schema.getMutationType()].flatMap((root) =>
    Object.values(root?.getFields() ?? {}).flatMap((field) =>
      field.args
        .filter((arg) => arg.name === name)
        .map((arg) => ({ field: field.name, type: String(arg.type), description: arg.description ?? null })),
    ),
  );
}

describe('shared arguments', () => {
  it.each(['contractId', 'first', 'after'])('%s reads the same on every root field', (name) => {
    const uses = rootArguments(name);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    expect(new Set(uses.map((use) => `${use.type}: ${use.description}`)).size).toBe(1);
  });

  it('takes contractId on every contract-scoped Neo and legacy field', () => {
    const fields = rootArguments('contractId').map((use) => use.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'productTypes',
        'productionOptions',
        'taskings',
        'tasking',
        'acceptSegment',
        'refuseSegment',
        'neoOrderItems',
        'neoOrderItem',
        'acceptCoverage',
        'refuseCoverage',
      ]),
    );
  });
});

describe('the Neo fields', () => {
  it('need read to track and order to quote or decide', () => {
    expect(['neoOrderItems', 'neoOrderItem'].map(roleOfRootField)).toEqual(['read', 'read']);
    expect(['requestQuotation', 'acceptCoverage', 'refuseCoverage'].map(roleOfRootField)).toEqual([
      'order',
      'order',
      'order',
    ]);
  });

  it('give every order item its coverage items, and page order items like taskings', () => {
    const item = schema.getType('NeoOrderItem');
    const tasking = schema.getType('TaskingConnection');
    const items = schema.getType('NeoOrderItemConnection');
    expect(isObjectType(item) && String(item.getFields().coverageItems?.type)).toBe('[CoverageItem!]!');
    expect(isObjectType(items) && Object.keys(items.getFields())).toEqual(
      isObjectType(tasking) && Object.keys(tasking.getFields()),
    );
  });
});
