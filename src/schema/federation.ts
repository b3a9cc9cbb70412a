import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  parse,
  visit,
} from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Role } from '../auth/caller.js';
import { badUserInput } from '../errors.js';
import { checkedText, INPUT_LIMITS } from './validation.js';

/**
 * The Federation 2 version this subgraph speaks. Kept at the lowest version that has every directive
 * we import, so the oldest routers and composition tools still accept it; raise it when a newer
 * directive is needed.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.5';
const FEDERATION_IMPORTS = ['@key', '@authenticated', '@requiresScopes'];

/**
 * The role each root field needs, printed as `@authenticated @requiresScopes(scopes: [["<role>"]])`
 * so a Router can enforce it, and enforced by the gateway itself from the same directive
 * (`requiredRolesPlugin`). A root field missing here needs `admin`: new fields fail closed until
 * someone decides who may call them.
 */
export const ROOT_FIELD_ROLES: Readonly<Record<string, Role>> = {
  contracts: 'read',
  productTypes: 'read',
  productionOptions: 'read',
  feasibility: 'read',
  attempts: 'read',
  taskings: 'read',
  tasking: 'read',
  imagery: 'read',
  orderAttempts: 'read',
  orderAttempt: 'read',
  neoOrderItems: 'read',
  neoOrderItem: 'read',
  taskingLines: 'read',
  taskingLine: 'read',
  price: 'order',
  createOrder: 'order',
  requestQuotation: 'order',
  acceptQuotation: 'order',
  refuseQuotation: 'order',
  cancelOrderItem: 'order',
  stopOrderItem: 'order',
  cancelTasking: 'order',
  acceptCoverage: 'order',
  refuseCoverage: 'order',
  acceptSegment: 'order',
  refuseSegment: 'order',
  approveOrder: 'approve',
  rejectOrder: 'approve',
  upstreamPauses: 'admin',
  clearUpstreamPause: 'admin',
};

/** The role a root field needs (see ROOT_FIELD_ROLES). */
export function roleOfRootField(name: string): Role {
  return ROOT_FIELD_ROLES[name] ?? 'admin';
}

/** What a router sends to `_entities`: the entity's `@key` fields and its type name, nothing else. */
export interface EntityRepresentation {
  __typename: string;
  [keyField: string]: unknown;
}

/** Turns a representation into the entity (or null when the upstream does not know it). */
export type ReferenceResolver<TContext> = (
  representation: EntityRepresentation,
  context: TContext,
  info: GraphQLResolveInfo,
) => unknown;

/** One reference resolver per entity type, by type name. */
export type ReferenceResolvers<TContext> = Record<string, ReferenceResolver<TContext>>;

/**
 * Rebuilds a type-graphql schema as a Federation 2 subgraph. type-graphql knows nothing of
 * federation, so its schema is printed with the `@key` directives its classes carry, put under the
 * federation `@link`, and handed to `buildSubgraphSchema` with type-graphql's own resolvers (fields,
 * custom scalars, enum values) plus the entities' `__resolveReference` functions.
 */
export function toSubgraphSchema<TContext>(
  schema: GraphQLSchema,
  referenceResolvers: ReferenceResolvers<TContext>,
): GraphQLSchema {
  assertEveryEntityResolvable(schema, Object.keys(referenceResolvers));
  const link = `extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ${JSON.stringify(FEDERATION_IMPORTS)})`;
  const typeDefs = withRootFieldScopes(parse(`${link}\n\n${printSchemaWithDirectives(schema)}`));
  const resolvers = subgraphResolvers(schema, referenceResolvers);
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers });
  checkRepresentations(subgraph, keyFieldsOfEntities(schema));
  return subgraph;
}

/** Each entity's `@key` field names (this subgraph's keys are flat: `@key(fields: "id")`). */
function keyFieldsOfEntities(schema: GraphQLSchema): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const name of entityTypeNames(schema)) {
    const fields = schema
      .getType(name)
      ?.astNode?.directives?.filter((directive) => directive.name.value === 'key')
      .flatMap((directive) =>
        (directive.arguments ?? []).flatMap((argument) =>
          argument.name.value === 'fields' && argument.value.kind === Kind.STRING
            ? argument.value.value.split(/\s+/).filter(Boolean)
            : [],
        ),
      );
    keys.set(name, [...new Set(fields ?? [])]);
  }
  return keys;
}

/**
 * `_entities` takes `[_Any!]!`, so nothing checks a representation before the federation library,
 * which fails on one without a known `__typename` with an error the client would see as
 * INTERNAL_SERVER_ERROR. Each must be an object naming one of this subgraph's entities, its key
 * fields within the id format; all are checked before any is resolved, so a malformed one refuses
 * the whole call before anything is asked upstream.
 */
