import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coverageItemsFromWire,
  coverageItemsQuery,
  lucenePhrase,
  orderItemsFromWire,
  orderItemsQuery,
  quotationFromWire,
} from '../../../src/datasources/oneatlas/wire/neo.mapping.js';
import { mapAnswer, WireShapeError } from '../../../src/datasources/oneatlas/wire/shape.js';
import { UpstreamError } from '../../../src/datasources/upstream-errors.js';
import type { NeoOrderItemFilter } from '../../../src/domain/neo.js';
import { ErrorCode } from '../../../src/errors.js';
// The simulator's parser is an independent reading of the same syntax: what the gateway builds must
// mean, to it, exactly what the filter says.
import { matchesQuery, parseQuery } from '../../../src/simulator/neo-query.js';

const FETCHED_AT = new Date('2022-02-01T00:00:00Z');
const ASKED = { contractId: 'CTR22000512', contractCurrency: 'USD' };

/** The order line of Airbus' "Track Your Orders" sample (PleiadesNeo specific collection), trimmed. */
const ORDER_LINE_SAMPLE = {
  contractId: 'CTR21000411',
  customerReference: 'my-ref',
  quotationId: 'QUO22006217',
  salesOrderId: 'SAL22005724',
  productType: 'PleiadesNeoTaskingOnePlan',
  aoi: {
    name: 'Polygon 1',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-27.306937758050495, 38.72168083627531],
          [-27.1970744768005, 38.72168083627531],
          [-27.1970744768005, 38.81590473156177],
          [-27.306937758050495, 38.81590473156177],
          [-27.306937758050495, 38.72168083627531],
        ],
      ],
    },
  },
  mission: 'pleiadesneo',
  status: 'CANCELLED',
  tasking: {
    maxIncidenceAngle: 50,
    acquisitionMode: 'MONOSCOPIC',
    period: [{ startDate: '2022-01-29T00:00:00Z', endDate: '2022-03-29T23:59:59Z' }],
    validatedArea: 0,
    validatedAreaPct: 0,
    nbProposedCoverageItems: 0,
    totalCoverageItems: 0,
  },
  quotationStatus: 'ACCEPTED',
  feasibilityStudyResult: { coverRate: 0, commitment: true },
  quotationEndOfValidityDate: '2022-01-28T00:00:00Z',
  cancelationDeadlineDate: '2022-01-28T00:00:00Z',
  orderItemId: 'WOI_000007805_1',
  lastStatusChangeDate: '2022-01-27T20:21:21Z',
};

/** The coverage item of the "Retrieve Acquisitions on an Order" sample, trimmed. */
const COVERAGE_SAMPLE = {
  contractId: 'CTR21000438',
  coverageItemId: 'CIE_000016433_1_11_1',
  orderItemId: 'WOI_000016433_1',
  status: 'VALIDATED',
  clearSkyRate: 99.4,
  satellite: 'PNEO4',
  incidenceAngle: 39.693666644420055,
  bh: 0,
  footprint: {
    type: 'Polygon',
    coordinates: [
      [
        [18.4256442, -34.09739311],
        [18.37668271, -34.09290259],
        [18.27852709, -33.87722682],
        [18.4256442, -34.09739311],
      ],
    ],
  },
  acquisitionDate: '2022-04-08T08:48:08.02Z',
};

