import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CatalogueResolver } from '../resolvers/catalogue.resolver.js';
import { entityReferenceResolvers } from '../resolvers/entity-references.js';
import { FeasibilityResolver } from '../resolvers/feasibility.resolver.js';
import { ImageryResolver } from '../resolvers/imagery.resolver.js';
import { NeoResolver } from '../resolvers/neo.resolver.js';
import { NeoOrderResolver } from '../resolvers/neo-order.resolver.js';
import { OperationsResolver } from '../resolvers/operations.resolver.js';
import { OrderResolver } from '../resolvers/order.resolver.js';
import { QuotationPdfResolver } from '../resolvers/quotation-pdf.resolver.js';
import { TaskingResolver } from '../resolvers/tasking.resolver.js';
import {
  CoverageAcquisitionFields,
  LegacyTaskingLineFields,
  NeoTaskingLineFields,
  SegmentAcquisitionFields,
  TaskingLineResolver,
} from '../resolvers/tasking-line.resolver.js';
import { toSubgraphSchema } from './federation.js';
import { DateTimeScalar } from './scalars/index.js';

export const resolvers = [
  FeasibilityResolver,
  OrderResolver,
  TaskingResolver,
  NeoResolver,
  TaskingLineResolver,
  LegacyTaskingLineFields,
  NeoTaskingLineFields,
  SegmentAcquisitionFields,
  CoverageAcquisitionFields,
  NeoOrderResolver,
  QuotationPdfResolver,
  CatalogueResolver,
  ImageryResolver,
  OperationsResolver,
] as const;

/** The gateway's schema: the type-graphql classes, served as a Federation 2 subgraph. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // Without this, type-graphql 2 maps Date to its own DateTimeISO scalar.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  return toSubgraphSchema(schema, entityReferenceResolvers);
}
