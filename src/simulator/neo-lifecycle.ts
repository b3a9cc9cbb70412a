/**
 * The life of a Pléiades Neo order, evaluated lazily from the simulated clock like the legacy taskings
 * (`lifecycle.ts`), so it only depends on the clock and on the customer's decisions:
 *
 * - POST /quotations prices the request like /prices and creates a quotation "QUO…" (SENT) with one
 *   order item "WOI_…" per request item (PENDING, quotationStatus SENT). The quotation is valid 24 h
 *   (`quotationEndOfValidityDate`); past that it is EXPIRED and its items CANCELLED. An item needing a
 *   manual feasibility study (STEREO/TRISTEREO, or feasibilityAutomation MANUAL) gets no quotation.
 * - Accepting (before the validity end) gives the sales order "SAL…", debits the contract, and puts
 *   the items IN_PROGRESS. Refusing cancels them.
 * - `cancelationDeadlineDate`: 48 h after the quotation, or the ordered pass if that comes first.
 *   Before it, cancel turns an IN_PROGRESS item CANCELLED; after it, the upstream refuses. Stop turns an
 *   IN_PROGRESS item STOPPED at any time (no more acquisitions; decided coverage stays delivered).
 * - An IN_PROGRESS plan acquires once every simulated day after max(period start, acceptance) until
 *   its period ends, alternating satellites and the west/east halves of the AOI; a single-pass product
 *   acquires once, at its pass, covering the whole AOI. Each acquisition is a coverage item, VALIDATED
 *   at once when its cloud cover is within the item's maxCloudCover (the auto-validation threshold),
 *   else PROPOSED for the customer to accept (VALIDATED) or refuse (REFUSED). A OneDay item's
 *   maxCloudCover is 100 whatever was sent (guide: "For OneDay offer, notificationThreshold and
 *   maxCloudCover will not be considered and forced to 100%"), so its acquisition is VALIDATED.
 *   A validated coverage item is delivered to the contract's Neo workspace as an opensearch feature.
 * - COMPLETED once the validated area covers the AOI, or once the period is over with no proposal left.
 */
import type {
  WireCoverageItem,
  WireNeoOrderLine,
  WireQuotation,
} from '../datasources/oneatlas/wire/neo-types.js';
import type { WireImageFeature } from '../datasources/oneatlas/wire/types.js';
import { ignoresCloudCover, SATELLITES_BY_MISSION } from './catalog.js';
import { hashedBetween, hashedUuid } from './determinism.js';
import { boundingBox, boxToPolygon, eastHalf, geodesicAreaKm2, growBox, westHalf } from './geometry.js';
import type {
  NeoCoverageRecord,
  NeoOrderItemRecord,
  NeoOrderItemStatus,
  NeoQuotationRecord,
} from './neo-state.js';
import type { ParsedOrderRequest } from './order-request.js';
import { invoicedAreaKm2, priceOf } from './pricing.js';
import type { ContractRecord, SimulatorState } from './state.js';
import { badRequest, conflict, notFound } from './upstream-error.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const QUOTATION_VALIDITY_MS = DAY_MS;
export const CANCELATION_WINDOW_MS = 2 * DAY_MS;
export const NEO_ACQUISITION_INTERVAL_MS = DAY_MS;
const SINGLE_PASS_PERIOD_MARGIN_MS = 15 * MINUTE_MS;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function padded(number: number, width: number): string {
  return String(number).padStart(width, '0');
}

/** "PleiadesNeoOnePlan" is tracked as "PleiadesNeoTaskingOnePlan" (notes §2.3). */
function trackingProductType(productTypeId: string): string {
  return productTypeId.replace(/^PleiadesNeo(?!Tasking)/, 'PleiadesNeoTasking');
}