describe('Neo wire mapping', () => {
  it('maps the sample order line', () => {
    const page = orderItemsFromWire(
      { paging: { totalResults: 1 }, features: [ORDER_LINE_SAMPLE] },
      FETCHED_AT,
    );
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: 'WOI_000007805_1',
      contractId: 'CTR21000411',
      quotationId: 'QUO22006217',
      salesOrderId: 'SAL22005724',
      productType: 'PleiadesNeoTaskingOnePlan',
      status: 'CANCELLED',
      quotationStatus: 'ACCEPTED',
      period: { start: new Date('2022-01-29T00:00:00Z'), end: new Date('2022-03-29T23:59:59Z') },
      validatedAreaPercent: 0,
      proposedCoverageCount: 0,
      feasibilityStudyResult: { coverRate: 0, commitment: true },
      cancellationDeadline: new Date('2022-01-28T00:00:00Z'),
      lastStatusChange: new Date('2022-01-27T20:21:21Z'),
      aoi: { type: 'Polygon' },
    });
  });

  it('keeps an unknown status as OTHER with its label', () => {
    const page = orderItemsFromWire(
      { paging: { totalResults: 1 }, features: [{ ...ORDER_LINE_SAMPLE, status: 'ON_HOLD' }] },
      FETCHED_AT,
    );
    expect(page.items[0]).toMatchObject({ status: 'OTHER', statusLabel: 'ON_HOLD' });
  });

  it('maps the sample coverage item', () => {
    const page = coverageItemsFromWire(
      { paging: { totalResults: 16 }, features: [COVERAGE_SAMPLE] },
      FETCHED_AT,
    );
    expect(page.items[0]).toMatchObject({
      id: 'CIE_000016433_1_11_1',
      orderItemId: 'WOI_000016433_1',
      status: 'VALIDATED',
      clearSkyRate: 99.4,
      baseToHeight: 0,
      satellite: 'PNEO4',
      acquisitionDate: new Date('2022-04-08T08:48:08.020Z'),
      footprint: { type: 'Polygon' },
    });
  });

  it('maps a quotation and requires its id and amount', () => {
    const wire = {
      quotationId: 'QUO1',
      contractId: 'CTR1',
      currency: 'EUR',
      totalAmount: 5000,
      quotationEndOfValidityDate: '2022-01-28T00:00:00Z',
      cancelationDeadlineDate: '2022-01-29T00:00:00Z',
    };
    expect(quotationFromWire(wire, ASKED)).toMatchObject({
      id: 'QUO1',
      contractId: 'CTR1',
      currency: 'EUR',
      totalAmount: 5000,
      status: 'SENT',
      validUntil: new Date('2022-01-28T00:00:00Z'),
      cancellationDeadline: new Date('2022-01-29T00:00:00Z'),
    });
    for (const key of ['quotationId', 'totalAmount'] as const) {
      const { [key]: _dropped, ...rest } = wire;
      expect(() => quotationFromWire(rest, ASKED)).toThrow(WireShapeError);
    }
  });

  it('takes the contract and currency asked for when the quotation answers only what the notes document', () => {
    expect(quotationFromWire({ quotationId: 'QUO22006217', totalAmount: 5000 }, ASKED)).toEqual({
      id: 'QUO22006217',
      contractId: 'CTR22000512',
      currency: 'USD',
      totalAmount: 5000,
      status: 'SENT',
      validUntil: null,
      cancellationDeadline: null,
      orderItemIds: [],
    });
  });

  it('reads the order search as the collection sample answers it: {contracts:[…]}, no paging', () => {
    const page = orderItemsFromWire({ contracts: [ORDER_LINE_SAMPLE] }, FETCHED_AT);
    expect(page.total).toBeNull();
    expect(page.items.map((item) => item.id)).toEqual(['WOI_000007805_1']);
    expect(coverageItemsFromWire({ features: [COVERAGE_SAMPLE] }, FETCHED_AT)).toMatchObject({
      total: null,
      items: [{ id: 'CIE_000016433_1_11_1' }],
    });
  });

  it('reads the total from paging or beside the list, and ignores one that is not a count', () => {
    const total = (answer: Record<string, unknown>) =>
      orderItemsFromWire({ features: [], ...answer }, FETCHED_AT).total;
    expect(total({ paging: { totalResults: 7 } })).toBe(7);
    expect(total({ totalResults: 7 })).toBe(7);
    expect(total({ paging: { itemsPerPage: 10 }, totalResults: 7 })).toBe(7);
    expect(total({ paging: { totalResults: 'many' } })).toBeNull();
    expect(total({ paging: null })).toBeNull();
  });

  it('reports a malformed answer as the documented upstream error, naming where', () => {
    const malformed = [
      { paging: { totalResults: 1 } },
      { paging: { totalResults: 1 }, contracts: 'WOI_1' },
      { paging: { totalResults: 1 }, features: [{ ...ORDER_LINE_SAMPLE, orderItemId: 7 }] },
      { paging: { totalResults: 1 }, features: [{ ...ORDER_LINE_SAMPLE, lastStatusChangeDate: 'soon' }] },
      {
        paging: { totalResults: 1 },
        features: [{ ...ORDER_LINE_SAMPLE, feasibilityStudyResult: { coverRate: 1 } }],
      },
      {
        paging: { totalResults: 1 },
        features: [{ ...ORDER_LINE_SAMPLE, aoi: { geometry: { type: 'Point' } } }],
      },
    ];
    for (const answer of malformed) {
      let caught: unknown;
      try {
        mapAnswer('order', () => orderItemsFromWire(answer, FETCHED_AT));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UpstreamError);
      expect(caught).toMatchObject({
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        upstreamCode: 'MALFORMED_RESPONSE',
      });
    }
  });
});

