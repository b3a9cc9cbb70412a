import { composeServices } from '@apollo/composition';
import { Kind, parse, print, visit } from 'graphql';

export interface SubgraphDefinition {
  name: string;
  /** Where the router sends this subgraph's fetches. */
  url: string;
  sdl: string;
}

/** Composition refused the subgraphs, or composed them with hints: either way, not fit to ship. */
export class CompositionProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.join('\n')}`);
    this.name = 'CompositionProblems';
  }
}

/**
 * The supergraph SDL of these subgraphs, as a registry would compose it. Hints count as failures:
 * they flag things that compose today but are likely mistakes (inconsistent descriptions, fields
 * that can never be reached), and a clean composition is what the registry should see.
 */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): string {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    throw new CompositionProblems(
      result.errors.map((error) => `${String(error.extensions.code)}: ${error.message}`),
    );
  }
  if (result.hints.length > 0) {
    throw new CompositionProblems(result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`));
  }
  return result.supergraphSdl;
}

/** The access-control features (`@authenticated`, `@requiresScopes`) that Apollo Router enforces. */
const SECURITY_FEATURES = /specs\.apollo\.dev\/(authenticated|requiresScopes)\//;

/**
 * The supergraph without its access-control features, for `@apollo/gateway`: it refuses any
 * supergraph whose SECURITY features it cannot enforce, while Apollo Router enforces them (and the
 * gateway enforces the same roles itself, which these tests run in development mode).
 */
export function withoutAccessControl(supergraphSdl: string): string {
  const isAccessControl = (name: string) => name === 'authenticated' || name === 'requiresScopes';
  return print(
    visit(parse(supergraphSdl), {
      Directive(node) {
        if (isAccessControl(node.name.value)) return null;
        const url = node.arguments?.find((argument) => argument.name.value === 'url')?.value;
        if (node.name.value === 'link' && url?.kind === Kind.STRING && SECURITY_FEATURES.test(url.value))
          return null;
        return undefined;
      },
      DirectiveDefinition(node) {
        return isAccessControl(node.name.value) ? null : undefined;
      },
      // The scopes' own scalar, requiresScopes__Scope.
      ScalarTypeDefinition(node) {
        return /^(requiresScopes|authenticated)__/.test(node.name.value) ? null : undefined;
      },
    }),
  );
}