export function createQuotation(
  state: SimulatorState,
  order: ParsedOrderRequest,
  body: unknown,
  nowMs: number,
): NeoQuotationRecord {
  if (order.contract.wire.backendSource !== 'neo') {
    throw badRequest(
      'Quotations are for Pléiades Neo contracts only: order with POST /api/v1/orders.',
      'NOT_A_NEO_CONTRACT',
    );
  }
  if (order.customerReference === null || order.customerReference.trim() === '') {
    throw badRequest('customerReference is required: it is the key for tracking and billing.');
  }
  const manual = order.lines.find((line) => line.requiresManualFeasibility);
  if (manual !== undefined) {
    throw badRequest(
      `${manual.productType.productTypeId} with a manual feasibility study has no quotation before the study.`,
      'QUOTATION_NEEDS_FEASIBILITY_STUDY',
    );
  }
  for (const line of order.lines) {
    if (line.segment !== null && Date.parse(line.segment.orderDeadline) <= nowMs) {
      throw badRequest(
        `The order deadline of this pass (${line.segment.orderDeadline}) has passed: run /attempts again.`,
        'ORDER_DEADLINE_PASSED',
      );
    }
  }
  const price = priceOf(order);
  const number = padded(state.neo.nextQuotationNumber++, 9);
  const firstPassMs = Math.min(
    ...order.lines.flatMap((line) => (line.segment ? [Date.parse(line.segment.acquisitionStartDate)] : [])),
  );
  const quotation: NeoQuotationRecord = {
    quotationId: `QUO${number}`,
    contractId: order.contract.wire.contractId,
    customerReference: order.customerReference,
    status: 'SENT',
    createdAt: iso(nowMs),
    quotationEndOfValidityDate: iso(nowMs + QUOTATION_VALIDITY_MS),
    cancelationDeadlineDate: iso(Math.min(nowMs + CANCELATION_WINDOW_MS, firstPassMs)),
    decidedAt: null,
    salesOrderId: null,
    currency: price.currency,
    totalAmount: price.totalAmount,
    discountPercentage: price.discountPercentage,
    discountValue: price.discountValue,
    orderItemIds: [],
    body,
  };
  order.lines.forEach((line, index) => {
    const pass = line.segment && {
      satellite: line.segment.satellite,
      startDate: line.segment.acquisitionStartDate,
      endDate: line.segment.acquisitionEndDate,
    };
    const period = pass
      ? {
          startDate: iso(Date.parse(pass.startDate) - SINGLE_PASS_PERIOD_MARGIN_MS),
          endDate: iso(Date.parse(pass.endDate) + SINGLE_PASS_PERIOD_MARGIN_MS),
        }
      : {
          startDate: iso(line.properties.acqPeriod?.startMs ?? nowMs),
          endDate: iso(line.properties.acqPeriod?.endMs ?? nowMs),
        };
    const lineAmount = price.productTypes.find(
      (entry) => entry.productTypeId === line.productType.productTypeId,
    );
    const item: NeoOrderItemRecord = {
      orderItemId: `WOI_${number}_${index + 1}`,
      quotationId: quotation.quotationId,
      contractId: quotation.contractId,
      customerReference: quotation.customerReference,
      productTypeId: line.productType.productTypeId,
      trackingProductType: trackingProductType(line.productType.productTypeId),
      progType: line.productType.progType,
      aoi: line.aoi,
      aoiName: `Polygon ${line.aoiId}`,
      acquisitionMode: line.properties.acquisitionMode,
      maxCloudCover: ignoresCloudCover(line.productType.progType) ? 100 : line.properties.maxCloudCover,
      maxIncidenceAngle: line.properties.maxIncidenceAngle ?? line.segment?.maxIncidenceAngle ?? 90,
      status: 'PENDING',
      period,
      plannedPass: pass,
      requestedAreaKm2: geodesicAreaKm2(line.aoi),
      amount:
        lineAmount && lineAmount.areaKm2 > 0
          ? Math.round(((lineAmount.amount * invoicedAreaKm2(line)) / lineAmount.areaKm2) * 100) / 100
          : 0,
      createdAt: iso(nowMs),
      acceptedAt: null,
      lastStatusChangeDate: iso(nowMs),
      acquisitionsMade: 0,
      coverages: [],
    };
    state.neo.orderItems.push(item);
    quotation.orderItemIds.push(item.orderItemId);
  });
  state.neo.quotations.push(quotation);
  return quotation;
}