const ORDER_FIELDS = ['contractId', 'orderItemId', 'status', 'customerReference', 'cis.quotation'];

function noFilter(): NeoOrderItemFilter {
  return { customerReference: null, orderItemIds: [], quotationId: null, statuses: [] };
}

function lineFields(contractId: string, customerReference: string) {
  return {
    contractId,
    orderItemId: 'WOI_1_1',
    status: 'IN_PROGRESS',
    customerReference,
    'cis.quotation': 'QUO1',
  };
}

describe('Neo q built from typed filters', () => {
  const HOSTILE = [
    '*',
    '?',
    'a" OR contractId:"*',
    'x) OR (contractId:*',
    '\\',
    'ends with \\',
    '"',
    'NOT',
    'a AND b',
    'key:value',
    '[A TO Z]',
    '{x}',
    'a~2',
    'a^3',
    '/regex/',
    '&& ||',
    '+plus -minus !bang',
    'line\nbreak\ttab',
    '',
    'ünïcødé 中文 🚀',
  ];

  it('quotes and escapes every value: hostile references match only themselves', () => {
    for (const reference of HOSTILE) {
      const q = orderItemsQuery('CTR1', { ...noFilter(), customerReference: reference });
      const query = parseQuery(q, ORDER_FIELDS);
      expect(matchesQuery(query, lineFields('CTR1', reference)), `${q} must match its own value`).toBe(true);
      for (const other of HOSTILE.filter((candidate) => candidate !== reference)) {
        expect(
          matchesQuery(query, lineFields('CTR1', other)),
          `${q} must not match ${JSON.stringify(other)}`,
        ).toBe(false);
      }
      expect(matchesQuery(query, lineFields('CTR2', reference)), `${q} must stay within its contract`).toBe(
        false,
      );
    }
  });

  it('holds for any string (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (reference, other) => {
          const query = parseQuery(
            orderItemsQuery('CTR1', { ...noFilter(), customerReference: reference }),
            ORDER_FIELDS,
          );
          expect(matchesQuery(query, lineFields('CTR1', reference))).toBe(true);
          expect(matchesQuery(query, lineFields('CTR1', other))).toBe(other === reference);
        },
      ),
    );
  });

  it('joins filters with AND and lists with OR', () => {
    expect(
      orderItemsQuery('CTR1', {
        customerReference: 'r',
        orderItemIds: ['WOI_1_1', 'WOI_2_1'],
        quotationId: 'QUO1',
        statuses: ['IN_PROGRESS', 'PENDING'],
      }),
    ).toBe(
      '(contractId:"CTR1") AND (status:"IN_PROGRESS" OR status:"PENDING") AND (customerReference:"r") AND ' +
        '(orderItemId:"WOI_1_1" OR orderItemId:"WOI_2_1") AND (cis.quotation:"QUO1")',
    );
    expect(coverageItemsQuery('CTR1', ['a-b'])).toBe('(contractId:"CTR1") AND (orderItemId:"a\\-b")');
    expect(lucenePhrase('a"b\\c*')).toBe('"a\\"b\\\\c\\*"');
  });
});
