/**
 * The Pléiades Neo paths of the order API (notes §2.3–2.4): quotations, their decision and PDF,
 * order-item cancel and stop, coverage search and decisions under /api/v1; the order search under
 * /api/v2/orders (the order host, so it is paced like every ordering call).
 */
import { Router } from 'express';
import type {
  WireCoverageSearchResponse,
  WireNeoOrderSearchResponse,
  WireNeoPaging,
} from '../datasources/oneatlas/wire/neo-types.js';
import {
  cancelOrderItem,
  createQuotation,
  decideCoverage,
  decideQuotation,
  findQuotation,
  settleNeo,
  stopOrderItem,
  toWireCoverage,
  toWireOrderLine,
  toWireQuotation,
} from './neo-lifecycle.js';
import { matchesQuery, parseQuery, type QueryableFields } from './neo-query.js';
import type { NeoQuotationRecord } from './neo-state.js';
import { parseOrderRequest } from './order-request.js';
import { isRecord, numberish } from './request-parsing.js';
import { simulatedNow } from './state.js';
import type { StateStore } from './store.js';
import { badRequest, notFound } from './upstream-error.js';

/** The coverage sample asks for 10000 items at once. */
const MAX_ITEMS_PER_PAGE = 10_000;
const DEFAULT_ITEMS_PER_PAGE = 25;

/** Order-line fields `q` may name; `cis.quotation` is the sample's name of the quotation id. */
const ORDER_QUERY_FIELDS = [
  'contractId',
  'orderItemId',
  'status',
  'quotationStatus',
  'customerReference',
  'cis.quotation',
  'quotationId',
  'productType',
  'mission',
  'technicalProduct.source.id',
] as const;
const COVERAGE_QUERY_FIELDS = [
  'contractId',
  'orderItemId',
  'coverageItemId',
  'status',
  'quotationId',
] as const;

interface SearchBody {
  itemsPerPage: number;
  startIndex: number;
  q: unknown;
}

function pagingNumber(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = numberish(value);
  if (parsed === undefined || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw badRequest(`paging.${name} must be an integer between ${min} and ${max}.`, 'INVALID_PARAMETER');
  }
  return parsed;
}

function parseSearchBody(body: unknown): SearchBody {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.', 'MALFORMED_BODY');
  const paging = body.paging === undefined ? {} : body.paging;
  const criteria = body.criteria === undefined ? {} : body.criteria;
  if (!isRecord(paging)) throw badRequest('paging must be an object.', 'MALFORMED_BODY');
  if (!isRecord(criteria)) throw badRequest('criteria must be an object.', 'MALFORMED_BODY');
  if (paging.pagingMode !== undefined && paging.pagingMode !== 'item') {
    throw badRequest('paging.pagingMode must be "item".', 'INVALID_PARAMETER');
  }
  return {
    itemsPerPage: pagingNumber(
      paging.itemsPerPage,
      'itemsPerPage',
      DEFAULT_ITEMS_PER_PAGE,
      1,
      MAX_ITEMS_PER_PAGE,
    ),
    startIndex: pagingNumber(paging.startIndex, 'startIndex', 0, 0, Number.MAX_SAFE_INTEGER),
    q: criteria.q,
  };
}

function page<T>(matching: T[], search: SearchBody): { paging: WireNeoPaging; features: T[] } {
  return {
    paging: {
      itemsPerPage: search.itemsPerPage,
      startIndex: search.startIndex,
      totalResults: matching.length,
    },
    features: matching.slice(search.startIndex, search.startIndex + search.itemsPerPage),
  };
}

