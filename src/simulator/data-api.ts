/**
 * The data API's `GET /api/v1/me` (notes §2.1; on Airbus it lives on data.api.oneatlas.airbus.com):
 * who the API key belongs to and its contract, with the contract's workspace. On Airbus it is where a
 * SPOT/Pléiades contract's workspace comes from: the contract list does not carry it.
 */
import { Router } from 'express';
import { SEEDED_LEGACY_CONTRACT_ID } from './seed.js';
import type { StateStore } from './store.js';
import { notFound } from './upstream-error.js';

/** The simulated user: one API key, one account, the seeded legacy contract. */
const USER_ID = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export function dataApiRouter(store: StateStore): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const contract = store.view((state) =>
      state.contracts.find((candidate) => candidate.wire.contractId === SEEDED_LEGACY_CONTRACT_ID),
    );
    if (contract === undefined) throw notFound('No contract for this account.', 'CONTRACT_NOT_FOUND');
    res.json({
      id: USER_ID,
      roles: ['ROLE_USER'],
      contract: {
        id: contract.wire.contractId,
        offers: contract.productTypeIds,
        balance: Number(contract.wire.creditRemaining ?? 0),
        workspaceId: contract.workspaceId,
        workspaceName: 'Simulated workspace',
        _links: {},
      },
      permissions: ['tasking'],
    });
  });
  return router;
}
