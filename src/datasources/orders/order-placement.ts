import { createHash } from 'node:crypto';
import { OrderStatus } from '../../domain/enums.js';
import type { OrderRequest } from '../../domain/order.js';
import {
  AttemptState,
  type JournaledOrder,
  type OrderAttempt,
  type OrderAttemptRecord,
  Resolution,
} from '../../domain/order-journal.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { CallPriority } from '../http/scheduler.js';
import type { OrderApi } from '../oneatlas/order-api.js';
import { UpstreamError } from '../upstream-errors.js';
import { type AttemptFilter, isUnresolved, type OrderJournal } from './order-journal.js';

/** Who asked, for the journal. */
export interface OrderCaller {
  /** The client's key; the customer reference serves when it has none. */
  idempotencyKey: string | null;
  requestedBy: string | null;
  requestId: string | null;
}

export interface OrderPlacementOptions {
  orderApi: OrderApi;
  journal: OrderJournal;
  /** How long a sent order may take to show up upstream before it counts as not placed. */
  graceMs: number;
  /** Pause between background look-ups of orders whose outcome is unknown. */
  reconcileIntervalMs: number;
  logger: Logger;
  now?: () => number;
}

/**
 * Idempotent ordering over an upstream that has no idempotency key. Each attempt is journaled before
 * its POST leaves; a POST whose answer is lost (timeout, reset, 5xx, restart) is never sent again
 * blindly: the order is looked up by customer reference, and only an order still absent when the grace
 * period ends counts as not placed. A repeated call with the same key and input answers the first
 * outcome; with another input it is refused while the first may have placed an order.
 */
