import type {
  Contract,
  Page,
  ProductionOption,
  ProductionOptionsQuery,
  ProductType,
} from '../../domain/catalogue.js';
import type { ProgCapacity, TaskingSearch } from '../../domain/feasibility.js';
import type { Order, OrderRequest, Price } from '../../domain/order.js';
import type { Segment, Tasking, TaskingFilter } from '../../domain/tasking.js';
import { ErrorCode } from '../../errors.js';
import type { Lifetime, Load, ReadCache } from '../http/read-cache.js';
import { CallPriority } from '../http/scheduler.js';
import {
  requestKey,
  type UpstreamClient,
  type UpstreamRequest,
  upstreamPath,
} from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { UpstreamError } from '../upstream-errors.js';
import { contractFromWire, productionOptionFromWire, productTypeFromWire } from './wire/catalogue.mapping.js';
import { missionFromWire, progCapacitiesFromWire, taskingSearchToWire } from './wire/feasibility.mapping.js';
import { polygonToWire } from './wire/geometry.mapping.js';
import { orderRequestToWire, placedOrderFromWire, priceFromWire } from './wire/order.mapping.js';
import { segmentFromWire, taskingFilterToQuery, taskingFromWire } from './wire/tasking.mapping.js';
import type {
  WireContractsResponse,
  WireOptionsRequest,
  WireOptionsResponse,
  WireOrderResponse,
  WirePriceResponse,
  WireProductTypesResponse,
  WireProgCapacities,
  WireSegment,
  WireSegmentsResponse,
  WireTasking,
  WireTaskingsResponse,
} from './wire/types.js';

/** How long answers are reused, in milliseconds (0: identical concurrent reads are still shared). */
export interface ReadTtls {
  /** Contracts, product types, production options: they change rarely. */
  catalogueMs: number;
  /** Taskings and segments: they change as Airbus works, so only briefly. */
  taskingMs: number;
  /** How long past `taskingMs` taskings and segments are still served while one background read replaces them. */
  taskingStaleMs: number;
}

