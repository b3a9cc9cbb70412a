import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * codegen.yml's plugin for `schema.graphql`: the subgraph SDL as a registry or `rover` sees it, with
 * the `@link` and `@key` directives and without the federation plumbing (`_entities`, `_service`).
 */
export function plugin(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
