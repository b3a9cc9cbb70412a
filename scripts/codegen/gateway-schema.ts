import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';

/**
 * codegen.yml's schema loader: the schema the server runs, built from the type-graphql classes, so the
 * generated files can only describe what is served.
 */
export default function loadGatewaySchema(): Promise<GraphQLSchema> {
  return buildGatewaySchema();
}
