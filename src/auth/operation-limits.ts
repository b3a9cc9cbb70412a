/**
 * What one GraphQL operation may ask for, checked before any resolver runs (so a refused operation
 * costs no upstream call): graphql-armor's depth, alias, token, directive and cost limits, at most
 * one money-spending root field and one journal page (never aliased), and the role each root field
 * requires.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql';
import { forbidden } from '../errors.js';
import type { Role } from './caller.js';

/** The limits' numbers; the README's security section explains each. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  // The deepest operation in `operations/` (Taskings → edges → node → segments → …) is 5 levels.
  maxDepth: 10,
  // A real page asks for a handful of aliases; 15 allows comparing a few options side by side.
  maxAliases: 15,
  // The operations in `operations/`, with their fragments, are under 300 tokens.
  maxTokens: 2_000,
  maxDirectives: 20,
  // graphql-armor's cost: 2 per object, 1 per scalar, multiplied by depth. The costliest operation in
  // `operations/` is under 50; 1000 leaves room for richer selections, not for fan-out.
  maxCost: 1_000,
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
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // graphql-js's own parser limit instead: armor's re-parse reports syntax errors as validation errors.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    // Hidden by the server's formatError instead (`withoutSuggestions`): armor's plugin opens a
    // listener on every request to rewrite the messages of the few that fail validation.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [...armor.validationRules, singleUseRootFields],
    parseOptions: { maxTokens: limits.maxTokens },
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
