/** The order API under /api/v1 (guide steps 2–6, "Track your orders", "Accept or refuse an acquisition"). */
import { type Request, Router } from 'express';
import type {
  WireContractsResponse,
  WireDeliveryTypesResponse,
  WireOptionsResponse,
  WireProductTypesResponse,
  WirePropertiesResponse,
  WireSegmentsResponse,
  WireTaskingsResponse,
} from '../datasources/oneatlas/wire/types.js';
import { DELIVERY_TYPES, findProductType, MARKETS, productionOptions, toWireProductType } from './catalog.js';
import { parsePolygon } from './geometry.js';
import {
  cancelTasking,
  decideSegment,
  settleAll,
  settleTasking,
  toWireSegment,
  toWireTasking,
} from './lifecycle.js';
import { createQuotation, toWireQuotation } from './neo-lifecycle.js';
import { parseOrderRequest } from './order-request.js';
import { placeOrder } from './orders.js';
import { priceOf } from './pricing.js';
import { findContract, isRecord, numberish, parseTaskingSearch } from './request-parsing.js';
import { type ContractRecord, type SimulatorState, simulatedNow, type TaskingRecord } from './state.js';
import type { StateStore } from './store.js';
import { parseTaskingListQuery } from './tasking-list.js';
import { attemptCapacities, feasibilityCapacities } from './tasking-search.js';
import { badRequest, contractNotFoundMessage, notFound } from './upstream-error.js';

function contractFromPath(state: SimulatorState, contractId: string): ContractRecord {
  const contract = findContract(state.contracts, contractId);
  if (contract === undefined) throw notFound(contractNotFoundMessage(contractId), 'CONTRACT_NOT_FOUND');
  return contract;
}

function taskingFromPath(state: SimulatorState, contractId: string, taskingId: string): TaskingRecord {
  contractFromPath(state, contractId);
  const tasking = state.taskings.find(
    (candidate) => candidate.id === taskingId && candidate.contractId === contractId,
  );
  if (tasking === undefined) throw notFound(`Tasking '${taskingId}' not found.`, 'TASKING_NOT_FOUND');
  settleTasking(state, tasking, simulatedNow(state));
  return tasking;
}

function listTaskings(
  state: SimulatorState,
  contractId: string,
  query: Request['query'],
): WireTaskingsResponse {
  contractFromPath(state, contractId);
  const { matches, compare, count, startPage } = parseTaskingListQuery(query);
  settleAll(state, simulatedNow(state));
  const matching = state.taskings
    .filter((tasking) => tasking.contractId === contractId && matches(tasking))
    .sort(compare);
  const page = matching.slice((startPage - 1) * count, startPage * count);
  return { taskings: page.map(toWireTasking), totalResults: matching.length, startPage, count };
}

function parseOptionsRequest(
  body: unknown,
): { polygonId: number; geometry: ReturnType<typeof parsePolygon> }[] {
  if (!isRecord(body) || !Array.isArray(body.aoi) || body.aoi.length === 0) {
    throw badRequest('The body must be {aoi: [{polygonId, geometry}]}.', 'MALFORMED_BODY');
  }
  return body.aoi.map((entry: unknown, index) => {
    const polygonId = isRecord(entry) ? numberish(entry.polygonId) : undefined;
    if (!isRecord(entry) || polygonId === undefined || !Number.isInteger(polygonId)) {
      throw badRequest(`aoi[${index}].polygonId must be an integer.`, 'MALFORMED_BODY');
    }
    return { polygonId, geometry: parsePolygon(entry.geometry, `aoi[${index}].geometry`) };
  });
}