/** Feasibility, attempts and prices are answers to a question asked now: shared while in flight, never kept. */
const SHARED_IN_FLIGHT: Lifetime = { ttlMs: 0 };

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
    private readonly client: UpstreamClient,
    private readonly cache: ReadCache,
    ttl: ReadTtls,
  ) {
    this.catalogue = { ttlMs: ttl.catalogueMs };
    this.tracking = { ttlMs: ttl.taskingMs, staleMs: ttl.taskingStaleMs };
  }

  feasibility(search: TaskingSearch): Promise<ProgCapacity[]> {
    return this.read<WireProgCapacities, ProgCapacity[]>(
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
        return progCapacitiesFromWire(
          await this.client.request<WireProgCapacities>({ ...request, priority }),
        );
      } catch (error) {
        // The upstream answers "no pass at all" with an HTTP 500; for a client that is an empty result.
        if (error instanceof UpstreamError && error.upstreamCode === 'ERR_NO_SENSOR_AVAILABLE') {
          return (body.missions ?? []).map((mission) => ({
            mission: missionFromWire(mission),
            progTypes: search.progTypes.map((name) => ({
              name,
              mission: missionFromWire(mission),
              available: false,
              feasibility: null,
              attempts: [],
              errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', locator: error.locator ?? null, message: null }],
            })),
          }));
        }
        throw error;
      }
    });
  }

  price(order: OrderRequest): Promise<Price> {
    return this.read<WirePriceResponse, Price>(
      { method: 'POST', path: '/prices', body: orderRequestToWire(order), repeatable: true },
      SHARED_IN_FLIGHT,
      priceFromWire,
    );
  }

  /**
   * One POST /orders, never repeated here: a lost answer does not mean a lost order. Callers go
   * through OrderPlacement, which journals the attempt and reconciles unknown outcomes.
   * `onDispatch` runs when the request actually leaves (not when it is refused before).
   */
  async placeOrder(order: OrderRequest, onDispatch: () => void): Promise<Order> {
    try {
      const wire = await this.client.request<WireOrderResponse>({
        method: 'POST',
        path: '/orders',
        body: orderRequestToWire(order),
        priority: CallPriority.CRITICAL,
        repeatable: false,
        onDispatch,
      });
      return placedOrderFromWire(wire, order.customerReference);
    } finally {
      // Whatever the answer, the order may exist now: its taskings and the contracts' credit changed.
      // Orders are rare, so dropping every cached contract read is cheaper than tracking which.
      this.cache.invalidate('GET /contracts');
    }
  }

  /** The contract's taskings with this customer reference, read fresh (reconciliation of orders). */
  async taskingsByCustomerReference(
    contractId: string,
    customerReference: string,
    priority: CallPriority,
  ): Promise<Tasking[]> {
    const { load } = this.taskingsPage(
      contractId,
      { customerReference, taskingIds: [], statuses: [] },
      1,
      100,
    );
    return (await load(priority)).items;
  }

  contracts(): Promise<Contract[]> {
    return this.read<WireContractsResponse, Contract[]>(
      { method: 'GET', path: '/contracts' },
      this.catalogue,
      (wire) => wire.contracts.map(contractFromWire),
    );
  }

  productTypes(contractId: string): Promise<ProductType[]> {
    return this.read<WireProductTypesResponse, ProductType[]>(
      { method: 'GET', path: upstreamPath`/contracts/${contractId}/productTypes` },
      this.catalogue,
      (wire) => wire.productTypes.map(productTypeFromWire),
    );
  }

  productionOptions(query: ProductionOptionsQuery): Promise<ProductionOption[]> {
    const body: WireOptionsRequest = { aoi: [{ polygonId: 1, geometry: polygonToWire(query.aoi) }] };
    return this.read<WireOptionsResponse, ProductionOption[]>(
      {
        method: 'POST',
        path: upstreamPath`/contracts/${query.contractId}/productTypes/${query.productTypeId}/options`,
        body,
        repeatable: true,
      },
      this.catalogue,
      (wire) => wire.availableOptions.map(productionOptionFromWire),
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
      return await this.read<WireTasking, Tasking>(
        { method: 'GET', path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}` },
        this.tracking,
        // Kept with the answer, so a cached tasking tells how old it is.
        (wire) => taskingFromWire(wire, contractId, new Date()),
      );
    } catch (error) {
      if (error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  segments(contractId: string, taskingId: string): Promise<Segment[]> {
    return this.read<WireSegmentsResponse, Segment[]>(
      { method: 'GET', path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments` },
      this.tracking,
      (wire) => {
        // Kept with the answer, so cached segments tell how old they are.
        const fetchedAt = new Date();
        return wire.segments.map((item) => segmentFromWire(item, contractId, taskingId, fetchedAt));
      },
    );
  }

  async decideSegment(
    decision: 'accept' | 'refuse',
    contractId: string,
    taskingId: string,
    segmentId: string,
  ): Promise<Segment> {
    try {
      const wire = await this.client.request<WireSegment>({
        method: 'POST',
        path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments/${segmentId}/${decision}`,
        priority: CallPriority.CRITICAL,
      });
      return segmentFromWire(wire, contractId, taskingId, new Date());
    } finally {
      // The segment's status and the tasking's counts may have changed, even when the answer was lost.
      this.cache.invalidate(`GET ${upstreamPath`/contracts/${contractId}/taskings`}`);
    }
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
    const load = async (priority: CallPriority) => {
      const wire = await this.client.request<WireTaskingsResponse>({ ...request, priority });
      const fetchedAt = new Date();
      return {
        items: wire.taskings.map((tasking) => taskingFromWire(tasking, contractId, fetchedAt)),
        total: wire.totalResults ?? null,
      };
    };
    return { key: requestKey(request), load };
  }

  /** A read through the cache, at the priority it gives: the mapped answer is what is shared and kept. */
  private read<W, T>(request: UpstreamRequest, lifetime: Lifetime, map: (wire: W) => T): Promise<T> {
    return this.cache.read(requestKey(request), lifetime, async (priority) =>
      map(await this.client.request<W>({ ...request, priority })),
    );
  }
}