/** A one-page PDF naming the quotation: enough for a client to store and open. */
export function quotationPdf(quotation: NeoQuotationRecord): Buffer {
  const text = `Quotation ${quotation.quotationId} - ${quotation.totalAmount.toFixed(2)} ${quotation.currency} - valid until ${quotation.quotationEndOfValidityDate}`;
  const stream = `BT /F1 12 Tf 50 750 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Neo's paths under /api/v1. */
export function neoOrderApiRouter(store: StateStore): Router {
  const router = Router();

  router.post('/quotations', (req, res) => {
    const quotation = store.transact((state) => {
      const nowMs = simulatedNow(state);
      return createQuotation(
        state,
        parseOrderRequest(req.body, state.contracts, store.segmentKeySecret, 'order', nowMs),
        req.body,
        nowMs,
      );
    });
    res.status(201).json(toWireQuotation(quotation));
  });

  router.get('/quotations/:quotationId/export', (req, res) => {
    const quotation = store.transact((state) =>
      findQuotation(state, req.params.quotationId, simulatedNow(state)),
    );
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${quotation.quotationId}.pdf"`)
      .send(quotationPdf(quotation));
  });

  // notes §2.3: "PUT /api/v1/contracts/{cis}/quotations/{id}/accept", refuse alike (inferred there).
  router.put('/contracts/:contractId/quotations/:quotationId/:decision', (req, res) => {
    const { contractId, quotationId, decision } = req.params;
    if (decision !== 'accept' && decision !== 'refuse')
      throw notFound(`No route for ${req.method} ${req.path}.`);
    const quotation = store.transact((state) =>
      decideQuotation(state, contractId, quotationId, decision, simulatedNow(state)),
    );
    res.json(toWireQuotation(quotation));
  });

  router.post('/orders/:orderItemId/:action', (req, res) => {
    const { orderItemId, action } = req.params;
    if (action !== 'cancel' && action !== 'stop') throw notFound(`No route for ${req.method} ${req.path}.`);
    const line = store.transact((state) => {
      const nowMs = simulatedNow(state);
      const item =
        action === 'cancel'
          ? cancelOrderItem(state, orderItemId, nowMs)
          : stopOrderItem(state, orderItemId, nowMs);
      return toWireOrderLine(state, item);
    });
    res.json(line);
  });

  router.post('/coverages/search', (req, res) => {
    const search = parseSearchBody(req.body);
    const query = parseQuery(search.q, COVERAGE_QUERY_FIELDS);
    const body = store.transact((state): WireCoverageSearchResponse => {
      settleNeo(state, simulatedNow(state));
      const salesOrderIds = new Map(state.neo.quotations.map((q) => [q.quotationId, q.salesOrderId]));
      const matching = state.neo.orderItems.flatMap((item) =>
        item.coverages
          .filter((coverage) => {
            const fields: QueryableFields = {
              contractId: item.contractId,
              orderItemId: item.orderItemId,
              coverageItemId: coverage.coverageItemId,
              status: coverage.status,
              quotationId: item.quotationId,
            };
            return matchesQuery(query, fields);
          })
          .map((coverage) => toWireCoverage(item, coverage, salesOrderIds.get(item.quotationId) ?? null)),
      );
      // Newest acquisition first.
      matching.sort((a, b) => (b.acquisitionDate ?? '').localeCompare(a.acquisitionDate ?? ''));
      return page(matching, search);
    });
    res.json(body);
  });

  router.post('/coverages/:coverageItemId/:decision', (req, res) => {
    const { coverageItemId, decision } = req.params;
    if (decision !== 'accept' && decision !== 'refuse')
      throw notFound(`No route for ${req.method} ${req.path}.`);
    const answer = store.transact((state) => {
      const nowMs = simulatedNow(state);
      const { item, coverage } = decideCoverage(state, coverageItemId, decision, nowMs);
      const quotation = state.neo.quotations.find((candidate) => candidate.quotationId === item.quotationId);
      return toWireCoverage(item, coverage, quotation?.salesOrderId ?? null);
    });
    res.json(answer);
  });

  return router;
}

/** POST /api/v2/orders/search. */
export function neoOrderSearchRouter(store: StateStore): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    const search = parseSearchBody(req.body);
    const query = parseQuery(search.q, ORDER_QUERY_FIELDS);
    const body = store.transact((state): WireNeoOrderSearchResponse => {
      settleNeo(state, simulatedNow(state));
      const matching = state.neo.orderItems
        .filter((item) => {
          const quotation = state.neo.quotations.find(
            (candidate) => candidate.quotationId === item.quotationId,
          );
          const fields: QueryableFields = {
            contractId: item.contractId,
            orderItemId: item.orderItemId,
            status: item.status,
            quotationStatus: quotation?.status ?? null,
            customerReference: item.customerReference,
            'cis.quotation': item.quotationId,
            quotationId: item.quotationId,
            productType: item.trackingProductType,
            mission: 'pleiadesneo',
            'technicalProduct.source.id': 'tasking',
          };
          return matchesQuery(query, fields);
        })
        // Newest first, as a customer's order list reads.
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.orderItemId.localeCompare(a.orderItemId))
        .map((item) => toWireOrderLine(state, item));
      return page(matching, search);
    });
    res.json(body);
  });
  return router;
}
