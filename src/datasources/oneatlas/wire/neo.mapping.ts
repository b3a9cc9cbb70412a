/**
 * Pléiades Neo wire ⇄ domain. Answers are checked field by field: the Neo endpoints are known from
 * samples only, so an answer without what the gateway relies on is a `WireShapeError` (the APIs turn
 * it into the documented UPSTREAM_UNAVAILABLE / MALFORMED_RESPONSE), never a half-filled object. Queries (`q`) are built from typed filters only,
 * every value quoted and escaped, so no client text can change what is asked.
 */

import type { Polygon } from '../../../domain/geo.js';
import {
  type CoverageItem,
  CoverageStatus,
  type NeoOrderItem,
  type NeoOrderItemFilter,
  NeoOrderItemStatus,
  type Quotation,
  QuotationStatus,
} from '../../../domain/neo.js';
import type { UpstreamPage } from '../../paging.js';
import { polygonFromWire } from './geometry.mapping.js';
import type { WireNeoSearchRequest } from './neo-types.js';
import {
  parsedField,
  requiredBoolean,
  requiredNumber,
  requiredString,
  type WireRecord,
  WireShapeError,
  wireArray,
  wireRecord,
} from './shape.js';

function optionalString(record: WireRecord, key: string, where: string): string | null {
  const value = record[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new WireShapeError(`${where}.${key}`, 'a string');
  return value;
}

function optionalNumber(record: WireRecord, key: string, where: string): number | null {
  const value = record[key];
  return value === undefined || value === null ? null : requiredNumber(record, key, where);
}

function optionalDate(record: WireRecord, key: string, where: string): Date | null {
  const text = optionalString(record, key, where);
  return text === null ? null : parsedField(`${where}.${key}`, 'an ISO date', () => new Date(text));
}

function optionalRecord(record: WireRecord, key: string, where: string): WireRecord | null {
  const value = record[key];
  return value === undefined || value === null ? null : wireRecord(value, `${where}.${key}`);
}

function optionalPolygon(record: WireRecord, key: string, where: string): Polygon | null {
  const geometry = optionalRecord(record, key, where);
  if (geometry === null) return null;
  const path = `${where}.${key}`;
  if (geometry.type !== 'Polygon') throw new WireShapeError(`${path}.type`, '"Polygon"');
  const coordinates = wireArray(geometry.coordinates, `${path}.coordinates`).map((ring, r) =>
    wireArray(ring, `${path}.coordinates[${r}]`).map((position, p) => {
      const numbers = wireArray(position, `${path}.coordinates[${r}][${p}]`);
      if (numbers.length < 2 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw new WireShapeError(`${path}.coordinates[${r}][${p}]`, 'a position');
      }
      return numbers as number[];
    }),
  );
  return polygonFromWire({ type: 'Polygon', coordinates });
}

function known<T extends string>(vocabulary: Record<string, T>, label: string, other: T): T {
  const upper = label.toUpperCase();
  return Object.hasOwn(vocabulary, upper) ? (vocabulary[upper] as T) : other;
}

/** What the gateway asked a quotation for: it stands in for what the 201 does not repeat. */
export interface QuotationAsked {
  contractId: string;
  /** The contract's currency (`Contract.currency`), which the quotation is in. */
  contractCurrency: string;
}

/**
 * The 201 of POST /quotations. The notes (§2.3) promise only `{quotationId, totalAmount…}`: those are
 * required; the contract and currency are the answer's when it names them, else those asked for.
 * Read through `checkedAnswer`, like every mapping here.
 */
export function quotationFromWire(wire: unknown, asked: QuotationAsked): Quotation {
  const body = wireRecord(wire, 'quotation');
  const label = optionalString(body, 'quotationStatus', 'quotation');
  const ids = body.orderItemIds === undefined ? [] : wireArray(body.orderItemIds, 'quotation.orderItemIds');
  return {
    id: requiredString(body, 'quotationId', 'quotation'),
    contractId: optionalString(body, 'contractId', 'quotation') ?? asked.contractId,
    currency: optionalString(body, 'currency', 'quotation') ?? asked.contractCurrency,
    totalAmount: requiredNumber(body, 'totalAmount', 'quotation'),
    status: label === null ? QuotationStatus.SENT : known(QuotationStatus, label, QuotationStatus.OTHER),
    validUntil: optionalDate(body, 'quotationEndOfValidityDate', 'quotation'),
    cancellationDeadline: optionalDate(body, 'cancelationDeadlineDate', 'quotation'),
    orderItemIds: ids.map((id, index) => {
      if (typeof id !== 'string') throw new WireShapeError(`quotation.orderItemIds[${index}]`, 'a string');
      return id;
    }),
  };
}

/** What the answer to a quotation's decision tells: no body is documented, so anything is accepted. */
export interface QuotationDecision {
  /** The sales order an acceptance created, when the answer names it. */
  salesOrderId: string | null;
}

export function quotationDecisionFromWire(wire: unknown): QuotationDecision {
  const salesOrderId =
    wire !== null && typeof wire === 'object' && !Array.isArray(wire)
      ? (wire as Record<string, unknown>).salesOrderId
      : undefined;
  return { salesOrderId: typeof salesOrderId === 'string' && salesOrderId !== '' ? salesOrderId : null };
}

/**
 * Where a search answer keeps its list: `features` in the notes (§2.4), `contracts` in the order search
 * sample of Airbus' "PleiadesNeo specific" collection ("Track Your Orders").
 */
const SEARCH_LIST_KEYS = ['features', 'contracts'] as const;

/**
 * A page of a Neo search: `paging.totalResults` in the notes, but the collection's sample answers
 * without paging, so the total is optional (read at the top level too, where the legacy lists keep
 * it); a total that is not a count is as good as none. The caller decides what a missing total means.
 */
function searchPage<T>(wire: unknown, map: (item: WireRecord, where: string) => T): UpstreamPage<T> {
  const body = wireRecord(wire, 'answer');
  const key = SEARCH_LIST_KEYS.find((candidate) => Array.isArray(body[candidate]));
  if (key === undefined) throw new WireShapeError('answer', `a list in ${SEARCH_LIST_KEYS.join(' or ')}`);
  const paging = body.paging;
  const pagingTotal =
    typeof paging === 'object' && paging !== null ? (paging as WireRecord).totalResults : undefined;
  return {
    items: wireArray(body[key], `answer.${key}`).map((item, index) =>
      map(wireRecord(item, `${key}[${index}]`), `${key}[${index}]`),
    ),
    total: [pagingTotal, body.totalResults].find(isCount) ?? null,
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function orderItemFromWire(line: WireRecord, where: string, fetchedAt: Date): NeoOrderItem {
  const statusLabel = requiredString(line, 'status', where);
  const quotationLabel = optionalString(line, 'quotationStatus', where);
  const tasking = optionalRecord(line, 'tasking', where);
  const taskingPath = `${where}.tasking`;
  const periods =
    tasking === null || tasking.period === undefined
      ? []
      : wireArray(tasking.period, `${taskingPath}.period`);
  const window = periods[0] === undefined ? null : wireRecord(periods[0], `${taskingPath}.period[0]`);
  const windowPath = `${taskingPath}.period[0]`;
  const aoi = optionalRecord(line, 'aoi', where);
  const feasibility = optionalRecord(line, 'feasibilityStudyResult', where);
  const start = window === null ? null : optionalDate(window, 'startDate', windowPath);
  return {
    id: requiredString(line, 'orderItemId', where),
    contractId: requiredString(line, 'contractId', where),
    quotationId: optionalString(line, 'quotationId', where),
    salesOrderId: optionalString(line, 'salesOrderId', where),
    customerReference: optionalString(line, 'customerReference', where),
    productType: optionalString(line, 'productType', where),
    status: known(NeoOrderItemStatus, statusLabel, NeoOrderItemStatus.OTHER),
    statusLabel,
    quotationStatus:
      quotationLabel === null ? null : known(QuotationStatus, quotationLabel, QuotationStatus.OTHER),
    period:
      window === null || start === null ? null : { start, end: optionalDate(window, 'endDate', windowPath) },
    aoi: aoi === null ? null : optionalPolygon(aoi, 'geometry', `${where}.aoi`),
    validatedAreaPercent: tasking === null ? null : optionalNumber(tasking, 'validatedAreaPct', taskingPath),
    proposedCoverageCount:
      tasking === null ? null : optionalNumber(tasking, 'nbProposedCoverageItems', taskingPath),
    totalCoverageCount: tasking === null ? null : optionalNumber(tasking, 'totalCoverageItems', taskingPath),
    feasibilityStudyResult:
      feasibility === null
        ? null
        : {
            coverRate: requiredNumber(feasibility, 'coverRate', `${where}.feasibilityStudyResult`),
            commitment: requiredBoolean(feasibility, 'commitment', `${where}.feasibilityStudyResult`),
          },
    quotationValidUntil: optionalDate(line, 'quotationEndOfValidityDate', where),
    cancellationDeadline: optionalDate(line, 'cancelationDeadlineDate', where),
    lastStatusChange: optionalDate(line, 'lastStatusChangeDate', where),
    amount: optionalNumber(line, 'orderLineAmount', where),
    currency: optionalString(line, 'currency', where),
    fetchedAt,
  };
}

function coverageItemFromWire(item: WireRecord, where: string, fetchedAt: Date): CoverageItem {
  const statusLabel = requiredString(item, 'status', where);
  return {
    id: requiredString(item, 'coverageItemId', where),
    orderItemId: requiredString(item, 'orderItemId', where),
    contractId: requiredString(item, 'contractId', where),
    status: known(CoverageStatus, statusLabel, CoverageStatus.OTHER),
    statusLabel,
    clearSkyRate: optionalNumber(item, 'clearSkyRate', where),
    incidenceAngle: optionalNumber(item, 'incidenceAngle', where),
    baseToHeight: optionalNumber(item, 'bh', where),
    satellite: optionalString(item, 'satellite', where),
    footprint: optionalPolygon(item, 'footprint', where),
    acquisitionDate: optionalDate(item, 'acquisitionDate', where),
    fetchedAt,
  };
}

export function orderItemsFromWire(wire: unknown, fetchedAt: Date): UpstreamPage<NeoOrderItem> {
  return searchPage(wire, (item, where) => orderItemFromWire(item, where, fetchedAt));
}

export function coverageItemsFromWire(wire: unknown, fetchedAt: Date): UpstreamPage<CoverageItem> {
  return searchPage(wire, (item, where) => coverageItemFromWire(item, where, fetchedAt));
}

/**
 * A Lucene phrase holding exactly `value`: quoted, with every character Lucene gives a meaning to
 * backslash-escaped (inside a phrase only `"` and `\` need it; escaping the rest as well keeps the value
 * literal for a parser that reads wildcards in phrases).
 */
export function lucenePhrase(value: string): string {
  return `"${value.replace(/[\\"+\-!():^[\]{}~*?|&/]/g, '\\$&')}"`;
}

function anyOf(field: string, values: readonly string[]): string {
  return `(${values.map((value) => `${field}:${lucenePhrase(value)}`).join(' OR ')})`;
}

/** `q` of the order search: the contract's items matching every given filter. */
export function orderItemsQuery(contractId: string, filter: NeoOrderItemFilter): string {
  const clauses = [anyOf('contractId', [contractId])];
  if (filter.statuses.length > 0) clauses.push(anyOf('status', filter.statuses));
  if (filter.customerReference !== null) clauses.push(anyOf('customerReference', [filter.customerReference]));
  if (filter.orderItemIds.length > 0) clauses.push(anyOf('orderItemId', filter.orderItemIds));
  // The collection's sample names the quotation `cis.quotation`.
  if (filter.quotationId !== null) clauses.push(anyOf('cis.quotation', [filter.quotationId]));
  return clauses.join(' AND ');
}

/** `q` of the coverage search: every coverage item of these order items of the contract. */
export function coverageItemsQuery(contractId: string, orderItemIds: readonly string[]): string {
  return `${anyOf('contractId', [contractId])} AND ${anyOf('orderItemId', orderItemIds)}`;
}

export function neoSearchToWire(q: string, startIndex: number, itemsPerPage: number): WireNeoSearchRequest {
  return { paging: { itemsPerPage, startIndex, pagingMode: 'item' }, criteria: { q } };
}