export function orderApiRouter(store: StateStore): Router {
  const router = Router();

  router.post('/feasibility', (req, res) => {
    const search = store.view((state) => parseTaskingSearch(req.body, state.contracts, simulatedNow(state)));
    res.json(feasibilityCapacities(search));
  });

  router.post('/attempts', (req, res) => {
    const capacities = store.view((state) => {
      const nowMs = simulatedNow(state);
      return attemptCapacities(
        parseTaskingSearch(req.body, state.contracts, nowMs),
        nowMs,
        store.segmentKeySecret,
      );
    });
    res.json(capacities);
  });

  router.post('/prices', (req, res) => {
    const order = store.view((state) =>
      parseOrderRequest(req.body, state.contracts, store.segmentKeySecret, 'price', simulatedNow(state)),
    );
    const manual = order.lines.find((line) => line.requiresManualFeasibility);
    if (manual !== undefined) {
      // guide step 4: "Price can be calculated ONLY for orders that does not require feasibility study".
      throw badRequest(
        `${manual.productType.productTypeId} with a manual feasibility study has no price before the study.`,
        'PRICE_NEEDS_FEASIBILITY_STUDY',
      );
    }
    res.status(201).json(priceOf(order));
  });

  router.post('/orders', (req, res) => {
    const created = store.transact((state) => {
      const nowMs = simulatedNow(state);
      const order = parseOrderRequest(req.body, state.contracts, store.segmentKeySecret, 'order', nowMs);
      // notes §2.3: POST /orders "returns 201 with salesOrderId ("SAL…") for SPOT/PHR, or quotationId
      // for Neo": on a Neo contract it requests the quotation POST /quotations would, and answers alike.
      return order.contract.wire.backendSource === 'neo'
        ? toWireQuotation(createQuotation(state, order, req.body, nowMs))
        : placeOrder(state, order, req.body, nowMs);
    });
    res.status(201).json(created);
  });

  router.get('/contracts', (_req, res) => {
    const body: WireContractsResponse = {
      contracts: store.view((state) => state.contracts.map((contract) => contract.wire)),
    };
    res.json(body);
  });

  // notes §2.1: `/{cis}/properties` and `/{cis}/deliveryTypes`; some guides add a `contracts/` prefix,
  // and both spellings answer here.
  for (const prefix of ['', '/contracts']) {
    router.get(`${prefix}/:contractId/properties`, (req, res) => {
      store.view((state) => contractFromPath(state, req.params.contractId));
      const body: WirePropertiesResponse = { markets: structuredClone([...MARKETS]) };
      res.json(body);
    });
    router.get(`${prefix}/:contractId/deliveryTypes`, (req, res) => {
      store.view((state) => contractFromPath(state, req.params.contractId));
      const body: WireDeliveryTypesResponse = { deliveryTypes: [...DELIVERY_TYPES] };
      res.json(body);
    });
  }

  router.get('/contracts/:contractId/productTypes', (req, res) => {
    const contract = store.view((state) => contractFromPath(state, req.params.contractId));
    const body: WireProductTypesResponse = {
      productTypes: contract.productTypeIds.flatMap((id) => {
        const definition = findProductType(id);
        return definition === undefined ? [] : [toWireProductType(definition)];
      }),
    };
    res.json(body);
  });

  router.post('/contracts/:contractId/productTypes/:productTypeId/options', (req, res) => {
    const contract = store.view((state) => contractFromPath(state, req.params.contractId));
    if (!contract.productTypeIds.includes(req.params.productTypeId)) {
      throw notFound(`Unknown productTypeId '${req.params.productTypeId}'.`, 'PRODUCT_TYPE_NOT_FOUND');
    }
    const body: WireOptionsResponse = { availableOptions: productionOptions(parseOptionsRequest(req.body)) };
    res.json(body);
  });

  router.get('/contracts/:contractId/taskings', (req, res) => {
    res.json(store.transact((state) => listTaskings(state, req.params.contractId, req.query)));
  });

  router.get('/contracts/:contractId/taskings/:taskingId', (req, res) => {
    const { contractId, taskingId } = req.params;
    res.json(store.transact((state) => toWireTasking(taskingFromPath(state, contractId, taskingId))));
  });

  router.get('/contracts/:contractId/taskings/:taskingId/segments', (req, res) => {
    const { contractId, taskingId } = req.params;
    const body: WireSegmentsResponse = {
      segments: store.transact((state) =>
        taskingFromPath(state, contractId, taskingId).segments.map(toWireSegment),
      ),
    };
    res.json(body);
  });

  router.post('/contracts/:contractId/taskings/:taskingId/cancel', (req, res) => {
    const { contractId, taskingId } = req.params;
    const tasking = store.transact((state) =>
      cancelTasking(state, taskingFromPath(state, contractId, taskingId), simulatedNow(state)),
    );
    res.json(toWireTasking(tasking));
  });

  router.post('/contracts/:contractId/taskings/:taskingId/segments/:segmentId/:decision', (req, res) => {
    const { contractId, taskingId, segmentId, decision } = req.params;
    if (decision !== 'accept' && decision !== 'refuse')
      throw notFound(`No route for ${req.method} ${req.path}.`);
    const segment = store.transact((state) =>
      decideSegment(
        state,
        taskingFromPath(state, contractId, taskingId),
        segmentId,
        decision,
        simulatedNow(state),
      ),
    );
    res.json(toWireSegment(segment));
  });

  return router;
}