function itemsOf(state: SimulatorState, quotation: NeoQuotationRecord): NeoOrderItemRecord[] {
  return state.neo.orderItems.filter((item) => item.quotationId === quotation.quotationId);
}

function changeStatus(item: NeoOrderItemRecord, status: NeoOrderItemStatus, atMs: number): void {
  item.status = status;
  item.lastStatusChangeDate = iso(atMs);
}

function settleQuotation(state: SimulatorState, quotation: NeoQuotationRecord, nowMs: number): void {
  const endMs = Date.parse(quotation.quotationEndOfValidityDate);
  if (quotation.status !== 'SENT' || nowMs <= endMs) return;
  quotation.status = 'EXPIRED';
  for (const item of itemsOf(state, quotation)) changeStatus(item, 'CANCELLED', endMs);
}

export function findQuotation(state: SimulatorState, quotationId: string, nowMs: number): NeoQuotationRecord {
  const quotation = state.neo.quotations.find((candidate) => candidate.quotationId === quotationId);
  if (quotation === undefined) throw notFound(`Quotation '${quotationId}' not found.`, 'QUOTATION_NOT_FOUND');
  settleQuotation(state, quotation, nowMs);
  return quotation;
}

/** PUT /contracts/{cis}/quotations/{id}/accept|refuse: only a SENT quotation within its validity. */
export function decideQuotation(
  state: SimulatorState,
  contractId: string,
  quotationId: string,
  decision: 'accept' | 'refuse',
  nowMs: number,
): NeoQuotationRecord {
  const quotation = findQuotation(state, quotationId, nowMs);
  if (quotation.contractId !== contractId) {
    throw notFound(
      `Quotation '${quotationId}' not found in contract '${contractId}'.`,
      'QUOTATION_NOT_FOUND',
    );
  }
  if (quotation.status === 'EXPIRED') {
    throw badRequest(
      `Quotation '${quotationId}' expired at ${quotation.quotationEndOfValidityDate}.`,
      'QUOTATION_EXPIRED',
    );
  }
  if (quotation.status !== 'SENT') {
    throw conflict('QUOTATION_ALREADY_DECIDED', `Quotation '${quotationId}' is already ${quotation.status}.`);
  }
  quotation.decidedAt = iso(nowMs);
  if (decision === 'refuse') {
    quotation.status = 'REFUSED';
    for (const item of itemsOf(state, quotation)) changeStatus(item, 'CANCELLED', nowMs);
    return quotation;
  }
  quotation.status = 'ACCEPTED';
  quotation.salesOrderId = `SAL${padded(state.nextOrderNumber++, 7)}`;
  const contract = contractOf(state, quotation.contractId);
  if (contract !== undefined) {
    const credit = Number(contract.wire.creditRemaining ?? 0) - quotation.totalAmount;
    contract.wire.creditRemaining = credit.toFixed(2);
  }
  for (const item of itemsOf(state, quotation)) {
    item.acceptedAt = iso(nowMs);
    changeStatus(item, 'IN_PROGRESS', nowMs);
  }
  return quotation;
}

function contractOf(state: SimulatorState, contractId: string): ContractRecord | undefined {
  return state.contracts.find((contract) => contract.wire.contractId === contractId);
}

function acquisitionTimeMs(item: NeoOrderItemRecord, index: number): number | null {
  const activeSinceMs = Date.parse(item.acceptedAt ?? item.createdAt);
  if (item.plannedPass !== null) {
    const passMs = Date.parse(item.plannedPass.startDate);
    return index === 0 && passMs >= activeSinceMs ? passMs : null;
  }
  const anchorMs = Math.max(Date.parse(item.period.startDate), activeSinceMs);
  const atMs = anchorMs + (index + 1) * NEO_ACQUISITION_INTERVAL_MS;
  return atMs <= Date.parse(item.period.endDate) ? atMs : null;
}

