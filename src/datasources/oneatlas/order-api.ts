import type {
  Contract,
  DeliveryType,
  Market,
  Page,
  ProductionOption,
  ProductionOptionsQuery,
  ProductType,
} from '../../domain/catalogue.js';
import type { ProgCapacity, TaskingSearch } from '../../domain/feasibility.js';
import type { Order, OrderRequest, Price } from '../../domain/order.js';
import { ALL_TASKINGS, type Segment, type Tasking, type TaskingFilter } from '../../domain/tasking.js';
import { ErrorCode } from '../../errors.js';
import type { Lifetime, Load, ReadCache } from '../http/read-cache.js';
import type { RequestScope } from '../http/request-scope.js';
import { CallPriority } from '../http/scheduler.js';
import {
  requestKey,
  type UpstreamCalls,
  type UpstreamRequest,
  upstreamPath,
} from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { UpstreamError } from '../upstream-errors.js';
import { decideProposal } from './proposal-decision.js';
import {
  contractsFromWire,
  deliveryTypesFromWire,
  marketsFromWire,
  productionOptionsFromWire,
  productTypesFromWire,
} from './wire/catalogue.mapping.js';
import { missionFromWire, progCapacitiesFromWire, taskingSearchToWire } from './wire/feasibility.mapping.js';
import { polygonToWire } from './wire/geometry.mapping.js';
import { orderRequestToWire, placedOrderFromWire, priceFromWire } from './wire/order.mapping.js';
import { checkedAnswer, WireShapeError } from './wire/shape.js';
import {
  segmentFromWire,
  segmentsFromWire,
  taskingFilterToQuery,
  taskingFromWire,
  taskingsPageFromWire,
} from './wire/tasking.mapping.js';
import type { WireOptionsRequest } from './wire/types.js';

/** How long answers are reused, in milliseconds (0: identical concurrent reads are still shared). */
export interface ReadTtls {
  /** Contracts, product types, production options: they change rarely. */
  catalogueMs: number;
  /** Taskings and segments: they change as Airbus works, so only briefly. */
  taskingMs: number;
  /** How long past `taskingMs` taskings and segments are still served while one background read replaces them. */
  taskingStaleMs: number;
}

/** The upstream's label for a decided segment (the API notes: "Proposed", "Validated", "Refused"). */
const DECIDED_STATUS: Record<'accept' | 'refuse', string> = { accept: 'Validated', refuse: 'Refused' };

/** The decided segment when the upstream's answer to a decision is that segment; null for anything else. */
function segmentIfOne(
  answer: unknown,
  segmentId: string,
  contractId: string,
  taskingId: string,
  fetchedAt: Date,
): Segment | null {
  try {
    const segment = segmentFromWire(answer, contractId, taskingId, fetchedAt);
    return segment.id === segmentId ? segment : null;
  } catch (error) {
    if (error instanceof WireShapeError) return null;
    throw error;
  }
}

/** What ERR_NO_SENSOR_AVAILABLE, which comes without a message, means (notes §2.2). */
const NO_PASS_MESSAGE =
  'No pass in the window: no satellite passes over the AOI within 7 days of its start (and before its end), within the constraints; try a later or longer window or looser constraints';

/** Feasibility and attempts are answers to a question asked now: shared while in flight, never kept. */
const SHARED_IN_FLIGHT: Lifetime = { ttlMs: 0 };

/**
 * A price is kept for a minute: `createOrder` prices the order again for its spending guard, and the
 * price a client was just shown is the one to check, without a second call at 1 call per second.
 */
const JUST_QUOTED: Lifetime = { ttlMs: 60_000 };

/**
 * The OneAtlas order API (order.api.oneatlas.airbus.com/api/v1): one method per upstream operation.
 * Reads go through the shared ReadCache (identical concurrent reads share one call; catalogue and
 * tracking answers are kept for their TTL, tracking ones then served stale while refreshed in the
 * background); the gateway's own mutations drop what they may change.
 */
export class OrderApi {
  private readonly catalogue: Lifetime;
  /** Taskings and segments: they say when they were read (`fetchedAt`), so a stale answer tells its age. */
  private readonly tracking: Lifetime;

