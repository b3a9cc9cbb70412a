/**
 * What one GraphQL operation may ask for, checked before any resolver runs (so a refused operation
 * costs no upstream call): graphql-armor's depth, alias, token, directive and cost limits, at most
 * one money-spending root field and one journal page (never aliased), the role each root field
 * requires, and how many polygon positions its variables may hold.
 */
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  typeFromAST,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql';
import { MAX_AOIS } from '../domain/order.js';
import { badUserInput, forbidden } from '../errors.js';
import { GeoJSONPolygonScalar, MAX_RING_POSITIONS } from '../schema/scalars/geojson.js';
import type { Role } from './caller.js';

/** The limits' numbers; the README's security section explains each. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Positions of all the polygons in an operation's variables (`polygonPositionsPlugin`). */
  maxPolygonPositions: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  // The deepest operation in `operations/` (Taskings → edges → node → segments → …) is 5 levels.
  maxDepth: 10,
  // A real page asks for a handful of aliases; 15 allows comparing a few options side by side.
  maxAliases: 15,
  // The operations in `operations/`, with their fragments, are under 300 tokens.
  maxTokens: 2_000,
  maxDirectives: 20,
  // `operationCost`: 2 per object, 1 per scalar, ×1.5 per level, whatever the page size. The costliest
  // operation in `operations/` (TaskingLines) is 440; 1000 leaves room for richer selections, not for
  // fan-out (three aliased copies of it are refused).
  maxCost: 1_000,
  // The largest order: MAX_AOIS AOIs of the most positions a ring may have.
  maxPolygonPositions: MAX_AOIS * MAX_RING_POSITIONS,
};

/**
 * Root fields that spend the contract's money. Adding one here is how a new paid mutation (quotation,
 * cancel…) joins the one-per-operation rule.
 */
export const MONEY_SPENDING_FIELDS: ReadonlySet<string> = new Set([
  'createOrder',
  'approveOrder',
  'acceptQuotation',
]);

/** What Apollo needs to install graphql-armor's protections and the gateway's own rules. */
export function operationLimits(limits: OperationLimits): {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    // Fragments count as levels, so nesting inline fragments cannot hide depth.
    maxDepth: { n: limits.maxDepth, ...reportedPlainly },
    maxAliases: { n: limits.maxAliases, ...reportedPlainly },
    // graphql-js's own parser limit instead: armor's re-parse reports syntax errors as validation errors.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, ...reportedPlainly },
    // `operationCost` instead: armor multiplies by `first` only when it is written in the query, so a
    // page of 10 written inline cost more than a page of 100 passed as a variable.
    costLimit: { enabled: false },
    // Hidden by the server's formatError instead (`withoutSuggestions`): armor's plugin opens a
    // listener on every request to rewrite the messages of the few that fail validation.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [...armor.validationRules, operationCost(limits.maxCost), singleUseRootFields],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * Armor prefixes its limits' messages with "Syntax Error:", though the query parsed: reported as
 * validation errors (GRAPHQL_VALIDATION_FAILED, HTTP 400) without it.
 */
const reportedPlainly = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
  ],
};

/** graphql-armor's weights: each object and each scalar field costs this, and a level deeper ×1.5. */
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_COST_FACTOR = 1.5;

/**
 * Refuses an operation whose selection costs more than `maxCost`, counted with graphql-armor's weights
 * (fragments count as levels, introspection's `__schema` is free) but not multiplied by the page size:
 * the schema bounds every page at 100, so the multiplier only made a page written inline cost up to
 * 100 times what the same page passed as a variable did. What fans out is bounded elsewhere: aliases,
 * depth, the single-use root fields, and each request's upstream call budget.
 */
