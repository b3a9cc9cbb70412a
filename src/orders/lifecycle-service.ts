import { type RequestScope, requestLogger } from '../datasources/http/request-scope.js';
import type { NeoApi } from '../datasources/oneatlas/neo-api.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import type { OrderPlacement } from '../datasources/orders/order-placement.js';
import type { TargetActionSteps, TargetActions } from '../datasources/orders/target-actions.js';
import { TaskingStatus } from '../domain/enums.js';
import { type CoverageItem, type NeoOrderItem, NeoOrderItemStatus, QuotationStatus } from '../domain/neo.js';
import {
  TargetActionKind as Action,
  HOLDING_STATES,
  type TargetActionKind,
  type TargetActionRecord,
} from '../domain/order-journal.js';
import type { Segment } from '../domain/tasking.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type OrderingCaller, requireRole, subjectOf } from './caller-rules.js';
import {
  acceptanceKey,
  alreadyDecided,
  openQuotation,
  type QuotationRef,
  quotationTarget,
} from './quotations.js';

/** A segment of a tasking of a contract, already authorised for the caller. */
export interface SegmentRef {
  contractId: string;
  taskingId: string;
  segmentId: string;
}

/** An order item of a Neo contract, already authorised for the caller. */
export interface OrderItemRef {
  contractId: string;
  orderItemId: string;
}

/** A coverage item of an order item of a Neo contract, already authorised for the caller. */
export interface CoverageItemRef {
  contractId: string;
  orderItemId: string;
  coverageItemId: string;
}

/** A tasking of a legacy contract, already authorised for the caller. */
export interface TaskingRef {
  contractId: string;
  taskingId: string;
}

export interface LifecycleServiceOptions {
  orderApi: OrderApi;
  neoApi: NeoApi;
  /** Read for a quotation's acceptance, written with segment decisions. */
  placement: OrderPlacement;
  actions: TargetActions;
  logger: Logger;
  now?: () => number;
}

/**
 * What happens to an order after it is placed, spending nothing: refusing a Neo quotation, cancelling
 * or stopping an order item, cancelling a tasking (each at most once per target, over `TargetActions`),
 * and deciding a proposed segment (journaled) or coverage item. Resolvers call one method each; the
 * order role is checked here too.
 */
export class LifecycleService {
  private readonly orderApi: OrderApi;
  private readonly neoApi: NeoApi;
  private readonly placement: OrderPlacement;
  private readonly actions: TargetActions;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly options: LifecycleServiceOptions;

  constructor(options: LifecycleServiceOptions, scope?: RequestScope) {
    this.options = options;
    this.orderApi = scope === undefined ? options.orderApi : options.orderApi.forRequest(scope);
    this.neoApi = scope === undefined ? options.neoApi : options.neoApi.forRequest(scope);
    this.placement = options.placement;
    this.actions = options.actions;
    this.logger = requestLogger(options.logger, scope);
    this.now = options.now ?? Date.now;
  }

  /**
   * This service as `scope`'s request uses it: each OneAtlas call it causes takes that request's turn,
   * budget and deadline, and its log lines carry the request's ids.
   */
  forRequest(scope: RequestScope): LifecycleService {
    return new LifecycleService(this.options, scope);
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
    return this.act(Action.REFUSE_QUOTATION, quotationTarget(quotation), caller, requestId, {
      check: async () => {
        await openQuotation(this.neoApi, quotation, this.now());
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

  /**
   * One action per target, whichever tenant sharing its contract asks: a tenant asking after another
   * is answered the outcome, but not who asked (another tenant's subject and request are not its own).
   */
  private async act(
    action: TargetActionKind,
    target: { contractId: string; targetId: string },
    caller: OrderingCaller,
    requestId: string | null,
    steps: TargetActionSteps,
  ): Promise<TargetActionRecord> {
    const record = await this.actions.perform(
      { action, ...target, tenantId: caller.tenantId, requestedBy: subjectOf(caller), requestId },
      steps,
      this.logger,
    );
    return record.tenantId === caller.tenantId ? record : { ...record, requestedBy: null, requestId: null };
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

  /**
   * Accepts or refuses a proposed coverage item. The upstream's decision path names the coverage item
   * alone, so it is first found among the order item's coverage on the caller's contract (which also
   * proves it is the tenant's); else NOT_FOUND, nothing decided.
   */
  async decideCoverage(
    decision: 'accept' | 'refuse',
    coverage: CoverageItemRef,
    caller: OrderingCaller,
  ): Promise<CoverageItem> {
    requireRole(caller, 'order');
    const [items = []] = await this.neoApi.coverageItems(coverage.contractId, [coverage.orderItemId]);
    const item = items.find((candidate) => candidate.id === coverage.coverageItemId);
    if (item === undefined) {
      throw new GatewayError(
        ErrorCode.NOT_FOUND,
        `Coverage item '${coverage.coverageItemId}' of order item '${coverage.orderItemId}' was not found.`,
      );
    }
    return this.neoApi.decideCoverage(decision, item);
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
}

function orderItemTarget(item: OrderItemRef): { contractId: string; targetId: string } {
  return { contractId: item.contractId, targetId: item.orderItemId };
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