function validatedFraction(item: NeoOrderItemRecord): number {
  const parts = new Set(item.coverages.filter((c) => c.status === 'VALIDATED').map((c) => c.coveredPart));
  if (parts.has('whole') || (parts.has('west') && parts.has('east'))) return 1;
  return parts.size > 0 ? 0.5 : 0;
}

function deliver(state: SimulatorState, item: NeoOrderItemRecord, coverage: NeoCoverageRecord): void {
  const workspaceId = contractOf(state, item.contractId)?.workspaceId;
  if (workspaceId === undefined) return;
  const id = hashedUuid(coverage.archiveId);
  const feature: WireImageFeature = {
    type: 'Feature',
    id,
    geometry: coverage.footprint,
    properties: {
      id,
      acquisitionDate: coverage.acquisitionDate,
      cloudCover: Math.round((100 - coverage.clearSkyRate) * 100) / 100,
      incidenceAngle: coverage.incidenceAngle,
      platform: coverage.satellite,
      constellation: 'PNEO',
      sourceIdentifier: coverage.archiveId,
      workspaceId,
      orderItemId: item.orderItemId,
      coverageItemId: coverage.coverageItemId,
      customerReference: item.customerReference,
      processingLevel: 'SENSOR',
      productType: item.acquisitionMode === 'MONO' ? 'mono' : item.acquisitionMode.toLowerCase(),
      publicationDate: coverage.decidedAt,
    },
  };
  state.features.push({ workspaceId, feature });
}

function acquire(state: SimulatorState, item: NeoOrderItemRecord, index: number, atMs: number): void {
  const satellites = SATELLITES_BY_MISSION.PLEIADESNEO;
  const satellite = item.plannedPass?.satellite ?? satellites[index % 2] ?? satellites[0];
  const coveredPart = item.plannedPass !== null ? 'whole' : index % 2 === 0 ? 'west' : 'east';
  const box = growBox(boundingBox(item.aoi), 0.05);
  const footprintBox = coveredPart === 'west' ? westHalf(box) : coveredPart === 'east' ? eastHalf(box) : box;
  const sequence = index + 1;
  const clearSkyRate = hashedBetween(60, 100, 2, item.orderItemId, sequence, 'clear-sky');
  const autoValidated = item.maxCloudCover !== null && 100 - clearSkyRate <= item.maxCloudCover;
  const coverage: NeoCoverageRecord = {
    coverageItemId: `${item.orderItemId.replace('WOI_', 'CIE_')}_${sequence}_1`,
    status: autoValidated ? 'VALIDATED' : 'PROPOSED',
    satellite,
    archiveId: `ACQ_${satellite}_${padded(Math.floor(atMs / 1000), 14)}`,
    footprint: boxToPolygon(footprintBox),
    coveredPart,
    incidenceAngle: hashedBetween(
      0,
      Math.min(item.maxIncidenceAngle, 50),
      4,
      item.orderItemId,
      sequence,
      'incidence',
    ),
    clearSkyRate,
    bh: item.acquisitionMode === 'MONO' ? 0 : hashedBetween(0.2, 0.8, 2, item.orderItemId, sequence, 'bh'),
    acquisitionDate: iso(atMs),
    decidedAt: autoValidated ? iso(atMs) : null,
  };
  item.coverages.push(coverage);
  if (autoValidated) deliver(state, item, coverage);
}

/** Brings one order item (and its quotation) up to the simulated `nowMs`. */
export function settleOrderItem(state: SimulatorState, item: NeoOrderItemRecord, nowMs: number): void {
  const quotation = state.neo.quotations.find((candidate) => candidate.quotationId === item.quotationId);
  if (quotation !== undefined) settleQuotation(state, quotation, nowMs);
  if (item.status !== 'IN_PROGRESS') return;
  for (
    let atMs = acquisitionTimeMs(item, item.acquisitionsMade);
    atMs !== null && atMs <= nowMs;
    atMs = acquisitionTimeMs(item, item.acquisitionsMade)
  ) {
    acquire(state, item, item.acquisitionsMade, atMs);
    item.acquisitionsMade += 1;
  }
  const periodEndMs = Date.parse(item.period.endDate);
  const awaitingDecision = item.coverages.some((coverage) => coverage.status === 'PROPOSED');
  if (validatedFraction(item) >= 1) changeStatus(item, 'COMPLETED', nowMs);
  else if (nowMs > periodEndMs && !awaitingDecision) changeStatus(item, 'COMPLETED', periodEndMs);
}

