/**
 * The one place that decides whether a caller may touch a contract (and so its taskings, segments,
 * orders and images). Resolvers call these before any upstream call on what they guard (a workspace
 * is judged by the contract list and `/me`, through the catalogue cache); roles per root field are
 * enforced for the whole operation by `requiredRolesPlugin`.
 */
import type { DataApi } from '../datasources/oneatlas/data-api.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import { workspaceOfContract } from '../domain/catalogue.js';
import { forbidden, inputRefused } from '../errors.js';
import type { Caller } from './caller.js';

export function mayUseContract(caller: Caller, contractId: string): boolean {
  return caller.contracts.kind === 'any' || caller.contracts.ids.includes(contractId);
}

/**
 * The contract a field acts on: the one named, or the tenant's default. FORBIDDEN, with the same
 * message whether or not the contract exists, when it is not the caller's tenant's.
 */
export function authorizeContract(caller: Caller, contractId: string | undefined): string {
  const contract = contractId ?? caller.defaults.contractId;
  if (!mayUseContract(caller, contract)) throw forbidden();
  return contract;
}

/** Anything carrying the contract it acts on (a tasking search, an order request), passed through once checked. */
export function authorizeSearch<T extends { contractId: string }>(caller: Caller, request: T): T {
  authorizeContract(caller, request.contractId);
  return request;
}

/** A tenant's lists hold its own objects only. */
export function ownedBy<T extends { contractId: string }>(caller: Caller, items: readonly T[]): T[] {
  return items.filter((item) => mayUseContract(caller, item.contractId));
}

/** The contracts a tenant may use, from the credential's list. */
export function visibleContracts<T extends { id: string }>(caller: Caller, contracts: readonly T[]): T[] {
  return contracts.filter((contract) => mayUseContract(caller, contract.id));
}

/** Workspaces named in a refusal: the whole list, bounded. */
const MAX_WORKSPACES_NAMED = 20;

/** What deciding on a workspace reads, through the catalogue cache: the contract list and `/me`. */
export interface WorkspaceSources {
  orderApi: Pick<OrderApi, 'contracts'>;
  dataApi: Pick<DataApi, 'me'>;
}

/**
 * The workspace whose imagery a field reads. A named one must be the tenant's configured workspace or
 * the delivery workspace of one of its contracts (`Contract.workspaceId`), else FORBIDDEN with the
 * same message whether or not it exists; the development tenant may name any. Without one: the
 * configured workspace, else the only one the tenant's contracts deliver to, else BAD_USER_INPUT
 * naming those it may choose from. Only the catalogue is read, never the imagery it guards.
 */
export async function authorizeWorkspace(
  caller: Caller,
  workspaceId: string | null | undefined,
  sources: WorkspaceSources,
): Promise<string> {
  const configured = caller.defaults.workspaceId;
  if (workspaceId != null) {
    if (workspaceId === configured || caller.contracts.kind === 'any') return workspaceId;
    if ((await contractWorkspaces(caller, sources)).includes(workspaceId)) return workspaceId;
    throw forbidden();
  }
  if (configured !== undefined) return configured;
  const own = await contractWorkspaces(caller, sources);
  if (own.length === 1 && own[0] !== undefined) return own[0];
  const named = own.slice(0, MAX_WORKSPACES_NAMED);
  throw inputRefused([
    {
      field: 'workspaceId',
      message:
        named.length === 0
          ? 'is required: no default workspace is configured, and none of your contracts names its delivery workspace (see Contract.workspaceId)'
          : `is required: no default workspace is configured, and your contracts deliver to more than one: one of ${named.join(', ')} (see Contract.workspaceId)`,
      allowedValues: named,
    },
  ]);
}

/**
 * The delivery workspaces of the caller's contracts, each once: a Neo contract's own, a SPOT/Pléiades
 * one's from `/me` (read only when a contract needs it), as orders resolve them (`workspaceOfContract`).
 */
async function contractWorkspaces(
  caller: Caller,
  { orderApi, dataApi }: WorkspaceSources,
): Promise<string[]> {
  const contracts = visibleContracts(caller, await orderApi.contracts());
  const account = contracts.some((contract) => contract.workspaceId === null) ? await dataApi.me() : null;
  const workspaces = contracts.map((contract) => workspaceOfContract(contract, account));
  return [...new Set(workspaces.filter((workspace) => workspace !== null))];
}

/** The contracts searched for an entity known by id alone (a federated Tasking reference). */
export function contractsToSearch(caller: Caller): readonly string[] {
  return caller.contracts.kind === 'any' ? [caller.defaults.contractId] : caller.contracts.ids;
}