  constructor(
    private readonly client: UpstreamCalls,
    private readonly cache: ReadCache,
    private readonly ttl: ReadTtls,
  ) {
    this.catalogue = { ttlMs: ttl.catalogueMs };
    this.tracking = { ttlMs: ttl.taskingMs, staleMs: ttl.taskingStaleMs };
  }

  /** This API as `scope`'s request uses it: each of its calls takes that request's turn, budget and deadline. */
  forRequest(scope: RequestScope): OrderApi {
    return new OrderApi(this.client.forRequest(scope), this.cache.forRequest(scope), this.ttl);
  }

  feasibility(search: TaskingSearch): Promise<ProgCapacity[]> {
    return this.read(
      { method: 'POST', path: '/feasibility', body: taskingSearchToWire(search), repeatable: true },
      SHARED_IN_FLIGHT,
      progCapacitiesFromWire,
    );
  }

  attempts(search: TaskingSearch): Promise<ProgCapacity[]> {
    const body = taskingSearchToWire(search);
    const request: UpstreamRequest = { method: 'POST', path: '/attempts', body, repeatable: true };
    return this.cache.read(requestKey(request), SHARED_IN_FLIGHT, async (priority) => {
      try {
        return await this.client.request(
          { ...request, priority },
          checkedAnswer('order', progCapacitiesFromWire),
        );
      } catch (error) {
        // The upstream answers "no pass at all" with an HTTP 500 and no message; for a client that is an
        // empty result, whose issue says in words what the code means.
        if (error instanceof UpstreamError && error.upstreamCode === 'ERR_NO_SENSOR_AVAILABLE') {
          return (body.missions ?? []).map((mission) => ({
            mission: missionFromWire(mission),
            progTypes: search.progTypes.map((name) => ({
              name,
              mission: missionFromWire(mission),
              available: false,
              feasibility: null,
              attempts: [],
              errors: [
                { code: 'ERR_NO_SENSOR_AVAILABLE', locator: error.locator ?? null, message: NO_PASS_MESSAGE },
              ],
            })),
          }));
        }
        throw error;
      }
    });
  }

  /**
   * What the order would cost. `reuse: 'just-quoted'` (the default) may answer a price quoted in the
   * last minute for the same input; `'fresh'` always asks, for an approval that may come hours later.
   */
  price(order: OrderRequest, reuse: 'just-quoted' | 'fresh' = 'just-quoted'): Promise<Price> {
    const request: UpstreamRequest = {
      method: 'POST',
      path: '/prices',
      body: orderRequestToWire(order),
      repeatable: true,
    };
    if (reuse === 'just-quoted') return this.read(request, JUST_QUOTED, priceFromWire);
    return this.loader(request, priceFromWire)(CallPriority.INTERACTIVE);
  }

  /**
   * One POST /orders, never repeated here: a lost answer does not mean a lost order. Callers go
   * through OrderPlacement, which journals the attempt and reconciles unknown outcomes.
   * `onDispatch` runs, and is awaited, when the request is about to leave (not when it is refused
   * before); when it throws, nothing is sent.
   */
  async placeOrder(order: OrderRequest, onDispatch: () => Promise<void>): Promise<Order> {
    try {
      // A placed order whose answer is unreadable is of unknown outcome, like a lost answer.
      return await this.client.request(
        {
          method: 'POST',
          path: '/orders',
          body: orderRequestToWire(order),
          priority: CallPriority.CRITICAL,
          repeatable: false,
          onDispatch,
        },
        checkedAnswer('order', (answer) => placedOrderFromWire(answer, order.customerReference)),
      );
    } finally {
      // Whatever the answer, the order may exist now: the contract's taskings changed. Only those are
      // dropped: every poller waits for what is dropped, behind the orders at 1 call/s, and nothing
      // else the schema serves (contracts, catalogue, other contracts' taskings) changes with an order.
      await this.dropTaskings(order.contractId);
    }
  }

