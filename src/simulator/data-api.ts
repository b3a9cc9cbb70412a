/**
 * The data API's `GET /api/v1/me` (notes §2.1; on Airbus it lives on data.api.oneatlas.airbus.com):
 * who the API key belongs to and its own contract, with the contract's workspace. On Airbus it is
 * where a SPOT/Pléiades contract's workspace comes from: the contract list does not carry it.
 */
import { Router } from 'express';
import type { WireMe } from '../datasources/oneatlas/wire/types.js';
import { authenticatedApiKey } from './auth.js';
import type { StateStore } from './store.js';
import { notFound } from './upstream-error.js';

/** The simulated user: one per API key, named after nothing secret. */
const USER_ID = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** `contractOf` names the contract an API key belongs to. */
export function dataApiRouter(store: StateStore, contractOf: (apiKey: string) => string): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const contractId = contractOf(authenticatedApiKey(res));
    const contract = store.view((state) =>
      state.contracts.find((candidate) => candidate.wire.contractId === contractId),
    );
    if (contract === undefined) throw notFound('No contract for this account.', 'CONTRACT_NOT_FOUND');
    const body: WireMe = {
      id: USER_ID,
      roles: ['ROLE_USER'],
      contract: {
        id: contract.wire.contractId,
        offers: contract.productTypeIds,
        balance: Number(contract.wire.creditRemaining ?? 0),
        workspaceId: contract.workspaceId,
        workspaceName: `Workspace of ${contract.wire.contractId}`,
      },
      permissions: ['tasking'],
    };
    res.json(body);
  });
  return router;
}
