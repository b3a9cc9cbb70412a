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
import { type UpstreamClient, upstreamPath } from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { UpstreamError } from './errors.js';
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

/** The OneAtlas order API (order.api.oneatlas.airbus.com/api/v1): one method per upstream operation. */
export class OrderApi {
  constructor(private readonly client: UpstreamClient) {}

  async feasibility(search: TaskingSearch): Promise<ProgCapacity[]> {
    const wire = await this.client.request<WireProgCapacities>({
      method: 'POST',
      path: '/feasibility',
      body: taskingSearchToWire(search),
    });
    return progCapacitiesFromWire(wire);
  }

  async attempts(search: TaskingSearch): Promise<ProgCapacity[]> {
    const body = taskingSearchToWire(search);
    try {
      const wire = await this.client.request<WireProgCapacities>({ method: 'POST', path: '/attempts', body });
      return progCapacitiesFromWire(wire);
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
  }

  async price(order: OrderRequest): Promise<Price> {
    const wire = await this.client.request<WirePriceResponse>({
      method: 'POST',
      path: '/prices',
      body: orderRequestToWire(order),
    });
    return priceFromWire(wire);
  }

  async createOrder(order: OrderRequest): Promise<Order> {
    const wire = await this.client.request<WireOrderResponse>({
      method: 'POST',
      path: '/orders',
      body: orderRequestToWire(order),
    });
    return placedOrderFromWire(wire, order.customerReference);
  }

  async contracts(): Promise<Contract[]> {
    const wire = await this.client.request<WireContractsResponse>({ method: 'GET', path: '/contracts' });
    return wire.contracts.map(contractFromWire);
  }

  async productTypes(contractId: string): Promise<ProductType[]> {
    const wire = await this.client.request<WireProductTypesResponse>({
      method: 'GET',
      path: upstreamPath`/contracts/${contractId}/productTypes`,
    });
    return wire.productTypes.map(productTypeFromWire);
  }

  async productionOptions(query: ProductionOptionsQuery): Promise<ProductionOption[]> {
    const body: WireOptionsRequest = { aoi: [{ polygonId: 1, geometry: polygonToWire(query.aoi) }] };
    const wire = await this.client.request<WireOptionsResponse>({
      method: 'POST',
      path: upstreamPath`/contracts/${query.contractId}/productTypes/${query.productTypeId}/options`,
      body,
    });
    return wire.availableOptions.map(productionOptionFromWire);
  }

  async taskings(contractId: string, filter: TaskingFilter, slice: Slice): Promise<Page<Tasking>> {
    return readSlice(slice, async (startPage, count) => {
      const wire = await this.client.request<WireTaskingsResponse>({
        method: 'GET',
        path: upstreamPath`/contracts/${contractId}/taskings`,
        query: taskingFilterToQuery(filter, { startPage, count }),
      });
      const fetchedAt = new Date();
      return {
        items: wire.taskings.map((tasking) => taskingFromWire(tasking, contractId, fetchedAt)),
        total: wire.totalResults ?? null,
      };
    });
  }

  async tasking(contractId: string, taskingId: string): Promise<Tasking | null> {
    try {
      const wire = await this.client.request<WireTasking>({
        method: 'GET',
        path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}`,
      });
      return taskingFromWire(wire, contractId, new Date());
    } catch (error) {
      if (error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  async segments(contractId: string, taskingId: string): Promise<Segment[]> {
    const wire = await this.client.request<WireSegmentsResponse>({
      method: 'GET',
      path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments`,
    });
    return wire.segments.map((item) => segmentFromWire(item, contractId, taskingId));
  }

  async decideSegment(
    decision: 'accept' | 'refuse',
    contractId: string,
    taskingId: string,
    segmentId: string,
  ): Promise<Segment> {
    const wire = await this.client.request<WireSegment>({
      method: 'POST',
      path: upstreamPath`/contracts/${contractId}/taskings/${taskingId}/segments/${segmentId}/${decision}`,
    });
    return segmentFromWire(wire, contractId, taskingId);
  }
}
