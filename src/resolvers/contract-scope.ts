import { authorizeContract } from '../auth/authorize.js';
import type { Caller } from '../auth/caller.js';
import { INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';

/**
 * The contract a contract-scoped field acts on: the `contractId` argument, checked as client text,
 * else the tenant's default. FORBIDDEN when it is not the caller's tenant's (see `authorizeContract`).
 */
export function contractInScope(caller: Caller, contractId: string | null | undefined): string {
  return authorizeContract(
    caller,
    optionalCheckedText('contractId', contractId, INPUT_LIMITS.contractId) ?? undefined,
  );
}
