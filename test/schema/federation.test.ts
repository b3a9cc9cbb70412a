import { printSubgraphSchema } from '@apollo/subgraph';
import { buildASTSchema, GraphQLScalarType, type GraphQLSchema, graphql, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import {
  entityTypeNames,
  FEDERATION_SPEC_URL,
  ROOT_FIELD_ROLES,
  toSubgraphSchema,
} from '../../src/schema/federation.js';
import {
  DateTimeScalar,
  EmailAddressScalar,
  GeoJSONPointScalar,
  GeoJSONPolygonScalar,
  JSONScalar,
} from '../../src/schema/scalars/index.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGatewaySchema();
});

describe('the gateway schema as a Federation 2 subgraph', () => {
  it('makes Tasking, NeoOrderItem and Contract entities, and nothing else', () => {
    expect(entityTypeNames(schema).sort()).toEqual(['Contract', 'NeoOrderItem', 'Tasking']);
  });

  it('serves its SDL with the @link and @key directives through _service', async () => {
    const result = await graphql({ schema, source: '{ _service { sdl } }' });
    const sdl = String((result.data?._service as { sdl?: string } | undefined)?.sdl);
    expect(sdl).toContain(`@link(url: "${FEDERATION_SPEC_URL}"`);
    expect(sdl).toMatch(/type Tasking implements TaskingLine\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type NeoOrderItem implements TaskingLine\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Contract\s+@key\(fields: "id"\)/);
    expect(printSubgraphSchema(schema)).not.toContain('_entities');
  });

  it('gives every root field a decided role, printed as @authenticated @requiresScopes', () => {
    const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.values(type?.getFields() ?? {}).filter((field) => !field.name.startsWith('_')),
    );
    // A field missing from the table needs admin (fail closed); listing it is the decision.
    expect(rootFields.map((field) => field.name).filter((name) => !(name in ROOT_FIELD_ROLES))).toEqual([]);
    const sdl = printSubgraphSchema(schema);
    expect(sdl).toMatch(
      /createOrder\([^)]*\): Order! @authenticated @requiresScopes\(scopes: \[\["order"\]\]\)/,
    );
    expect(sdl).toMatch(/contracts: \[Contract!\]! @authenticated @requiresScopes\(scopes: \[\["read"\]\]\)/);
    for (const field of rootFields) {
      const directives = field.astNode?.directives?.map((directive) => directive.name.value);
      expect(directives).toEqual(expect.arrayContaining(['authenticated', 'requiresScopes']));
    }
  });

  it('keeps the custom scalars parsing: a bad polygon is refused with its rule', async () => {
    const result = await graphql({
      schema,
      source: 'query ($aoi: GeoJSONPolygon!) { productionOptions(productTypeId: "P", aoi: $aoi) { name } }',
      variableValues: {
        aoi: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 2],
            ],
          ],
        },
      },
    });
    expect(result.errors?.[0]?.message).toMatch(/\$aoi.*the ring must be closed/);
  });

  it.each([DateTimeScalar, EmailAddressScalar, JSONScalar, GeoJSONPolygonScalar, GeoJSONPointScalar])(
    'carries over the functions of the $name scalar',
    (scalar) => {
      const carried = schema.getType(scalar.name);
      expect(carried).toBeInstanceOf(GraphQLScalarType);
      expect(carried).toMatchObject({
        serialize: scalar.serialize,
        parseValue: scalar.parseValue,
        parseLiteral: scalar.parseLiteral,
      });
    },
  );
});

describe('toSubgraphSchema wiring checks', () => {
  const withKeyedType = (typeName: string) =>
    buildASTSchema(
      parse(`
        directive @key(fields: String!) on OBJECT
        type Query { a: ${typeName} }
        type ${typeName} @key(fields: "id") { id: ID! }
      `),
    );

  it('refuses an entity without a reference resolver', () => {
    expect(() => toSubgraphSchema(withKeyedType('Project'), {})).toThrow(
      /entities without a reference resolver \[Project\]/,
    );
  });

  it('refuses a reference resolver for a type without @key', () => {
    const resolveNothing = () => null;
    expect(() =>
      toSubgraphSchema(withKeyedType('Project'), { Project: resolveNothing, Tasking: resolveNothing }),
    ).toThrow(/reference resolvers without a @key type \[Tasking\]/);
  });
});
