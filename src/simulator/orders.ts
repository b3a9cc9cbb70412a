/**
 * POST /orders (guide step 6) on a legacy contract (a Neo one gets a quotation: see order-api.ts): one sales order "SAL…" per request and one tasking "ICR_…" per item,
 * recorded in the order ledger with the body as received. The contract is charged at once for the
 * items that need no manual feasibility study; the others only when the requester confirms them.
 */
import type { WireOrderResponse } from '../datasources/oneatlas/wire/types.js';
import { geodesicAreaM2 } from './geometry.js';
import { createTasking } from './lifecycle.js';
import type { ParsedOrderRequest } from './order-request.js';
import { priceOf } from './pricing.js';
import type { SimulatorState } from './state.js';
import { badRequest } from './upstream-error.js';

export function placeOrder(
  state: SimulatorState,
  order: ParsedOrderRequest,
  body: unknown,
  nowMs: number,
): WireOrderResponse {
  if (order.customerReference === null || order.customerReference.trim() === '') {
    throw badRequest('customerReference is required: it is the key for tracking and billing.');
  }
  for (const line of order.lines) {
    // The pass's deadline, from its segmentKey or as the guide's OneNow sample sends it (`orderDeadLine`).
    const deadlines = [
      line.segment === null ? null : Date.parse(line.segment.orderDeadline),
      line.properties.orderDeadline,
    ];
    const passed = deadlines.find((deadline) => deadline !== null && deadline <= nowMs);
    if (passed !== undefined && passed !== null) {
      throw badRequest(
        `The order deadline of this pass (${new Date(passed).toISOString()}) has passed: run /attempts again.`,
        'ORDER_DEADLINE_PASSED',
      );
    }
  }
  const price = priceOf(order);
  // A line that needs a manual study is charged only when the requester confirms it after the study.
  const amountOf = (line: ParsedOrderRequest['lines'][number]) =>
    priceOf({ ...order, lines: [line] }).totalAmount;
  const dueLater = order.lines
    .filter((line) => line.requiresManualFeasibility)
    .reduce((total, line) => total + amountOf(line), 0);
  const salesOrderId = `SAL${String(state.nextOrderNumber++).padStart(7, '0')}`;
  const customerRef = order.customerReference;
  const taskings = order.lines.map((line) =>
    createTasking(state, {
      contractId: order.contract.wire.contractId,
      salesOrderId,
      productType: line.productType,
      aoi: line.aoi,
      orderedAreaM2: geodesicAreaM2(line.aoi),
      customerRef,
      acquisitionMode: line.properties.acquisitionMode,
      maxIncidenceAngle: line.properties.maxIncidenceAngle ?? line.segment?.maxIncidenceAngle ?? 90,
      requiresManualFeasibility: line.requiresManualFeasibility,
      amountDueOnConfirmation: line.requiresManualFeasibility ? amountOf(line) : 0,
      period: line.properties.acqPeriod,
      pass: line.segment && {
        satellite: line.segment.satellite,
        startDate: line.segment.acquisitionStartDate,
        endDate: line.segment.acquisitionEndDate,
      },
      // OneNow tries the passes it is given in turn; OneDay has its one pass.
      extraPasses: line.productType.progType === 'ONENOW' ? laterPasses(line) : [],
      createdAtMs: nowMs,
    }),
  );
  const credit = Number(order.contract.wire.creditRemaining ?? 0) - (price.totalAmount - dueLater);
  order.contract.wire.creditRemaining = credit.toFixed(2);
  state.orders.push({
    salesOrderId,
    contractId: order.contract.wire.contractId,
    customerReference: customerRef,
    taskingIds: taskings.map((tasking) => tasking.id),
    receivedAt: new Date(nowMs).toISOString(),
    body,
  });
  return {
    salesOrderId,
    currency: price.currency,
    totalAmount: price.totalAmount,
    discountPercentage: price.discountPercentage,
    discountValue: price.discountValue,
  };
}

/**
 * The passes a OneNow item may try after its chosen one: those of its `acqPeriods` that start after
 * the chosen pass, in time order (the guide's sample lists the chosen pass among them).
 */
function laterPasses(line: ParsedOrderRequest['lines'][number]): { startDate: string; endDate: string }[] {
  const chosenMs =
    line.segment === null ? Number.NEGATIVE_INFINITY : Date.parse(line.segment.acquisitionStartDate);
  return line.properties.acqPeriods
    .filter((period) => period.startMs > chosenMs)
    .sort((a, b) => a.startMs - b.startMs)
    .map((period) => ({
      startDate: new Date(period.startMs).toISOString(),
      endDate: new Date(period.endMs).toISOString(),
    }));
}