export function settleNeo(state: SimulatorState, nowMs: number): void {
  for (const item of state.neo.orderItems) settleOrderItem(state, item, nowMs);
}

export function findOrderItem(state: SimulatorState, orderItemId: string, nowMs: number): NeoOrderItemRecord {
  const item = state.neo.orderItems.find((candidate) => candidate.orderItemId === orderItemId);
  if (item === undefined) throw notFound(`Order item '${orderItemId}' not found.`, 'ORDER_ITEM_NOT_FOUND');
  settleOrderItem(state, item, nowMs);
  return item;
}

/** POST /orders/{orderItemId}/cancel: an IN_PROGRESS item, until its cancellation deadline. */
export function cancelOrderItem(
  state: SimulatorState,
  orderItemId: string,
  nowMs: number,
): NeoOrderItemRecord {
  const item = findOrderItem(state, orderItemId, nowMs);
  if (item.status === 'PENDING') {
    throw conflict(
      'ORDER_ITEM_NOT_CANCELABLE',
      `Order item '${orderItemId}' is not ordered yet: refuse its quotation.`,
    );
  }
  if (item.status !== 'IN_PROGRESS') {
    throw conflict('ORDER_ITEM_NOT_CANCELABLE', `Order item '${orderItemId}' is ${item.status}.`);
  }
  const deadline = cancelationDeadlineOf(state, item);
  if (nowMs > Date.parse(deadline)) {
    throw badRequest(
      `The cancellation deadline of order item '${orderItemId}' (${deadline}) has passed: stop it instead.`,
      'CANCELATION_DEADLINE_PASSED',
    );
  }
  changeStatus(item, 'CANCELLED', nowMs);
  return item;
}

/** POST /orders/{orderItemId}/stop: an IN_PROGRESS item stops acquiring. */
export function stopOrderItem(state: SimulatorState, orderItemId: string, nowMs: number): NeoOrderItemRecord {
  const item = findOrderItem(state, orderItemId, nowMs);
  if (item.status !== 'IN_PROGRESS') {
    throw conflict('ORDER_ITEM_NOT_STOPPABLE', `Order item '${orderItemId}' is ${item.status}.`);
  }
  changeStatus(item, 'STOPPED', nowMs);
  return item;
}

/** POST /coverages/{coverageItemId}/accept|refuse: only a PROPOSED coverage item. */
export function decideCoverage(
  state: SimulatorState,
  coverageItemId: string,
  decision: 'accept' | 'refuse',
  nowMs: number,
): { item: NeoOrderItemRecord; coverage: NeoCoverageRecord } {
  settleNeo(state, nowMs);
  for (const item of state.neo.orderItems) {
    const coverage = item.coverages.find((candidate) => candidate.coverageItemId === coverageItemId);
    if (coverage === undefined) continue;
    if (coverage.status !== 'PROPOSED') {
      throw conflict(
        'COVERAGE_NOT_PROPOSED',
        `Coverage item '${coverageItemId}' is ${coverage.status}; only a PROPOSED one can be accepted or refused.`,
      );
    }
    coverage.status = decision === 'accept' ? 'VALIDATED' : 'REFUSED';
    coverage.decidedAt = iso(nowMs);
    if (coverage.status === 'VALIDATED') deliver(state, item, coverage);
    settleOrderItem(state, item, nowMs);
    return { item, coverage };
  }
  throw notFound(`Coverage item '${coverageItemId}' not found.`, 'COVERAGE_NOT_FOUND');
}

function cancelationDeadlineOf(state: SimulatorState, item: NeoOrderItemRecord): string {
  const quotation = state.neo.quotations.find((candidate) => candidate.quotationId === item.quotationId);
  return quotation?.cancelationDeadlineDate ?? item.createdAt;
}

