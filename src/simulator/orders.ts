/**
 * POST /orders (guide step 6): one sales order "SAL…" per request and one tasking "ICR_…" per item,
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
  if (order.contract.wire.backendSource !== 'legacy') {
    // notes §2.3: Pléiades Neo is ordered through quotations, which the simulator does not model.
    throw badRequest('Pléiades Neo contracts order through POST /api/v1/quotations.', 'QUOTATION_REQUIRED');
  }
  if (order.customerReference === null || order.customerReference.trim() === '') {
    throw badRequest('customerReference is required: it is the key for tracking and billing.');
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
