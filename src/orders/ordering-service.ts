import type { Caller, Role } from '../auth/caller.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import { checkProductionOptions } from '../datasources/oneatlas/production-options-check.js';
import type { AttemptFilter, BudgetLimit } from '../datasources/orders/order-journal.js';
import { journaledRequest, type OrderPlacement } from '../datasources/orders/order-placement.js';
import type { OrderRequest, Price } from '../domain/order.js';
import type { JournaledOrder, OrderAttempt, OrderAttemptRecord } from '../domain/order-journal.js';
import type { Segment } from '../domain/tasking.js';
import { ErrorCode, forbidden, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A segment of a tasking of a contract, already authorised for the caller. */
export interface SegmentRef {
  contractId: string;
  taskingId: string;
  segmentId: string;
}

/** What the ordering service needs of a verified caller (`src/auth`'s Caller has it). */
export type OrderingCaller = Pick<Caller, 'tenantId' | 'subject' | 'roles' | 'spending'>;

/** A tenant's spending guard: amounts in the currency of the contracts it orders against. */
export type SpendingPolicy = Caller['spending'];

export interface OrderingServiceOptions {
  orderApi: OrderApi;
  placement: OrderPlacement;
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
  private readonly placement: OrderPlacement;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(options: OrderingServiceOptions) {
    this.orderApi = options.orderApi;
    this.placement = options.placement;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  async price(request: OrderRequest, caller: OrderingCaller): Promise<Price> {
    requireRole(caller, 'order');
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
    requireRole(caller, 'order');
    const known = await this.placement.record(idempotencyKey);
    // A key of another tenant says nothing about its order, and is not this caller's to repeat.
    if (known !== undefined && known.tenantId !== null && known.tenantId !== caller.tenantId)
      throw forbidden();
    // A repeat answers the first outcome as it stands: nothing to check, price or spend again.
    const repeated = await this.placement.repeatedAnswer(request, idempotencyKey);
    if (repeated !== null) return repeated;
    // Before pricing and the journal: a refused input leaves no journal entry.
    await checkProductionOptions(this.orderApi, request, this.logger);
    const price = await this.orderApi.price(request);
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

  /** Releases a held order: re-priced, the budget re-checked, then sent. Needs the approve role. */
  async approve(idempotencyKey: string, caller: OrderingCaller): Promise<JournaledOrder> {
    requireRole(caller, 'approve');
    const held = await this.ownRecord(idempotencyKey, caller);
    const price = await this.orderApi.price(journaledRequest(held), 'fresh');
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
