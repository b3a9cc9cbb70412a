import DataLoader from 'dataloader';
import type { CoverageItem } from '../domain/neo.js';
import type { NeoApi } from './oneatlas/neo-api.js';

export interface OrderItemRef {
  contractId: string;
  orderItemId: string;
}

const refKey = (ref: OrderItemRef): string => `${ref.contractId}/${ref.orderItemId}`;

/** Order items named in one coverage search; the `q` stays short and one answer page holds them. */
const ORDER_ITEMS_PER_COVERAGE_CALL = 50;

/**
 * Per-request Neo loaders: the coverage items of every order item a request shows are read in one
 * coverage search per contract (the search takes an OR of order item ids), like segments per tasking.
 */
export function createNeoLoaders(neoApi: NeoApi) {
  return {
    coverageItemsByOrderItem: new DataLoader<OrderItemRef, CoverageItem[], string>(
      async (refs) => {
        const byContract = new Map<string, string[]>();
        for (const ref of refs)
          byContract.set(ref.contractId, [...(byContract.get(ref.contractId) ?? []), ref.orderItemId]);
        const found = new Map<string, CoverageItem[] | Error>();
        await Promise.all(
          [...byContract].map(async ([contractId, orderItemIds]) => {
            try {
              const lists = await neoApi.coverageItems(contractId, orderItemIds);
              orderItemIds.forEach((orderItemId, index) => {
                found.set(refKey({ contractId, orderItemId }), lists[index] ?? []);
              });
            } catch (error) {
              for (const orderItemId of orderItemIds)
                found.set(refKey({ contractId, orderItemId }), error as Error);
            }
          }),
        );
        return refs.map((ref) => found.get(refKey(ref)) ?? []);
      },
      { cacheKeyFn: refKey, maxBatchSize: ORDER_ITEMS_PER_COVERAGE_CALL },
    ),
  };
}

export type NeoLoaders = ReturnType<typeof createNeoLoaders>;
