import { describe, expect, it } from 'vitest';
import {
  contractsFromWire,
  imagePageFromWire,
  productionOptionsFromWire,
  productTypesFromWire,
} from '../../../../src/datasources/oneatlas/wire/catalogue.mapping.js';
import { progCapacitiesFromWire } from '../../../../src/datasources/oneatlas/wire/feasibility.mapping.js';
import {
  placedOrderFromWire,
  priceFromWire,
} from '../../../../src/datasources/oneatlas/wire/order.mapping.js';
import {
  MALFORMED_RESPONSE,
  mapAnswer,
  WireShapeError,
} from '../../../../src/datasources/oneatlas/wire/shape.js';
import {
  segmentsFromWire,
  taskingFromWire,
  taskingsPageFromWire,
} from '../../../../src/datasources/oneatlas/wire/tasking.mapping.js';
import { UpstreamError } from '../../../../src/datasources/upstream-errors.js';
import {
  attemptsResponse,
  orderResponse,
  segmentsResponse,
  spotOnePlanPriceResponse,
  taskingsResponse,
} from '../../../fixtures/guide-samples.js';

/** Well-formed JSON of the wrong shape: each mapping names what is missing instead of failing inside. */
describe('upstream answers are checked at the wire boundary', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const guideTasking = () =>
    structuredClone(taskingsResponse().taskings[0]) as unknown as Record<string, unknown>;

  it.each<[string, () => unknown, string]>([
    ['contracts without `contracts`', () => contractsFromWire({ notContracts: [] }), 'answer.contracts'],
    [
      'a contract without id',
      () => contractsFromWire({ contracts: [{ name: 'x' }] }),
      'answer.contracts[0].contractId',
    ],
    ['contracts as null', () => contractsFromWire(null), 'answer'],
    [
      'product types as a string',
      () => productTypesFromWire({ productTypes: 'none' }),
      'answer.productTypes',
    ],
    [
      'a product type without technicalProduct',
      () => productTypesFromWire({ productTypes: [{ productTypeId: 'P', minimumOrderAreaApplied: 1 }] }),
      'answer.productTypes[0].technicalProduct',
    ],
    ['options without a list', () => productionOptionsFromWire({}), 'answer.availableOptions'],
    [
      'capacities without a list',
      () => progCapacitiesFromWire({ progCapacities: {} }),
      'answer.progCapacities',
    ],
    [
      'a capacity of an unknown mission',
      () => progCapacitiesFromWire({ progCapacities: [{ mission: 'LANDSAT', progTypes: [] }] }),
      'answer.progCapacities[0].mission',
    ],
    [
      'an attempt whose footprint is not WKT',
      () => {
        const wire = attemptsResponse();
        const segment = wire.progCapacities[0]?.progTypes[0]?.segments?.[0];
        if (segment) segment.footprint.geometry = 'not wkt';
        return progCapacitiesFromWire(wire);
      },
      'answer.progCapacities[0].progTypes[0].segments[0].footprint.geometry',
    ],
    [
      'a price without its total',
      () => priceFromWire({ ...spotOnePlanPriceResponse('C'), totalAmount: '12' }),
      'answer.totalAmount',
    ],
    [
      'an order without salesOrderId',
      () => placedOrderFromWire({ currency: 'EUR' }, 'ref'),
      'answer.salesOrderId',
    ],
    ['a tasking with icr null', () => taskingFromWire({ icr: null }, 'C', 'ICR_1', at), 'answer.icr'],
    [
      'a tasking without its segment counts',
      () => {
        const wire = guideTasking();
        delete (wire.icr as Record<string, unknown>).nbTotalSegments;
        return taskingFromWire(wire, 'C', 'ICR_1', at);
      },
      'answer.icr.nbTotalSegments',
    ],
    [
      'a tasking with an unreadable period',
      () => {
        const wire = guideTasking();
        (wire.icr as Record<string, unknown>).period = { startDate: 'soon', endDate: 'later' };
        return taskingFromWire(wire, 'C', 'ICR_1', at);
      },
      'answer.icr.period.startDate',
    ],
    [
      'a taskings page without taskings',
      () => taskingsPageFromWire({ items: [] }, 'C', at),
      'answer.taskings',
    ],
    ['segments without a list', () => segmentsFromWire({ segments: null }, 'C', 'T', at), 'answer.segments'],
    [
      'a segment without id',
      () => segmentsFromWire({ segments: [{ status: 'Proposed' }] }, 'C', 'T', at),
      'answer.segments[0].id',
    ],
    [
      'images without features',
      () => imagePageFromWire({ type: 'FeatureCollection' }, 'WS'),
      'answer.features',
    ],
  ])('%s', (_, map, where) => {
    expect(map).toThrow(WireShapeError);
    try {
      map();
    } catch (error) {
      expect((error as WireShapeError).where).toBe(where);
    }
  });

  it('still maps the guide samples', () => {
    expect(taskingsPageFromWire(taskingsResponse(), 'C', at).items).toHaveLength(
      taskingsResponse().taskings.length,
    );
    expect(segmentsFromWire(segmentsResponse(), 'C', 'T', at)).toHaveLength(
      segmentsResponse().segments.length,
    );
    expect(placedOrderFromWire(orderResponse('SAL1'), 'ref').salesOrderId).toBe('SAL1');
    expect(progCapacitiesFromWire(attemptsResponse())).toHaveLength(1);
  });

  it('reports a wrong shape as the upstream unavailable with upstreamCode MALFORMED_RESPONSE, naming only the path', () => {
    const secret = 'Bearer eyJ-secret';
    let caught: unknown;
    try {
      mapAnswer('order', () => contractsFromWire({ notContracts: [secret] }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UpstreamError);
    const error = caught as UpstreamError;
    expect(error.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      upstreamCode: MALFORMED_RESPONSE,
    });
    expect(error.message).toBe(
      'The OneAtlas order API sent an answer of the wrong shape (answer.contracts: expected an array).',
    );
    expect(error.message).not.toContain('secret');
  });

  it('lets other failures through as they are', () => {
    expect(() =>
      mapAnswer('order', () => {
        throw new RangeError('a bug');
      }),
    ).toThrow(RangeError);
  });
});