export function operationCost(maxCost: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    const fragmentCosts = new Map<string, number>();
    const costOf = (node: SelectionNode | FragmentDefinitionNode, spreading: ReadonlySet<string>): number => {
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const name = node.name.value;
        const fragment = fragments.get(name);
        // A cycle is graphql-js's NoFragmentCyclesRule's to report.
        if (fragment === undefined || spreading.has(name)) return SCALAR_COST;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          cost = costOf(fragment, new Set([...spreading, name]));
          fragmentCosts.set(name, cost);
        }
        return SCALAR_COST + DEPTH_COST_FACTOR * cost;
      }
      if (node.kind === Kind.FIELD && node.name.value === '__schema') return 0;
      if (node.selectionSet === undefined) return SCALAR_COST;
      return node.selectionSet.selections.reduce(
        (cost, child) => cost + DEPTH_COST_FACTOR * costOf(child, spreading),
        OBJECT_COST,
      );
    };
    return {
      OperationDefinition(operation) {
        const cost = operation.selectionSet.selections.reduce(
          (sum, selection) => sum + costOf(selection, new Set()),
          0,
        );
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}.`, {
              nodes: operation,
            }),
          );
        }
      },
    };
  };
}

/**
 * Root fields an operation may hold at most once, never aliased: each group with what it costs. An
 * aliased page of the order journal is up to 100 records of up to 64 KB each, so fifteen aliases
 * would answer tens of megabytes from one small query.
 */
const SINGLE_USE_ROOT_FIELDS: readonly { fields: ReadonlySet<string>; what: string; kind: string }[] = [
  { fields: MONEY_SPENDING_FIELDS, what: 'spends money', kind: 'money-spending' },
  { fields: new Set(['orderAttempts']), what: 'reads a page of the order journal', kind: 'journal-page' },
];

/** At most one field of each single-use group per operation, and it carries no alias (no `a: createOrder … b: createOrder`). */
export const singleUseRootFields: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(operation) {
    const fields = rootFields(operation.selectionSet, fragmentsOf(context));
    for (const group of SINGLE_USE_ROOT_FIELDS) {
      const used = fields.filter((field) => group.fields.has(field.name.value));
      for (const field of used) {
        if (field.alias !== undefined) {
          context.reportError(
            new GraphQLError(`${field.name.value} ${group.what} and may not be aliased.`, { nodes: field }),
          );
        }
      }
      if (used.length > 1) {
        context.reportError(
          new GraphQLError(
            `An operation may contain one ${group.kind} field (${[...group.fields].join(', ')}); this one has ${used.length}.`,
            { nodes: used },
          ),
        );
      }
    }
  },
});

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  return new Map(
    context
      .getDocument()
      .definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
}

/** The root fields of an operation, through fragment spreads and inline fragments (each fragment once). */
function rootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visited = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return rootFields(selection.selectionSet, fragments, visited);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (fragment === undefined || visited.has(name)) return [];
    visited.add(name);
    return rootFields(fragment.selectionSet, fragments, visited);
  });
}

/**
 * Enforces the `@requiresScopes` each root field carries in the subgraph schema (the same directive
 * a Router enforces), against the caller's roles, before any resolver runs. A root field without
 * one needs `read` (`_entities`); introspection needs no role (Apollo refuses it when it is off).
 * `_service { sdl }` is the whole schema, operator fields included: with introspection on it needs
 * what introspection would (`read`, or `schema`); with it off, only `schema`, the role of the Router's
 * or the composition job's credential, so that turning introspection off hides the schema from callers.
 */
export function requiredRolesPlugin<TContext extends BaseContext & { caller: { roles: ReadonlySet<Role> } }>({
  introspection,
}: {
  introspection: boolean;
}): ApolloServerPlugin<TContext> {
  const sdlReaders: readonly (readonly Role[])[] = introspection ? [['read'], ['schema']] : [['schema']];
  // Worked out once per parsed operation: Apollo's document cache hands back the same operation node
  // for the same query text, so a repeated operation only checks the caller's roles.
  const requirementsOf = new WeakMap<OperationDefinitionNode, readonly RootFieldRequirement[]>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, contextValue }) {
          if (operation === undefined) return;
          let requirements = requirementsOf.get(operation);
          if (requirements === undefined) {
            requirements = rootFieldRequirements(operation, document, schema, sdlReaders);
            requirementsOf.set(operation, requirements);
          }
          for (const { name, alternatives } of requirements) {
            const allowed = alternatives.some((scopes) =>
              scopes.every((scope) => contextValue.caller.roles.has(scope as Role)),
            );
            if (!allowed) {
              const error = forbidden(
                `the ${alternatives.map((scopes) => scopes.join('+')).join(' or ')} role for ${name}`,
              );
              error.extensions.http = { status: 403 };
              throw error;
            }
          }
        },
      };
    },
  };
}

/** A root field of an operation and the scopes it needs: any one of the alternatives, each in full. */
interface RootFieldRequirement {
  name: string;
  alternatives: readonly (readonly string[])[];
}

function rootFieldRequirements(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
  sdlReaders: readonly (readonly string[])[],
): RootFieldRequirement[] {
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (rootType === null || rootType === undefined) return [];
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fields = rootType.getFields();
  return rootFields(operation.selectionSet, fragments)
    .map((field) => field.name.value)
    .filter((name) => !name.startsWith('__'))
    .map((name) => ({
      name,
      alternatives:
        name === '_service' ? sdlReaders : (scopesOf(fields[name]?.astNode?.directives) ?? [['read']]),
    }));
}

function scopesOf(directives: readonly DirectiveNode[] | undefined): string[][] | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === 'requiresScopes');
  const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'scopes');
  if (argument === undefined) return undefined;
  const value: unknown = valueFromASTUntyped(argument.value);
  return Array.isArray(value)
    ? value.map((scopes) => (Array.isArray(scopes) ? scopes.map(String) : []))
    : undefined;
}

/**
 * Refuses an operation whose variables hold more polygon positions in all than `maxPositions`, before
 * graphql-js coerces them. Each polygon's self-intersection check is quadratic in its positions, and
 * coercion checks every polygon of every variable before a resolver could count them: a list of AOIs
 * is checked whole before its length is, and aliased fields may each bring their own variable. Inline
 * polygons need no such bound: the token limit keeps them to a few hundred positions.
 */
export function polygonPositionsPlugin<TContext extends BaseContext>(
  maxPositions: number,
): ApolloServerPlugin<TContext> {
  const polygonFieldsOf = new WeakMap<GraphQLSchema, PolygonFields>();
  // Per parsed operation, like the roles: most operations have no polygon variable and stop there.
  const polygonVariablesOf = new WeakMap<OperationDefinitionNode, readonly PolygonVariable[]>();
  const listener: GraphQLRequestListener<TContext> = {
    async didResolveOperation({ operation, schema, request }) {
      if (operation === undefined) return;
      let polygonFields = polygonFieldsOf.get(schema);
      if (polygonFields === undefined) {
        polygonFields = fieldsLeadingToPolygons(schema);
        polygonFieldsOf.set(schema, polygonFields);
      }
      let variables = polygonVariablesOf.get(operation);
      if (variables === undefined) {
        variables = polygonVariables(operation, schema, polygonFields);
        polygonVariablesOf.set(operation, variables);
      }
      const budget = { left: maxPositions };
      for (const { name, type } of variables) {
        const where = pathOverBudget(type, request.variables?.[name], name, budget, polygonFields);
        if (where !== undefined) {
          const error = badUserInput(
            where,
            `brings the operation's polygons past ${maxPositions} positions in all, the most one operation may send`,
          );
          error.extensions.http = { status: 400 };
          throw error;
        }
      }
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

