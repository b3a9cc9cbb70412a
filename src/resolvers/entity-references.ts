import { authorizeContract, contractsToSearch, visibleContracts } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import type * as catalogue from '../domain/catalogue.js';
import type * as neo from '../domain/neo.js';
import { BackendSource } from '../domain/neo.js';
import type * as tasking from '../domain/tasking.js';
import { badUserInput } from '../errors.js';
import type { EntityRepresentation, ReferenceResolvers } from '../schema/federation.js';
import { checkedText, INPUT_LIMITS, type TextRule } from '../schema/validation.js';

/**
 * How a router's `_entities` representations become gateway objects. Both go through the request's
 * DataLoaders, so a query that needs fifty taskings from this subgraph costs one upstream list call,
 * and any number of contracts one `GET /contracts`. An id the upstream does not know resolves to null.
 */
export const entityReferenceResolvers: ReferenceResolvers<GatewayContext> = {
  // `@key(fields: "id")`: the representation carries no contract, so only the tenant's legacy contracts
  // are searched (one batched list call each); another tenant's tasking is as unknown as a missing one.
  Tasking: async (representation, { loaders, caller }): Promise<tasking.Tasking | null> => {
    const taskingId = keyId(representation, INPUT_LIMITS.taskingId);
    const contracts = await Promise.all(contractsToSearch(caller).map((id) => loaders.contractById.load(id)));
    const found = await Promise.all(
      contracts
        .filter(
          (contract): contract is catalogue.Contract => contract?.backendSource === BackendSource.LEGACY,
        )
        .map((contract) => loaders.taskingById.load({ contractId: contract.id, taskingId })),
    );
    return found.find((candidate) => candidate !== null) ?? null;
  },
  // Also `@key(fields: "id")`: searched in the tenant's Pléiades Neo contracts only, one batched order
  // search per contract; the contract list is read once per request.
  NeoOrderItem: async (representation, { loaders, caller }): Promise<neo.NeoOrderItem | null> => {
    const orderItemId = keyId(representation, INPUT_LIMITS.orderItemId);
    const neoContracts = visibleContracts(caller, await loaders.contracts()).filter(
      (contract) => contract.backendSource === BackendSource.NEO,
    );
    const found = await Promise.all(
      neoContracts.map((contract) => loaders.orderItemById.load({ contractId: contract.id, orderItemId })),
    );
    return found.find((candidate) => candidate !== null) ?? null;
  },
  Contract: (representation, { loaders, caller }): Promise<catalogue.Contract | null> =>
    loaders.contractById.load(authorizeContract(caller, keyId(representation, INPUT_LIMITS.contractId))),
};

/**
 * Representations are typed `_Any`, so nothing has checked the key field before this point; a tasking
 * id goes into the upstream's comma-separated id list, so it is held to the id format.
 */
function keyId(representation: EntityRepresentation, rule: TextRule): string {
  const { id } = representation;
  if (typeof id !== 'string') {
    throw badUserInput('representations.id', `a ${representation.__typename} representation needs an id`);
  }
  return checkedText('representations.id', id, rule);
}