  /** The contract's taskings with this customer reference, read fresh (reconciliation of orders). */
  async taskingsByCustomerReference(
    contractId: string,
    customerReference: string,
    priority: CallPriority,
  ): Promise<Tasking[]> {
    const { load } = this.taskingsPage(contractId, { ...ALL_TASKINGS, customerReference }, 1, 100);
    return (await load(priority)).items;
  }

  /** One tasking read fresh (never from the cache): what cancelling it rests on; null when unknown. */
  async taskingNow(contractId: string, taskingId: string): Promise<Tasking | null> {
    const { load } = this.taskingsPage(contractId, { ...ALL_TASKINGS, taskingIds: [taskingId] }, 1, 1);
    return (await load(CallPriority.CRITICAL)).items.find((tasking) => tasking.id === taskingId) ?? null;
  }

  /** POST …/taskings/{id}/cancel (notes §2.4): sent once; callers journal it (at most once per tasking). */
  async cancelTasking(
    contractId: string,
    taskingId: string,
    onDispatch: () => void | Promise<void>,
  ): Promise<void> {
    try {
      await this.client.request({
        method: 'POST',
        path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/cancel`,
        priority: CallPriority.CRITICAL,
        repeatable: false,
        onDispatch,
        anyAnswer: true,
      });
    } finally {
      // Its status changed, even when the answer was lost.
      await this.dropTaskings(contractId);
    }
  }

  contracts(): Promise<Contract[]> {
    return this.read({ method: 'GET', path: '/contracts' }, this.catalogue, contractsFromWire);
  }

  /** The markets an order on the contract may name (`primaryMarket`, `secondaryMarket`). */
  markets(contractId: string): Promise<Market[]> {
    return this.contractReference(contractId, 'properties', marketsFromWire);
  }

  /** How the contract's imagery may be delivered. */
  deliveryTypes(contractId: string): Promise<DeliveryType[]> {
    return this.contractReference(contractId, 'deliveryTypes', deliveryTypesFromWire);
  }

  productTypes(contractId: string): Promise<ProductType[]> {
    return this.read(
      { method: 'GET', path: upstreamPath`/contracts/${contractId}/productTypes` },
      this.catalogue,
      productTypesFromWire,
    );
  }

  productionOptions(query: ProductionOptionsQuery): Promise<ProductionOption[]> {
    const body: WireOptionsRequest = {
      aoi: query.aois.map(({ id, geometry }) => ({ polygonId: id, geometry: polygonToWire(geometry) })),
    };
    return this.read(
      {
        method: 'POST',
        path: upstreamPath`/contracts/${query.contractId}/productTypes/${query.productTypeId}/options`,
        body,
        repeatable: true,
      },
      this.catalogue,
      productionOptionsFromWire,
    );
  }

  taskings(contractId: string, filter: TaskingFilter, slice: Slice): Promise<Page<Tasking>> {
    return readSlice(slice, (startPage, count) => {
      const { key, load } = this.taskingsPage(contractId, filter, startPage, count);
      return this.cache.read(key, this.tracking, load);
    });
  }

  async tasking(contractId: string, taskingId: string): Promise<Tasking | null> {
    try {
      return await this.read(
        { method: 'GET', path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}` },
        this.tracking,
        // Kept with the answer, so a cached tasking tells how old it is.
        (answer) => taskingFromWire(answer, contractId, taskingId, new Date()),
      );
    } catch (error) {
      if (error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  segments(contractId: string, taskingId: string): Promise<Segment[]> {
    return this.read(
      { method: 'GET', path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments` },
      this.tracking,
      // Kept with the answer, so cached segments tell how old they are.
      (answer) => segmentsFromWire(answer, contractId, taskingId, new Date()),
    );
  }

  /**
   * Accepts or refuses a proposed segment. The guide documents no answer body, so any 2xx (204, `{}`,
   * something else) is the decision taken. The segment answered is the one the upstream sent back
   * when it did, else a fresh read of the tasking's segments, else (that read failing or not listing
   * it) the decided status alone; `fetchedAt` says when each was learnt. A failure is checked on the
   * segment read afresh (`decideProposal`): one showing the decision answers it as taken.
   */
  decideSegment(
    decision: 'accept' | 'refuse',
    contractId: string,
    taskingId: string,
    segmentId: string,
  ): Promise<Segment> {
    const decided = DECIDED_STATUS[decision];
    return decideProposal({
      send: async () => {
        try {
          const answer = await this.client.request({
            method: 'POST',
            path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments/${segmentId}/${decision}`,
            priority: CallPriority.CRITICAL,
            anyAnswer: true,
          });
          return segmentIfOne(answer, segmentId, contractId, taskingId, new Date());
        } finally {
          // The segment's status and the tasking's counts may have changed, even when the answer was lost.
          await this.dropTaskings(contractId);
        }
      },
      readNow: async () => {
        const fresh = await this.client.request(
          {
            method: 'GET',
            path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments`,
            priority: CallPriority.CRITICAL,
          },
          checkedAnswer('order', (answer) => segmentsFromWire(answer, contractId, taskingId, new Date())),
        );
        return fresh.find((segment) => segment.id === segmentId);
      },
      // The upstream's own text: its case is not promised.
      taken: (segment) => segment.status.toLowerCase() === decided.toLowerCase(),
      assumed: () => ({
        id: segmentId,
        taskingId,
        contractId,
        status: decided,
        catalogId: null,
        footprint: null,
        incidenceAngle: null,
        clearSkyRate: null,
        acquisitionDate: null,
        fetchedAt: new Date(),
      }),
    });
  }

  /**
   * Forgets the contract's cached taskings (and their segments) on every replica, before the caller of
   * a mutation is answered: another replica must not serve the state from before it.
   */
  private dropTaskings(contractId: string): Promise<void> {
    return this.cache.invalidate(`GET ${upstreamPath`/contracts/${contractId}/taskings`}`);
  }

  /** One page of the taskings list: its cache key, and how to read it (fresh, at a given priority). */
  private taskingsPage(
    contractId: string,
    filter: TaskingFilter,
    startPage: number,
    count: number,
  ): { key: string; load: Load<{ items: Tasking[]; total: number | null }> } {
    const request: UpstreamRequest = {
      method: 'GET',
      path: upstreamPath`/contracts/${contractId}/taskings`,
      query: taskingFilterToQuery(filter, { startPage, count }),
    };
    const load = (priority: CallPriority) =>
      this.client.request(
        { ...request, priority },
        checkedAnswer('order', (answer) => taskingsPageFromWire(answer, contractId, new Date())),
      );
    return { key: requestKey(request), load };
  }

  /**
   * A contract's reference data at `/{cis}/{resource}`, as the notes document it, else (on a 404)
   * at `/contracts/{cis}/{resource}`, where some guides put it. One cached read answers both ways;
   * a contract unknown at both is NOT_FOUND.
   */
  private contractReference<T>(
    contractId: string,
    resource: 'properties' | 'deliveryTypes',
    map: (answer: unknown) => T,
  ): Promise<T> {
    const documented: UpstreamRequest = { method: 'GET', path: upstreamPath`/${contractId}/${resource}` };
    const prefixed: UpstreamRequest = {
      method: 'GET',
      path: upstreamPath`/contracts/${contractId}/${resource}`,
    };
    return this.cache.read(requestKey(documented), this.catalogue, async (priority) => {
      try {
        return await this.loader(documented, map)(priority);
      } catch (error) {
        if (!(error instanceof UpstreamError) || error.code !== ErrorCode.NOT_FOUND) throw error;
        return this.loader(prefixed, map)(priority);
      }
    });
  }

  /** A read through the cache, at the priority it gives: the mapped answer is what is shared and kept. */
  private read<T>(request: UpstreamRequest, lifetime: Lifetime, map: (answer: unknown) => T): Promise<T> {
    return this.cache.read(requestKey(request), lifetime, this.loader(request, map));
  }

  /** One upstream call at the priority it is given, its answer checked and mapped. */
  private loader<T>(
    request: UpstreamRequest,
    map: (answer: unknown) => T,
  ): (priority: CallPriority) => Promise<T> {
    return (priority) => this.client.request({ ...request, priority }, checkedAnswer('order', map));
  }
}
