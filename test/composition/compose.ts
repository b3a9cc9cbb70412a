import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

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
