import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { roleOfRootField } from '../../src/schema/federation.js';

/**
 * The shared arguments are written once: every root field that takes `contractId`, `first`, `after` or
 * `customerReference`, and every field of a family (the order's input, a segment decision, a held
 * order), describes them the same way, so a new field cannot drift from the others.
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
  const readings = (uses: ReturnType<typeof rootArguments>) =>
    new Set(uses.map((use) => `${use.type}: ${use.description}`));

  it.each(['contractId', 'first', 'after', 'customerReference'])(
    '%s reads the same on every root field',
    (name) => {
      const uses = rootArguments(name);
      expect(uses.length).toBeGreaterThanOrEqual(3);
      expect(readings(uses).size).toBe(1);
    },
  );

  it.each([
    ['input', ['price', 'createOrder', 'requestQuotation']],
    ['input', ['feasibility', 'attempts']],
    ['taskingId', ['acceptSegment', 'refuseSegment']],
    ['segmentId', ['acceptSegment', 'refuseSegment']],
    ['orderItemId', ['acceptCoverage', 'refuseCoverage']],
    ['idempotencyKey', ['approveOrder', 'rejectOrder']],
  ])('%s reads the same on %j', (name, fields) => {
    const uses = rootArguments(name).filter((use) => fields.includes(use.field));
    expect(uses.map((use) => use.field).sort()).toEqual([...fields].sort());
    expect(readings(uses).size).toBe(1);
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

describe('one schema for both back ends', () => {
  it.each([
    ['TaskingLine', ['NeoOrderItem', 'Tasking']],
    ['Acquisition', ['CoverageItem', 'Segment']],
  ])('%s is implemented by %j', (name, implementations) => {
    const type = schema.getType(name);
    expect(isInterfaceType(type)).toBe(true);
    if (!isInterfaceType(type)) return;
    expect(
      schema
        .getImplementations(type)
        .objects.map((object) => object.name)
        .sort(),
    ).toEqual(implementations);
  });

  it('gives every tasking line its acquisitions, and reads them with the read role', () => {
    const line = schema.getType('TaskingLine');
    expect(isInterfaceType(line) && String(line.getFields().acquisitions?.type)).toBe('[Acquisition!]!');
    expect(['taskingLines', 'taskingLine'].map(roleOfRootField)).toEqual(['read', 'read']);
  });
});
