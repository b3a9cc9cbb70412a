import DataLoader from 'dataloader';
import type { Contract } from '../domain/catalogue.js';
import type { Segment, Tasking } from '../domain/tasking.js';
import type { OrderApi } from './oneatlas/order-api.js';

export interface TaskingRef {
  contractId: string;
  taskingId: string;
}

const refKey = (ref: TaskingRef): string => `${ref.contractId}/${ref.taskingId}`;

/** The most ids one taskings list call asks for: the guide names no larger page, and the simulator caps `count` at 100. */
const TASKINGS_PER_LIST_CALL = 100;

/**
 * Per-request loaders: within one GraphQL request each tasking's segments are fetched once
 * however many fields ask, taskings asked for by id are read in one upstream list call per
 * contract (the taskings list takes a `taskingIds` filter), and contracts asked for by id cost one
 * `GET /contracts` (the upstream has no call for one contract).
 */
export function createLoaders(orderApi: OrderApi) {
  let contractsOfRequest: Promise<Contract[]> | undefined;
  // Memoised for the request, not only per batch, so ids asked for in later ticks reuse the list.
  const contracts = (): Promise<Contract[]> => {
    contractsOfRequest ??= orderApi.contracts();
    return contractsOfRequest;
  };
  return {
    segmentsByTasking: new DataLoader<TaskingRef, Segment[], string>(
      (refs) =>
        Promise.all(
          refs.map((ref) => orderApi.segments(ref.contractId, ref.taskingId).catch((error: Error) => error)),
        ),
      { cacheKeyFn: refKey },
    ),
    taskingById: new DataLoader<TaskingRef, Tasking | null, string>((refs) => loadTaskings(orderApi, refs), {
      cacheKeyFn: refKey,
      maxBatchSize: TASKINGS_PER_LIST_CALL,
    }),
    contractById: new DataLoader<string, Contract | null>(async (ids) => {
      const byId = new Map((await contracts()).map((contract) => [contract.id, contract]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

async function loadTaskings(
  orderApi: OrderApi,
  refs: readonly TaskingRef[],
): Promise<(Tasking | null | Error)[]> {
  const idsByContract = new Map<string, string[]>();
  for (const ref of refs) {
    idsByContract.set(ref.contractId, [...(idsByContract.get(ref.contractId) ?? []), ref.taskingId]);
  }
  const found = new Map<string, Tasking | Error>();
  await Promise.all(
    [...idsByContract].map(async ([contractId, taskingIds]) => {
      try {
        const uniqueIds = [...new Set(taskingIds)];
        const page = await orderApi.taskings(
          contractId,
          { customerReference: null, taskingIds: uniqueIds, statuses: [] },
          { offset: 0, limit: uniqueIds.length },
        );
        for (const tasking of page.items) found.set(refKey({ contractId, taskingId: tasking.id }), tasking);
      } catch (error) {
        for (const taskingId of taskingIds) found.set(refKey({ contractId, taskingId }), error as Error);
      }
    }),
  );
  return refs.map((ref) => found.get(refKey(ref)) ?? null);
}