export class OrderPlacement {
  private readonly orderApi: OrderApi;
  private readonly journal: OrderJournal;
  private readonly graceMs: number;
  private readonly reconcileIntervalMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Calls of this process in progress, by key: a concurrent repeat joins the first instead of racing it. */
  private readonly inProgress = new Map<string, { fingerprint: string; result: Promise<JournaledOrder> }>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: OrderPlacementOptions) {
    this.orderApi = options.orderApi;
    this.journal = options.journal;
    this.graceMs = options.graceMs;
    this.reconcileIntervalMs = options.reconcileIntervalMs;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    const interrupted = this.journal.recoverInterrupted();
    if (interrupted > 0) {
      this.logger.warn({ interrupted }, 'order attempts interrupted by a restart: their outcome is unknown');
    }
    if (this.journal.unresolved().length > 0) this.scheduleSweep();
  }

  place(request: OrderRequest, caller: OrderCaller): Promise<JournaledOrder> {
    const key = caller.idempotencyKey ?? request.customerReference;
    const fingerprint = fingerprintOf(request);
    const running = this.inProgress.get(key);
    if (running !== undefined) {
      return running.fingerprint === fingerprint ? running.result : Promise.reject(conflictError(key));
    }
    const result = this.settle(key, fingerprint, request, caller).finally(() => this.inProgress.delete(key));
    this.inProgress.set(key, { fingerprint, result });
    return result;
  }

  attempts(filter: AttemptFilter): OrderAttempt[] {
    return this.journal.list(filter).map((record) => this.withDetails(record));
  }

  attempt(idempotencyKey: string): OrderAttempt | null {
    const record = this.journal.get(idempotencyKey);
    return record === undefined ? null : this.withDetails(record);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.sweepTimer);
  }

  private async settle(
    key: string,
    fingerprint: string,
    request: OrderRequest,
    caller: OrderCaller,
  ): Promise<JournaledOrder> {
    const known = this.journal.get(key);
    if (known !== undefined && (known.state === AttemptState.PLACED || isUnresolved(known.state))) {
      if (known.fingerprint !== fingerprint) throw conflictError(key);
      if (known.state === AttemptState.PLACED) return orderOf(known);
      const checked = await this.reconcile(known, CallPriority.CRITICAL);
      // Still unknown: answer so, and never send it again while it may yet appear upstream.
      if (checked.state !== AttemptState.ABSENT) return orderOf(checked);
    }
    return this.send(key, fingerprint, request, caller);
  }

  private async send(
    key: string,
    fingerprint: string,
    request: OrderRequest,
    caller: OrderCaller,
  ): Promise<JournaledOrder> {
    this.journal.begin({
      idempotencyKey: key,
      fingerprint,
      contractId: request.contractId,
      customerReference: request.customerReference,
      productTypeId: request.productTypeId,
      input: request,
      requestedBy: caller.requestedBy,
      requestId: caller.requestId,
    });
    let dispatched = false;
    try {
      const order = await this.orderApi.placeOrder(request, () => {
        dispatched = true;
        this.journal.markSent(key);
      });
      return orderOf(
        this.journal.markPlaced(key, order, Resolution.ANSWER, `sales order ${order.salesOrderId ?? '?'}`),
      );
    } catch (error) {
      const summary = errorSummary(error);
      if (!dispatched || isRefusedUnhandled(error)) {
        this.journal.markNotSent(key, summary);
        throw error;
      }
      if (isVerdict(error)) {
        this.journal.markRejected(key, summary);
        throw error;
      }
      this.logger.warn({ idempotencyKey: key, code: summary.code }, 'order outcome unknown: reconciling');
      const unknown = this.journal.markUnknown(key, summary);
      this.scheduleSweep();
      const checked = await this.reconcile(unknown, CallPriority.CRITICAL);
      // Only with a grace period of 0: not found at once counts as not placed, and the caller learns why.
      if (checked.state === AttemptState.ABSENT) throw error;
      return orderOf(checked);
    }
  }

  /** Looks the order up by customer reference; settles it when found or when the grace period is over. */
  private async reconcile(record: OrderAttemptRecord, priority: CallPriority): Promise<OrderAttemptRecord> {
    let taskings: Awaited<ReturnType<OrderApi['taskingsByCustomerReference']>>;
    try {
      taskings = await this.orderApi.taskingsByCustomerReference(
        record.contractId,
        record.customerReference,
        priority,
      );
    } catch (error) {
      const { code } = errorSummary(error);
      return this.closed
        ? record
        : this.journal.markChecked(record.idempotencyKey, `look-up failed: ${code}`);
    }
    if (this.closed) return record;
    // A reference reused by an earlier order of this gateway must not pass for this one.
    const taken = this.journal.salesOrdersOfOtherAttempts(record.customerReference, record.idempotencyKey);
    const match = taskings.find((tasking) => tasking.salesOrder === null || !taken.has(tasking.salesOrder));
    if (match !== undefined) {
      this.logger.info({ idempotencyKey: record.idempotencyKey }, 'order of unknown outcome found upstream');
      return this.journal.markPlaced(
        record.idempotencyKey,
        {
          salesOrderId: match.salesOrder,
          currency: record.currency,
          totalAmount: record.totalAmount,
          discountPercentage: record.discountPercentage,
          discountValue: record.discountValue,
        },
        Resolution.FOUND_BY_CUSTOMER_REFERENCE,
        `tasking ${match.id} of sales order ${match.salesOrder ?? '?'}`,
      );
    }
    if (this.now() >= this.outcomeDeadlineOf(record)) {
      this.logger.warn(
        { idempotencyKey: record.idempotencyKey },
        'order not found upstream after the grace period',
      );
      return this.journal.markAbsent(
        record.idempotencyKey,
        'not found by customer reference after the grace period',
      );
    }
    return this.journal.markChecked(record.idempotencyKey, 'not found by customer reference yet');
  }

  /** While some outcome is unknown, and only then, a timer looks those orders up in the background. */
  private scheduleSweep(): void {
    if (this.sweepTimer !== undefined || this.closed) return;
    this.sweepTimer = setTimeout(() => {
      void this.sweep();
    }, this.reconcileIntervalMs);
    // A pending look-up must not keep a stopping process alive: the journal resumes it after a restart.
    this.sweepTimer.unref();
  }

  private async sweep(): Promise<void> {
    for (const record of this.journal.unresolved()) {
      if (this.closed) return;
      if (this.inProgress.has(record.idempotencyKey)) continue;
      await this.reconcile(record, CallPriority.BACKGROUND);
    }
    this.sweepTimer = undefined;
    if (!this.closed && this.journal.unresolved().length > 0) this.scheduleSweep();
  }

  private outcomeDeadlineOf(record: OrderAttemptRecord): number {
    return (record.sentAt ?? record.createdAt).getTime() + this.graceMs;
  }

  private withDetails(record: OrderAttemptRecord): OrderAttempt {
    return {
      ...record,
      outcomeDeadline: isUnresolved(record.state) ? new Date(this.outcomeDeadlineOf(record)) : null,
      events: this.journal.events(record.idempotencyKey),
    };
  }
}

function orderOf(record: OrderAttemptRecord): JournaledOrder {
  return {
    status: record.state === AttemptState.PLACED ? OrderStatus.PLACED : OrderStatus.OUTCOME_UNKNOWN,
    salesOrderId: record.state === AttemptState.PLACED ? record.salesOrderId : null,
    currency: record.currency,
    totalAmount: record.totalAmount,
    discountPercentage: record.discountPercentage,
    discountValue: record.discountValue,
    customerReference: record.customerReference,
    idempotencyKey: record.idempotencyKey,
  };
}

/** A 429 is refused before handling: nothing was placed, whatever the method. */
function isRefusedUnhandled(error: unknown): boolean {
  return error instanceof UpstreamError && error.status === 429;
}

/** The upstream's verdict on the order itself (a 4xx but 408 and 429): it placed nothing. */
function isVerdict(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408
  );
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  // Not a message for anyone: a plain error may carry anything.
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'unexpected failure' };
}

function conflictError(key: string): GatewayError {
  return new GatewayError(
    ErrorCode.IDEMPOTENCY_CONFLICT,
    `The idempotency key "${key}" is already used by a different order that is placed or may be; nothing was sent. Repeat that order's input exactly, or use a new key (and customer reference).`,
    { field: 'input.idempotencyKey' },
  );
}

/** The same input gives the same fingerprint, whatever the order of object keys. */
export function fingerprintOf(request: OrderRequest): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
