import type { Caller, Role } from '../auth/caller.js';
import type { NeoApi } from '../datasources/oneatlas/neo-api.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import { checkProductionOptions } from '../datasources/oneatlas/production-options-check.js';
import { checkSegmentBinding } from '../datasources/oneatlas/segment-binding-check.js';
import type { AttemptFilter, BudgetLimit } from '../datasources/orders/order-journal.js';
import {
  fingerprintOfAcceptance,
  fingerprintOfPaid,
  journaledRequest,
  type OrderPlacement,
  type PaidRequest,
  paidRequestOf,
  type QuotationAcceptance,
} from '../datasources/orders/order-placement.js';
import type { TargetActionSteps, TargetActions } from '../datasources/orders/target-actions.js';
import { TaskingStatus } from '../domain/enums.js';
import { type NeoOrderItem, NeoOrderItemStatus, QuotationStatus } from '../domain/neo.js';
import type { OrderRequest, Price } from '../domain/order.js';
import {
  TargetActionKind as Action,
  HOLDING_STATES,
  type JournaledOrder,
  type OrderAttempt,
  type OrderAttemptRecord,
  PaidOperation,
  type TargetActionKind,
  type TargetActionRecord,
  TargetActionState,
} from '../domain/order-journal.js';
import type { Segment } from '../domain/tasking.js';
import { ErrorCode, forbidden, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A segment of a tasking of a contract, already authorised for the caller. */
export interface SegmentRef {
  contractId: string;
  taskingId: string;
  segmentId: string;
}

/** A quotation of a Neo contract, already authorised for the caller. */
export type QuotationRef = Pick<QuotationAcceptance, 'contractId' | 'quotationId'>;

/** An order item of a Neo contract, already authorised for the caller. */
export interface OrderItemRef {
  contractId: string;
  orderItemId: string;
}

/** A tasking of a legacy contract, already authorised for the caller. */
export interface TaskingRef {
  contractId: string;
  taskingId: string;
}

/** What the ordering service needs of a verified caller (`src/auth`'s Caller has it). */
export type OrderingCaller = Pick<Caller, 'tenantId' | 'subject' | 'roles' | 'spending'>;

/** A tenant's spending guard: amounts in the currency of the contracts it orders against. */
export type SpendingPolicy = Caller['spending'];

export interface OrderingServiceOptions {
  orderApi: OrderApi;
  neoApi: NeoApi;
  placement: OrderPlacement;
  actions: TargetActions;
  logger: Logger;
  now?: () => number;
}

/**
 * The order path, in one place: production-options check → price → budget → approval hold → journal
 * → place → reconcile. Resolvers call one method each; the roles are checked here too (the schema's
 * role checks are the first line, this the last before money is spent).
 */
export class OrderingService {
  private readonly orderApi: OrderApi;
  private readonly neoApi: NeoApi;
  private readonly placement: OrderPlacement;
  private readonly actions: TargetActions;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(options: OrderingServiceOptions) {
    this.orderApi = options.orderApi;
    this.neoApi = options.neoApi;
    this.placement = options.placement;
    this.actions = options.actions;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  async price(request: OrderRequest, caller: OrderingCaller): Promise<Price> {
    requireRole(caller, 'order');
    checkSegmentBinding(request);
    await checkProductionOptions(this.orderApi, request, this.logger);
    return this.orderApi.price(request);
  }

  /**
   * Prices the order first; over the month's budget it is refused (BUDGET_EXCEEDED) and nothing is
   * recorded as sent; above the approval threshold it is journaled AWAITING_APPROVAL and not sent.
   */
  async place(
    request: OrderRequest,
    idempotencyKey: string,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    const paid: PaidRequest = { operation: PaidOperation.ORDER, order: request };
    const repeated = await this.repeatedAnswer(fingerprintOfPaid(paid), idempotencyKey, caller);
    if (repeated !== null) return repeated;
    // Before pricing and the journal: a refused input leaves no journal entry.
    checkSegmentBinding(request);
    await checkProductionOptions(this.orderApi, request, this.logger);
    return this.spend(paid, await this.orderApi.price(request), idempotencyKey, caller, requestId);
  }

  /**
   * Accepts a Pléiades Neo quotation: the money-spending step of Neo, under `place`'s rules (role,
   * budget, approval hold, journal). The quotation is its own idempotency key, so accepting it twice
   * is one acceptance and one upstream call. It is read fresh first: unknown, expired or already
   * decided ones are refused before anything is journaled or sent.
   */
  async acceptQuotation(
    quotation: QuotationRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    const key = acceptanceKey(quotation);
    const repeated = await this.repeatedAnswer(fingerprintOfAcceptance(quotation), key, caller);
    if (repeated !== null) return repeated;
    const refusal = await this.actions.record({ action: Action.REFUSE_QUOTATION, ...targetOf(quotation) });
    if (refusal !== undefined && refusal.state !== TargetActionState.NOT_SENT) {
      throw alreadyDecided(quotation.quotationId, 'refused through this gateway');
    }
    const items = await this.openQuotation(quotation);
    const [first] = items;
    const acceptance: QuotationAcceptance = {
      ...quotation,
      customerReference: first?.customerReference ?? '',
      productTypeId: first?.productType ?? '',
    };
    return this.spend(
      { operation: PaidOperation.QUOTATION_ACCEPTANCE, acceptance },
      quotationPrice(quotation, items),
      key,
      caller,
      requestId,
    );
  }

  /** Refuses a Neo quotation, at most once; one accepted (or held for approval) here cannot be refused. */
  async refuseQuotation(
    quotation: QuotationRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<TargetActionRecord> {
    requireRole(caller, 'order');
    const acceptance = await this.placement.record(acceptanceKey(quotation));
    if (acceptance !== undefined && HOLDING_STATES.includes(acceptance.state)) {
      throw alreadyDecided(quotation.quotationId, 'accepted (or held for approval) through this gateway');
    }
    return this.act(Action.REFUSE_QUOTATION, targetOf(quotation), caller, requestId, {
      check: async () => {
        await this.openQuotation(quotation);
      },
      send: async (onDispatch) => {
        await this.neoApi.decideQuotation('refuse', quotation.contractId, quotation.quotationId, onDispatch);
      },
      confirm: async () =>
        (await this.neoApi.orderItemsNow(quotation.contractId, { quotationId: quotation.quotationId }))[0]
          ?.quotationStatus === QuotationStatus.REFUSED,
    });
  }

  /** Cancels a Neo order item, at most once; after its cancellation deadline it is refused unsent. */
  cancelOrderItem(
    item: OrderItemRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<TargetActionRecord> {
    requireRole(caller, 'order');
    return this.act(Action.CANCEL_ORDER_ITEM, orderItemTarget(item), caller, requestId, {
      check: async () => {
        const current = await this.liveOrderItem(item);
        const deadline = current.cancellationDeadline;
        if (deadline !== null && deadline.getTime() <= this.now()) {
          throw new GatewayError(
            ErrorCode.CANCELLATION_DEADLINE_PASSED,
            `Order item '${item.orderItemId}' could be cancelled until ${deadline.toISOString()}; nothing was sent. It can still be stopped (stopOrderItem).`,
          );
        }
      },
      send: (onDispatch) => this.neoApi.cancelOrderItem(item.orderItemId, onDispatch),
      confirm: async () => (await this.orderItemNow(item))?.status === NeoOrderItemStatus.CANCELLED,
    });
  }

  /** Stops a Neo order item's acquisitions, at most once (any time before it ends). */
  stopOrderItem(
    item: OrderItemRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<TargetActionRecord> {
    requireRole(caller, 'order');
    return this.act(Action.STOP_ORDER_ITEM, orderItemTarget(item), caller, requestId, {
      check: async () => {
        await this.liveOrderItem(item);
      },
      send: (onDispatch) => this.neoApi.stopOrderItem(item.orderItemId, onDispatch),
      confirm: async () => (await this.orderItemNow(item))?.status === NeoOrderItemStatus.STOPPED,
    });
  }

  /** Cancels a legacy tasking, at most once; a completed or cancelled one is refused unsent. */
  cancelTasking(
    tasking: TaskingRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<TargetActionRecord> {
    requireRole(caller, 'order');
    const target = { contractId: tasking.contractId, targetId: tasking.taskingId };
    return this.act(Action.CANCEL_TASKING, target, caller, requestId, {
      check: async () => {
        const current = await this.orderApi.taskingNow(tasking.contractId, tasking.taskingId);
        if (current === null) {
          throw new GatewayError(ErrorCode.NOT_FOUND, `Tasking '${tasking.taskingId}' was not found.`);
        }
        if (FINISHED_TASKING_STATUSES.includes(current.status)) {
          throw notCancellable(`Tasking '${tasking.taskingId}'`, current.statusLabel);
        }
      },
      send: (onDispatch) => this.orderApi.cancelTasking(tasking.contractId, tasking.taskingId, onDispatch),
      confirm: async () =>
        (await this.orderApi.taskingNow(tasking.contractId, tasking.taskingId))?.status ===
        TaskingStatus.CANCELED,
    });
  }

  /** The first outcome of a key this tenant already used, before anything is checked or priced again. */
  private async repeatedAnswer(
    fingerprint: string,
    idempotencyKey: string,
    caller: OrderingCaller,
  ): Promise<JournaledOrder | null> {
    requireRole(caller, 'order');
    const known = await this.placement.record(idempotencyKey);
    // A key of another tenant says nothing about its order, and is not this caller's to repeat.
    if (known !== undefined && known.tenantId !== null && known.tenantId !== caller.tenantId)
      throw forbidden();
    // A repeat answers the first outcome as it stands: nothing to check, price or spend again.
    return this.placement.repeatedAnswer(fingerprint, idempotencyKey);
  }

  /** Over the month's budget: refused; above the approval threshold: held; else journaled and sent. */
  private spend(
    request: PaidRequest,
    price: Price,
    idempotencyKey: string,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    const { approvalThreshold } = caller.spending;
    return this.placement.place(
      request,
      { idempotencyKey, tenantId: caller.tenantId, requestedBy: subjectOf(caller), requestId },
      {
        price,
        budget: this.budgetOf(caller, price),
        hold: approvalThreshold !== null && price.totalAmount > approvalThreshold,
      },
    );
  }

  private act(
    action: TargetActionKind,
    target: { contractId: string; targetId: string },
    caller: OrderingCaller,
    requestId: string | null,
    steps: TargetActionSteps,
  ): Promise<TargetActionRecord> {
    return this.actions.perform(
      { action, ...target, tenantId: caller.tenantId, requestedBy: subjectOf(caller), requestId },
      steps,
    );
  }

  /** The quotation's order items, read fresh, when it can still be decided: SENT and within its validity. */
  private async openQuotation(quotation: QuotationRef): Promise<NeoOrderItem[]> {
    const items = await this.neoApi.orderItemsNow(quotation.contractId, {
      quotationId: quotation.quotationId,
    });
    const [first] = items;
    if (first === undefined) {
      throw new GatewayError(
        ErrorCode.NOT_FOUND,
        `Quotation '${quotation.quotationId}' was not found in contract '${quotation.contractId}'.`,
      );
    }
    const validUntil = first.quotationValidUntil;
    if (
      first.quotationStatus === QuotationStatus.EXPIRED ||
      (validUntil !== null && validUntil.getTime() <= this.now())
    ) {
      throw new GatewayError(
        ErrorCode.QUOTATION_EXPIRED,
        `Quotation '${quotation.quotationId}' expired${validUntil === null ? '' : ` at ${validUntil.toISOString()}`}; nothing was sent. Request a new quotation.`,
      );
    }
    if (
      first.quotationStatus === QuotationStatus.ACCEPTED ||
      first.quotationStatus === QuotationStatus.REFUSED
    ) {
      throw alreadyDecided(quotation.quotationId, first.quotationStatus);
    }
    return items;
  }

  private async orderItemNow(item: OrderItemRef): Promise<NeoOrderItem | undefined> {
    const items = await this.neoApi.orderItemsNow(item.contractId, { orderItemIds: [item.orderItemId] });
    return items.find((candidate) => candidate.id === item.orderItemId);
  }

  /** The order item, read fresh, when it is under way (ordered, and not ended). */
  private async liveOrderItem(item: OrderItemRef): Promise<NeoOrderItem> {
    const current = await this.orderItemNow(item);
    if (current === undefined) {
      throw new GatewayError(ErrorCode.NOT_FOUND, `Order item '${item.orderItemId}' was not found.`);
    }
    if (current.status === NeoOrderItemStatus.PENDING) {
      throw notCancellable(
        `Order item '${item.orderItemId}'`,
        'not ordered yet (its quotation is not accepted: refuse the quotation instead)',
      );
    }
    if (ENDED_ITEM_STATUSES.includes(current.status)) {
      throw notCancellable(`Order item '${item.orderItemId}'`, current.statusLabel);
    }
    return current;
  }

  /** Releases a held order: re-priced, the budget re-checked, then sent. Needs the approve role. */
  async approve(idempotencyKey: string, caller: OrderingCaller): Promise<JournaledOrder> {
    requireRole(caller, 'approve');
    const held = await this.ownRecord(idempotencyKey, caller);
    const price = await this.freshPrice(held);
    return this.placement.approve(idempotencyKey, subjectOf(caller), price, this.budgetOf(caller, price));
  }

  async reject(idempotencyKey: string, reason: string, caller: OrderingCaller): Promise<OrderAttemptRecord> {
    requireRole(caller, 'approve');
    await this.ownRecord(idempotencyKey, caller);
    return this.placement.reject(idempotencyKey, subjectOf(caller), reason);
  }

  /**
   * Accepts or refuses a proposed segment, and journals who decided what, when, and how it ended (DONE,
   * or the error code the caller is told). A journal that cannot record it does not hide the outcome.
   */
  async decideSegment(
    decision: 'accept' | 'refuse',
    segment: SegmentRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<Segment> {
    requireRole(caller, 'order');
    let outcome = 'DONE';
    try {
      return await this.orderApi.decideSegment(
        decision,
        segment.contractId,
        segment.taskingId,
        segment.segmentId,
      );
    } catch (error) {
      outcome = error instanceof GatewayError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
      throw error;
    } finally {
      await this.placement
        .recordSegmentDecision({
          at: new Date(this.now()),
          decision,
          ...segment,
          tenantId: caller.tenantId,
          decidedBy: subjectOf(caller),
          requestId,
          outcome,
        })
        .catch((error: unknown) =>
          this.logger.error(
            {
              decision,
              segmentId: segment.segmentId,
              outcome,
              code: error instanceof GatewayError ? error.code : null,
            },
            'segment decision made but the journal could not record it',
          ),
        );
    }
  }

  /** The caller's tenant's attempts only. */
  attempts(filter: Omit<AttemptFilter, 'tenantId'>, caller: OrderingCaller): Promise<OrderAttempt[]> {
    return this.placement.attempts({ ...filter, tenantId: caller.tenantId });
  }

  async attempt(idempotencyKey: string, caller: OrderingCaller): Promise<OrderAttempt | null> {
    const attempt = await this.placement.attempt(idempotencyKey);
    return attempt === null || attempt.tenantId !== caller.tenantId ? null : attempt;
  }

  /** A held attempt's price now: an order re-priced, a quotation's amount read again (still open). */
  private async freshPrice(held: OrderAttemptRecord): Promise<Price> {
    const request = paidRequestOf(held);
    if (request.operation === PaidOperation.ORDER)
      return this.orderApi.price(journaledRequest(held), 'fresh');
    const { contractId, quotationId } = request.acceptance;
    return quotationPrice(request.acceptance, await this.openQuotation({ contractId, quotationId }));
  }

  private async ownRecord(idempotencyKey: string, caller: OrderingCaller): Promise<OrderAttemptRecord> {
    const record = await this.placement.record(idempotencyKey);
    // Absent or another tenant's: the same answer, so nothing says whether it exists.
    if (record === undefined || record.tenantId !== caller.tenantId) throw forbidden();
    return record;
  }

  private budgetOf(caller: OrderingCaller, price: Price): BudgetLimit | null {
    const { monthlyBudget } = caller.spending;
    if (monthlyBudget === null) return null;
    const now = new Date(this.now());
    return {
      tenantId: caller.tenantId,
      currency: price.currency,
      monthlyBudget,
      monthStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    };
  }
}

function requireRole(caller: OrderingCaller, role: Role): void {
  if (!caller.roles.has(role)) throw forbidden(`the ${role} role`);
}

/** What the journal records as "who": the verified tenant and subject, never a name the client chose. */
function subjectOf(caller: OrderingCaller): string {
  return `${caller.tenantId}/${caller.subject}`;
}

/** A quotation's acceptance is journaled under this key: one acceptance per quotation, whoever asks. */
function acceptanceKey(quotation: QuotationRef): string {
  return `quotation:${quotation.quotationId}`;
}

function targetOf(quotation: QuotationRef): { contractId: string; targetId: string } {
  return { contractId: quotation.contractId, targetId: quotation.quotationId };
}

function orderItemTarget(item: OrderItemRef): { contractId: string; targetId: string } {
  return { contractId: item.contractId, targetId: item.orderItemId };
}

/** What accepting the quotation spends: its order lines together (the notes document no quotation read). */
function quotationPrice(quotation: QuotationRef, items: readonly NeoOrderItem[]): Price {
  const currency = items[0]?.currency ?? null;
  const amounts = items.map((item) => (item.currency === currency ? item.amount : null));
  if (currency === null || amounts.some((amount) => amount === null)) {
    // Without the amount the budget and approval cannot be checked: nothing is spent blind.
    throw new GatewayError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `OneAtlas did not say what quotation '${quotation.quotationId}' costs, so the spending guard cannot check it; nothing was sent. Retry later.`,
    );
  }
  const totalAmount = Math.round(amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0) * 100) / 100;
  return {
    contractId: quotation.contractId,
    currency,
    totalAmount,
    discountPercentage: 0,
    discountValue: 0,
    productTypes: [],
  };
}

const ENDED_ITEM_STATUSES: readonly NeoOrderItemStatus[] = [
  NeoOrderItemStatus.COMPLETED,
  NeoOrderItemStatus.CANCELLED,
  NeoOrderItemStatus.STOPPED,
];

const FINISHED_TASKING_STATUSES: readonly TaskingStatus[] = [TaskingStatus.COMPLETED, TaskingStatus.CANCELED];

function notCancellable(what: string, status: string): GatewayError {
  return new GatewayError(
    ErrorCode.NOT_CANCELLABLE,
    `${what} cannot be cancelled or stopped: it is ${status}. Nothing was sent.`,
  );
}

function alreadyDecided(quotationId: string, how: string): GatewayError {
  return new GatewayError(
    ErrorCode.QUOTATION_ALREADY_DECIDED,
    `Quotation '${quotationId}' was already ${how.toLowerCase()}; nothing was sent.`,
  );
}