function checkRepresentations(subgraph: GraphQLSchema, keyFields: ReadonlyMap<string, string[]>): void {
  const field = subgraph.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (field === undefined || resolve === undefined) return;
  const known = [...keyFields.keys()];
  field.resolve = (source, args, context, info) => {
    const representations: unknown = args.representations;
    if (Array.isArray(representations)) {
      representations.forEach((representation: unknown, index) => {
        const typename =
          typeof representation === 'object' && representation !== null && !Array.isArray(representation)
            ? (representation as { __typename?: unknown }).__typename
            : undefined;
        const keys = typeof typename === 'string' ? keyFields.get(typename) : undefined;
        if (keys === undefined) {
          throw badUserInput(
            `representations[${index}]`,
            `must be an object whose __typename is one of ${known.join(', ')}`,
          );
        }
        for (const key of keys) {
          const where = `representations[${index}].${key}`;
          const value = (representation as Record<string, unknown>)[key];
          if (typeof value !== 'string') throw badUserInput(where, 'is required, as a string');
          checkedText(where, value, INPUT_LIMITS.entityKey);
        }
      });
    }
    return resolve(source, args, context, info);
  };
}

/** Adds `@authenticated` and the field's `@requiresScopes` to every field of Query and Mutation. */
function withRootFieldScopes(document: DocumentNode): DocumentNode {
  let rootType: string | undefined;
  return visit(document, {
    ObjectTypeDefinition: {
      enter(node) {
        rootType = node.name.value;
      },
      leave() {
        rootType = undefined;
      },
    },
    FieldDefinition(node): FieldDefinitionNode | undefined {
      if (rootType !== 'Query' && rootType !== 'Mutation') return undefined;
      const scopes = parse(
        `type T { f: Int @authenticated @requiresScopes(scopes: [["${roleOfRootField(node.name.value)}"]]) }`,
      ).definitions[0];
      const directives = scopes?.kind === Kind.OBJECT_TYPE_DEFINITION ? scopes.fields?.[0]?.directives : [];
      return { ...node, directives: [...(node.directives ?? []), ...(directives ?? [])] };
    },
  });
}

/** The names of the object types that carry a `@key`, i.e. the entities other subgraphs may reference. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => type.astNode?.directives?.some((directive) => directive.name.value === 'key'))
    .map((type) => type.name);
}

/**
 * An entity without a reference resolver would answer `_entities` with the bare representation, so
 * every non-key field of it would come back null; a resolver without a `@key` is never called. Both
 * are wiring mistakes, caught when the schema is built rather than by a router in production.
 */
function assertEveryEntityResolvable(schema: GraphQLSchema, resolvableTypeNames: readonly string[]): void {
  const entities = new Set(entityTypeNames(schema));
  const resolvable = new Set(resolvableTypeNames);
  const unresolvable = [...entities].filter((name) => !resolvable.has(name));
  const keyless = [...resolvable].filter((name) => !entities.has(name));
  if (unresolvable.length > 0 || keyless.length > 0) {
    throw new Error(
      `Federation wiring: entities without a reference resolver [${unresolvable.join(', ')}], ` +
        `reference resolvers without a @key type [${keyless.join(', ')}]`,
    );
  }
}

/** The resolver map buildSubgraphSchema takes beside the type definitions (its type is not exported). */
type SubgraphResolvers = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']
>;

/**
 * type-graphql's resolvers by type name (field resolvers, custom scalars so DateTime, GeoJSON… keep
 * parsing and serialising, enum values), with each entity's `__resolveReference` beside its fields.
 * Built-in scalars are left out: buildSubgraphSchema copies a scalar's functions onto the schema's
 * type of that name, and for String, Int… that is graphql-js's shared instance, which must stay untouched.
 */
function subgraphResolvers<TContext>(
  schema: GraphQLSchema,
  referenceResolvers: ReferenceResolvers<TContext>,
): SubgraphResolvers {
  const entries = Object.entries(createResolversMap(schema))
    .filter(([, resolver]) => !(isScalarType(resolver) && isSpecifiedScalarType(resolver)))
    .map(([typeName, resolver]) => {
      const resolveReference = referenceResolvers[typeName];
      return [typeName, resolveReference ? { ...resolver, __resolveReference: resolveReference } : resolver];
    });
  // Same runtime shape (type name → field resolvers | scalar | enum values), typed apart by the two
  // libraries; and Apollo types __resolveReference as a field resolver though it calls it as
  // (representation, context, info), the ReferenceResolver signature.
  return Object.fromEntries(entries) as SubgraphResolvers;
}
