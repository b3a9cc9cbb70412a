/**
 * The one place that decides whether a caller may touch a contract (and so its taskings, segments,
 * orders and images). Resolvers call these before any upstream call; roles per root field are
 * enforced for the whole operation by `requiredRolesPlugin`.
 */
import { forbidden } from '../errors.js';
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

/** The workspace a field acts on: the one named must be the tenant's own, else its default. */
export function authorizeWorkspace(
  caller: Caller,
  workspaceId: string | null | undefined,
): string | undefined {
  if (workspaceId == null || workspaceId === caller.defaults.workspaceId) return caller.defaults.workspaceId;
  if (caller.contracts.kind === 'any') return workspaceId;
  throw forbidden();
}

/** The contracts searched for an entity known by id alone (a federated Tasking reference). */
export function contractsToSearch(caller: Caller): readonly string[] {
  return caller.contracts.kind === 'any' ? [caller.defaults.contractId] : caller.contracts.ids;
}
