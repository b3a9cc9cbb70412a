import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { recordGraphQLOperation, recordRefusedRequest } from './metrics.js';
import { annotateOperation } from './tracing.js';

/** The outcome label of an answered operation without errors. */
const OK = 'ok';
/** An error without a code (Apollo gives every error one; kept for a plugin that would not). */
const UNCODED = 'UNKNOWN';

/**
 * Counts and times every GraphQL operation by name, type and outcome (ok, or its first error's code),
 * and names the request's span after it when tracing is on: one clock read when the request starts,
 * one counter and one histogram update when it answers.
 */
export function operationTelemetryPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    // Authentication runs while the context is built, before any operation is known.
    async contextCreationDidFail({ error }) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      recordRefusedRequest(typeof code === 'string' ? code : UNCODED);
    },
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ request, operation, document, response, errors }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // The formatted errors first: their codes are what the client got (masked ones included).
          const firstError = single?.errors?.[0] ?? errors?.[0];
          const code = firstError?.extensions?.code;
          // Before validation passes, the operation is only known from the parsed document.
          const definition = operation ?? soleOperationOf(document);
          const name = request.operationName ?? definition?.name?.value;
          const type = definition?.operation ?? 'unknown';
          const outcome = firstError === undefined ? OK : typeof code === 'string' ? code : UNCODED;
          recordGraphQLOperation(name, type, outcome, (performance.now() - started) / 1000);
          annotateOperation({ name, type, outcome });
        },
      };
    },
  };
}

/** The document's operation when it holds exactly one (a client need not name it then). */
function soleOperationOf(document: DocumentNode | undefined): OperationDefinitionNode | undefined {
  const operations = document?.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations?.length === 1 ? operations[0] : undefined;
}