export function toWireQuotation(quotation: NeoQuotationRecord): WireQuotation {
  return {
    quotationId: quotation.quotationId,
    contractId: quotation.contractId,
    customerReference: quotation.customerReference,
    currency: quotation.currency,
    totalAmount: quotation.totalAmount,
    discountPercentage: quotation.discountPercentage,
    discountValue: quotation.discountValue,
    quotationStatus: quotation.status,
    quotationEndOfValidityDate: quotation.quotationEndOfValidityDate,
    cancelationDeadlineDate: quotation.cancelationDeadlineDate,
    orderItemIds: [...quotation.orderItemIds],
  };
}

const TARGET_BY_PROG_TYPE: Record<string, string> = {
  ONEPLAN: 'oneplan',
  ONEDAY: 'oneday',
  ONENOWATTEMPTS: 'onenowattempts',
  ONENOWWEATHER: 'onenowweather',
};

/** The sample writes the acquisition mode as "MONOSCOPIC". */
const MODE_LABEL = { MONO: 'MONOSCOPIC', STEREO: 'STEREOSCOPIC', TRISTEREO: 'TRISTEREOSCOPIC' } as const;

export function toWireOrderLine(state: SimulatorState, item: NeoOrderItemRecord): WireNeoOrderLine {
  const quotation = state.neo.quotations.find((candidate) => candidate.quotationId === item.quotationId);
  const fraction = validatedFraction(item);
  return {
    orderItemId: item.orderItemId,
    contractId: item.contractId,
    customerReference: item.customerReference,
    quotationId: item.quotationId,
    salesOrderId: quotation?.salesOrderId ?? null,
    productType: item.trackingProductType,
    mission: 'pleiadesneo',
    source: 'tasking',
    target: TARGET_BY_PROG_TYPE[item.progType] ?? item.progType.toLowerCase(),
    status: item.status,
    quotationStatus: quotation?.status ?? 'SENT',
    quotationCreationDate: item.createdAt,
    orderCreationDate: item.acceptedAt,
    currency: quotation?.currency ?? 'EUR',
    orderLineAmount: item.amount,
    aoi: { name: item.aoiName, geometry: item.aoi },
    tasking: {
      period: [item.period],
      maxIncidenceAngle: item.maxIncidenceAngle,
      acquisitionMode: MODE_LABEL[item.acquisitionMode],
      maxCloudCoverage: item.maxCloudCover,
      validatedArea: Math.round(item.requestedAreaKm2 * fraction * 100) / 100,
      validatedAreaPct: fraction * 100,
      nbProposedCoverageItems: item.coverages.filter((coverage) => coverage.status === 'PROPOSED').length,
      totalCoverageItems: item.coverages.length,
    },
    // Automatic feasibility only (manual studies get no quotation): committed, full cover expected.
    feasibilityStudyResult: { coverRate: 100, commitment: true },
    requestedArea: item.requestedAreaKm2,
    deliveryWorkspace: contractOf(state, item.contractId)?.workspaceId,
    quotationEndOfValidityDate: quotation?.quotationEndOfValidityDate,
    cancelationDeadlineDate: quotation?.cancelationDeadlineDate,
    lastStatusChangeDate: item.lastStatusChangeDate,
  };
}

export function toWireCoverage(
  item: NeoOrderItemRecord,
  coverage: NeoCoverageRecord,
  salesOrderId: string | null,
): WireCoverageItem {
  return {
    coverageItemId: coverage.coverageItemId,
    orderItemId: item.orderItemId,
    contractId: item.contractId,
    status: coverage.status,
    clearSkyRate: coverage.clearSkyRate,
    incidenceAngle: coverage.incidenceAngle,
    bh: coverage.bh,
    satellite: coverage.satellite,
    mission: 'pleiadesneo',
    archiveId: coverage.archiveId,
    quotationId: item.quotationId,
    salesOrderId,
    footprint: coverage.footprint,
    acquisitionDate: coverage.acquisitionDate,
  };
}
