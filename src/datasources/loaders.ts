import DataLoader from 'dataloader';
import type { Contract, DeliveryType, Market } from '../domain/catalogue.js';
import { ALL_TASKINGS, type Segment, type Tasking } from '../domain/tasking.js';
import { badUserInput, type GatewayError } from '../errors.js';
import type { OrderApi } from './oneatlas/order-api.js';

export interface TaskingRef {
  contractId: string;
  taskingId: string;
}

const refKey = (ref: TaskingRef): string => `${ref.contractId}/${ref.taskingId}`;

/**
 * The most taskings whose segments one request reads. Each is one call to the order API (about one
 * call per second for the whole account), so a page of 100 taskings would hold it for over a minute;
 * 10 stays well within the per-request call budget. Taskings without segments cost nothing.
 */
export const MAX_SEGMENT_READS_PER_REQUEST = 10;

/** The most ids one taskings list call asks for: the guide names no larger page, and the simulator caps `count` at 100. */
const TASKINGS_PER_LIST_CALL = 100;

/**
 * Per-request loaders: within one GraphQL request each tasking's segments are fetched once
 * however many fields ask, taskings asked for by id are read in one upstream list call per
 * contract (the taskings list takes a `taskingIds` filter), contracts asked for by id cost one
 * `GET /contracts` (the upstream has no call for one contract), and each contract's markets and
 * delivery types are read once however many fields ask (and through the catalogue cache).
 *
 * Each loader is built on first use: most requests use one or none of them, and building all of them
 * for every request was a visible share of a cached read (docs/performance.md).
 */
export class Loaders {
  /** Taskings whose segments this request reads, towards MAX_SEGMENT_READS_PER_REQUEST. */
  private segmentReads: Set<string> | undefined;
  private contractsOfRequest: Promise<Contract[]> | undefined;
  private segmentsLoader: DataLoader<TaskingRef, Segment[], string> | undefined;
  private taskingLoader: DataLoader<TaskingRef, Tasking | null, string> | undefined;
  private marketsLoader: DataLoader<string, Market[]> | undefined;
  private deliveryTypesLoader: DataLoader<string, DeliveryType[]> | undefined;
  private contractLoader: DataLoader<string, Contract | null> | undefined;

  constructor(private readonly orderApi: OrderApi) {}

  /**
   * A tasking's segments: none without asking when the tasking counts none, else read once per
   * request (and through the read cache), for at most MAX_SEGMENT_READS_PER_REQUEST taskings.
   */
  async segmentsOf(tasking: Tasking): Promise<Segment[]> {
    if (tasking.totalSegmentCount === 0) return [];
    this.reserveSegmentReads([tasking]);
    this.segmentsLoader ??= new DataLoader<TaskingRef, Segment[], string>(
      (refs) =>
        Promise.all(
          refs.map((ref) =>
            this.orderApi.segments(ref.contractId, ref.taskingId).catch((error: Error) => error),
          ),
        ),
      { cacheKeyFn: refKey },
    );
    return this.segmentsLoader.load({ contractId: tasking.contractId, taskingId: tasking.id });
  }

  /**
   * Counts the segment reads a page of taskings will need, before any is sent, so a page too large
   * to read the segments of is refused as a whole with what to do, rather than half read.
   */
  reserveSegmentReads(taskings: readonly Tasking[]): void {
    this.segmentReads ??= new Set<string>();
    const segmentReads = this.segmentReads;
    const keys = taskings
      .filter((tasking) => tasking.totalSegmentCount > 0)
      .map((tasking) => refKey({ contractId: tasking.contractId, taskingId: tasking.id }))
      .filter((key) => !segmentReads.has(key));
    const wanted = new Set(keys);
    if (segmentReads.size + wanted.size > MAX_SEGMENT_READS_PER_REQUEST) {
      throw tooManySegmentReads(segmentReads.size + wanted.size);
    }
    for (const key of wanted) segmentReads.add(key);
  }

  get taskingById(): DataLoader<TaskingRef, Tasking | null, string> {
    this.taskingLoader ??= new DataLoader<TaskingRef, Tasking | null, string>(
      (refs) => loadTaskings(this.orderApi, refs),
      { cacheKeyFn: refKey, maxBatchSize: TASKINGS_PER_LIST_CALL },
    );
    return this.taskingLoader;
  }

  /**
   * The credential's contracts, read once per request (through the catalogue cache). Memoised for
   * the request, not only per batch, so ids asked for in later ticks reuse the list.
   */
  contracts(): Promise<Contract[]> {
    this.contractsOfRequest ??= this.orderApi.contracts();
    return this.contractsOfRequest;
  }

  get marketsOf(): DataLoader<string, Market[]> {
    this.marketsLoader ??= new DataLoader<string, Market[]>((contractIds) =>
      Promise.all(contractIds.map((id) => this.orderApi.markets(id).catch((error: Error) => error))),
    );
    return this.marketsLoader;
  }

  get deliveryTypesOf(): DataLoader<string, DeliveryType[]> {
    this.deliveryTypesLoader ??= new DataLoader<string, DeliveryType[]>((contractIds) =>
      Promise.all(contractIds.map((id) => this.orderApi.deliveryTypes(id).catch((error: Error) => error))),
    );
    return this.deliveryTypesLoader;
  }

  get contractById(): DataLoader<string, Contract | null> {
    this.contractLoader ??= new DataLoader<string, Contract | null>(async (ids) => {
      const byId = new Map((await this.contracts()).map((contract) => [contract.id, contract]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return this.contractLoader;
  }
}

function tooManySegmentReads(needed: number): GatewayError {
  return badUserInput(
    'segments',
    `this request would read the segments of ${needed} taskings; at most ${MAX_SEGMENT_READS_PER_REQUEST} per request (each is one OneAtlas call). Ask for fewer taskings (first: ${MAX_SEGMENT_READS_PER_REQUEST}), or select segments on fewer of them`,
  );
}

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
          { ...ALL_TASKINGS, taskingIds: uniqueIds },
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
