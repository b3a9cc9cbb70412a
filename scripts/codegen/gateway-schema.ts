import 'reflect-metadata';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';

/**
 * codegen.yml's schema loader: the schema the server runs, built from the type-graphql classes, so the
 * generated files can only describe what is served. Enum values get their wire names as values: the
 * typed operations would otherwise carry a TypeScript enum's internal values (`UpstreamApi` is
 * `'order'` inside the server, `ORDER` on the wire), which the server refuses as variables.
 */
export default async function loadGatewaySchema(): Promise<GraphQLSchema> {
  return mapSchema(await buildGatewaySchema(), {
    [MapperKind.ENUM_VALUE]: (valueConfig, _typeName, _schema, wireName) => ({
      ...valueConfig,
      value: wireName,
    }),
  });
}