/** The fields of each input type that lead to a polygon, for the input types that have any. */
type PolygonFields = ReadonlyMap<GraphQLInputObjectType, readonly GraphQLInputField[]>;

function leadsToPolygon(type: GraphQLInputType, polygonFields: PolygonFields): boolean {
  const named = getNamedType(type);
  return named.name === GeoJSONPolygonScalar.name || (isInputObjectType(named) && polygonFields.has(named));
}

function fieldsLeadingToPolygons(schema: GraphQLSchema): PolygonFields {
  const inputTypes = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const polygonFields = new Map<GraphQLInputObjectType, GraphQLInputField[]>();
  // Until nothing changes: a type leads to a polygon through a field whose type does.
  for (let grown = true; grown; ) {
    grown = false;
    for (const type of inputTypes) {
      const fields = Object.values(type.getFields()).filter((field) =>
        leadsToPolygon(field.type, polygonFields),
      );
      if (fields.length > (polygonFields.get(type)?.length ?? 0)) {
        polygonFields.set(type, fields);
        grown = true;
      }
    }
  }
  return polygonFields;
}

/** A variable of the operation whose type holds a polygon somewhere. */
interface PolygonVariable {
  name: string;
  type: GraphQLInputType;
}

function polygonVariables(
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  polygonFields: PolygonFields,
): PolygonVariable[] {
  return (operation.variableDefinitions ?? []).flatMap((definition): PolygonVariable[] => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && isInputType(type) && leadsToPolygon(type, polygonFields)
      ? [{ name: definition.variable.name.value, type }]
      : [];
  });
}

/**
 * Walks a variable's value along its type, taking each polygon's positions from the budget; the path
 * of the polygon that overdraws it (`input.aois[5].geometry`, as graphql-js names it), if one does.
 * What is not shaped as the type is skipped: coercion refuses it.
 */
function pathOverBudget(
  type: GraphQLInputType,
  value: unknown,
  path: string,
  budget: { left: number },
  polygonFields: PolygonFields,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return pathOverBudget(type.ofType, value, path, budget, polygonFields);
  if (isListType(type)) {
    // graphql-js coerces a single value given for a list as a list of one.
    if (!Array.isArray(value)) return pathOverBudget(type.ofType, value, path, budget, polygonFields);
    for (const [index, item] of value.entries()) {
      const where = pathOverBudget(type.ofType, item, `${path}[${index}]`, budget, polygonFields);
      if (where !== undefined) return where;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    for (const field of polygonFields.get(type) ?? []) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      const where = pathOverBudget(field.type, fieldValue, `${path}.${field.name}`, budget, polygonFields);
      if (where !== undefined) return where;
    }
    return undefined;
  }
  if (type.name !== GeoJSONPolygonScalar.name) return undefined;
  budget.left -= positionsOf(value);
  return budget.left < 0 ? path : undefined;
}

/** The positions a polygon value holds in all its rings, however malformed the rest of it. */
function positionsOf(value: unknown): number {
  const rings =
    typeof value === 'object' && value !== null
      ? (value as { coordinates?: unknown }).coordinates
      : undefined;
  if (!Array.isArray(rings)) return 0;
  return rings.reduce((sum: number, ring: unknown) => sum + (Array.isArray(ring) ? ring.length : 0), 0);
}
