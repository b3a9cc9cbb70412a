import { type RequestScope, requestLogger } from '../datasources/http/request-scope.js';
import type { DataApi } from '../datasources/oneatlas/data-api.js';
import type { NeoApi } from '../datasources/oneatlas/neo-api.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import type { AttemptFilter, BudgetLimit } from '../datasources/orders/order-journal.js';
import {
  fingerprintOfAcceptance,
  fingerprintOfPaid,
  type OrderPlacement,
  type PaidRequest,
  paidRequestOf,
  type QuotationAcceptance,
} from '../datasources/orders/order-placement.js';
import type { TargetActions } from '../datasources/orders/target-actions.js';
import type { Contract } from '../domain/catalogue.js';
import type { NeoOrderItem, Quotation } from '../domain/neo.js';
import {
  manualFeasibilityCause,
  needsManualFeasibilityStudy,
  type OrderDraft,
  type OrderRequest,
  type Price,
} from '../domain/order.js';
import {
  TargetActionKind as Action,
  type AttemptKey,
  HOLDING_STATES,
  type JournaledOrder,
  type OrderAttempt,
  type OrderAttemptRecord,
  PaidOperation,
  SHARED_KEY_SCOPE,
  TargetActionState,
} from '../domain/order-journal.js';
import { ErrorCode, forbidden, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type OrderingCaller, requireRole, subjectOf } from './caller-rules.js';
import { checkBeforeSending, withDelivery } from './order-checks.js';
import {
  acceptanceKey,
  alreadyDecided,
  openQuotation,
  type QuotationRef,
  quotationTarget,
} from './quotations.js';

export interface OrderingServiceOptions {
  orderApi: OrderApi;
  neoApi: NeoApi;
  /** `/me`, where a SPOT/Pléiades contract's delivery workspace comes from. */
  dataApi: DataApi;
  placement: OrderPlacement;
  /** Read only: a quotation refused through the gateway cannot be accepted. */
  actions: TargetActions;
  logger: Logger;
  now?: () => number;
}

/**
 * The order path, in one place: the checks before the upstream (every problem at once) → price (none
 * for an order Airbus studies first) → budget → approval hold → journal → place → reconcile, for
 * legacy orders and Neo quotation acceptances, and the approvals and journal reads that go with them.
 * Resolvers call one method each; the roles are checked here too (the schema's role checks are the
 * first line, this the last before money is spent). What happens to an order afterwards (refusals,
 * cancels, stops, segment decisions) is `LifecycleService`'s.
 */
export class OrderingService {
  private readonly orderApi: OrderApi;
  private readonly neoApi: NeoApi;
  private readonly dataApi: DataApi;
  private readonly placement: OrderPlacement;
  private readonly actions: TargetActions;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly options: OrderingServiceOptions;
  /** The client request this view of the service serves; undefined for the shared service. */
  private readonly scope: RequestScope | undefined;

  constructor(options: OrderingServiceOptions, scope?: RequestScope) {
    this.options = options;
    this.scope = scope;
    this.orderApi = scope === undefined ? options.orderApi : options.orderApi.forRequest(scope);
    this.neoApi = scope === undefined ? options.neoApi : options.neoApi.forRequest(scope);
    this.dataApi = scope === undefined ? options.dataApi : options.dataApi.forRequest(scope);
    this.placement = options.placement;
    this.actions = options.actions;
    this.logger = requestLogger(options.logger, scope);
    this.now = options.now ?? Date.now;
  }

  /**
   * This service as `scope`'s request uses it: each OneAtlas call it causes takes that request's turn,
   * budget and deadline, and its log lines carry the request's ids.
   */
  forRequest(scope: RequestScope): OrderingService {
    return new OrderingService(this.options, scope);
  }

  async price(asked: OrderDraft, caller: OrderingCaller): Promise<Price> {
    requireRole(caller, 'order');
    const draft = await withDelivery(this.orderApi, this.dataApi, asked);
    await checkBeforeSending(this.orderApi, draft, this.logger, {
      productType: false,
      now: this.now(),
      marketRequired: false,
    });
    refuseIfStudiedFirst(draft.request, 'price');
    return this.orderApi.price(draft.request);
  }

  /**
   * Asks a Pléiades Neo contract for a quotation, after the checks before the upstream (its product
   * type first, read from the contract: Neo's ordering ids differ from its tracking ids). The quotation
   * is in the contract's currency, which its answer need not repeat.
   */
  async requestQuotation(asked: OrderDraft, contract: Contract): Promise<Quotation> {
    const draft = await withDelivery(this.orderApi, this.dataApi, asked);
    await checkBeforeSending(this.orderApi, draft, this.logger, {
      productType: true,
      now: this.now(),
      marketRequired: true,
    });
    refuseIfStudiedFirst(draft.request, 'quotation');
    return this.neoApi.requestQuotation(draft.request, contract.currency);
  }

  /**
   * Prices the order first; over the month's budget it is refused (BUDGET_EXCEEDED) and nothing is
   * recorded as sent; above the approval threshold it is journaled AWAITING_APPROVAL and not sent.
   * An order Airbus studies first is not priced: it is journaled and sent at 0 (see `chargeNow`).
   */
  async place(
    asked: OrderDraft,
    idempotencyKey: string,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    requireRole(caller, 'order');
    // What is fingerprinted and journaled is what is sent, delivery included.
    const draft = await withDelivery(this.orderApi, this.dataApi, asked);
    const { request, problems } = draft;
    const paid: PaidRequest = { operation: PaidOperation.ORDER, order: request };
    // The client's key is its tenant's: another tenant's same key is another order, never this one's.
    const key: AttemptKey = { keyScope: caller.tenantId, idempotencyKey };
    // An input with problems was never placed, so it repeats nothing: it is refused below.
    if (problems.isEmpty) {
      // A repeat answers the first outcome as it stands: nothing to check, price or spend again.
      const repeated = await this.placement.repeatedAnswer(fingerprintOfPaid(paid), key, this.scope);
      if (repeated !== null) return repeated;
    }
    // Before pricing and the journal: a refused input leaves no journal entry.
    await checkBeforeSending(this.orderApi, draft, this.logger, {
      productType: false,
      now: this.now(),
      marketRequired: true,
    });
    return this.spend(paid, await this.chargeNow(request, 'just-quoted'), key, caller, requestId);
  }

  /**
   * What placing the order charges through the API: its price, or nothing for an order that needs a
   * manual feasibility study. That one has no price (the upstream refuses to price it) and is charged
   * only when its requester confirms it in the OneAtlas web application after the study, outside the
   * gateway: it is journaled at 0 in its contract's currency.
   */
  private async chargeNow(request: OrderRequest, reuse: 'just-quoted' | 'fresh'): Promise<Price> {
    if (!needsManualFeasibilityStudy(request)) return this.orderApi.price(request, reuse);
    const contract = (await this.orderApi.contracts()).find(
      (candidate) => candidate.id === request.contractId,
    );
    if (contract === undefined) {
      throw new GatewayError(ErrorCode.NOT_FOUND, `CIS contract '${request.contractId}' was not found.`);
    }
    return {
      contractId: contract.id,
      currency: contract.currency,
      totalAmount: 0,
      discountPercentage: 0,
      discountValue: 0,
      productTypes: [],
    };
  }

  /**
   * Accepts a Pléiades Neo quotation: the money-spending step of Neo, under `place`'s rules (role,
   * budget, approval hold, journal). The quotation is its own idempotency key, shared by the tenants
   * of its contract, so accepting it twice is one acceptance and one upstream call. It is read fresh
   * first: unknown, expired or already decided ones are refused before anything is journaled or sent.
   */
  async acceptQuotation(
    quotation: QuotationRef,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    requireRole(caller, 'order');
    const key = acceptanceKey(quotation);
    const known = await this.placement.record(key);
    // Accepted (or held) for another tenant sharing the contract: decided, as the quotation's own
    // status will show; that tenant's journal entry is not this one's to repeat. (Two tenants racing
    // to accept it still make one acceptance: the second is answered the first's outcome.)
    if (known !== undefined && known.tenantId !== caller.tenantId && HOLDING_STATES.includes(known.state)) {
      throw alreadyDecided(quotation.quotationId, 'accepted (or held for approval) through this gateway');
    }
    const repeated = await this.placement.repeatedAnswer(fingerprintOfAcceptance(quotation), key, this.scope);
    if (repeated !== null) return repeated;
    const refusal = await this.actions.record({
      action: Action.REFUSE_QUOTATION,
      ...quotationTarget(quotation),
    });
    if (refusal !== undefined && refusal.state !== TargetActionState.NOT_SENT) {
      throw alreadyDecided(quotation.quotationId, 'refused through this gateway');
    }
    const items = await openQuotation(this.neoApi, quotation, this.now());
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

  /**
   * Over the month's budget: refused; above the approval threshold: held; else journaled and sent.
   * With a threshold, an order Airbus studies first is held too: what it will cost is unknown until
   * the study, and its charge is confirmed in OneAtlas, where the gateway's approver has no say.
   */
  private spend(
    request: PaidRequest,
    price: Price,
    key: AttemptKey,
    caller: OrderingCaller,
    requestId: string | null,
  ): Promise<JournaledOrder> {
    const { approvalThreshold } = caller.spending;
    const costUnknown =
      request.operation === PaidOperation.ORDER && needsManualFeasibilityStudy(request.order);
    return this.placement.place(
      request,
      { ...key, tenantId: caller.tenantId, requestedBy: subjectOf(caller), requestId },
      {
        price,
        budget: this.budgetOf(caller, price),
        hold: approvalThreshold !== null && (costUnknown || price.totalAmount > approvalThreshold),
      },
      this.scope,
    );
  }

  /** Releases a held order: re-priced, the budget re-checked, then sent. Needs the approve role. */
  async approve(idempotencyKey: string, caller: OrderingCaller): Promise<JournaledOrder> {
    requireRole(caller, 'approve');
    const held = await this.ownRecord(idempotencyKey, caller);
    const price = await this.freshPrice(held);
    return this.placement.approve(held, subjectOf(caller), price, this.budgetOf(caller, price), this.scope);
  }

  async reject(idempotencyKey: string, reason: string, caller: OrderingCaller): Promise<OrderAttemptRecord> {
    requireRole(caller, 'approve');
    const held = await this.ownRecord(idempotencyKey, caller);
    return this.placement.reject(held, subjectOf(caller), reason);
  }

  /** The caller's tenant's attempts only. */
  attempts(filter: Omit<AttemptFilter, 'tenantId'>, caller: OrderingCaller): Promise<OrderAttempt[]> {
    return this.placement.attempts({ ...filter, tenantId: caller.tenantId });
  }

  async attempt(idempotencyKey: string, caller: OrderingCaller): Promise<OrderAttempt | null> {
    const own = await this.findOwnRecord(idempotencyKey, caller);
    return own === undefined ? null : this.placement.attempt(own);
  }

  /**
   * A held attempt's price now: an order re-priced (still nothing for one Airbus studies first), a
   * quotation's amount read again (still open).
   */
  private async freshPrice(held: OrderAttemptRecord): Promise<Price> {
    const request = paidRequestOf(held);
    if (request.operation === PaidOperation.ORDER) return this.chargeNow(request.order, 'fresh');
    const { contractId, quotationId } = request.acceptance;
    return quotationPrice(
      request.acceptance,
      await openQuotation(this.neoApi, { contractId, quotationId }, this.now()),
    );
  }

  private async ownRecord(idempotencyKey: string, caller: OrderingCaller): Promise<OrderAttemptRecord> {
    const record = await this.findOwnRecord(idempotencyKey, caller);
    // Absent or another tenant's: the same answer, so nothing says whether it exists.
    if (record === undefined) throw forbidden();
    return record;
  }

  /**
   * The caller's tenant's attempt under a key it names: one of its own keys, else a shared key (a
   * quotation's acceptance, as `acceptQuotation` answered it) whose attempt is its tenant's.
   */
  private async findOwnRecord(
    idempotencyKey: string,
    caller: OrderingCaller,
  ): Promise<OrderAttemptRecord | undefined> {
    for (const keyScope of [caller.tenantId, SHARED_KEY_SCOPE]) {
      const record = await this.placement.record({ keyScope, idempotencyKey });
      if (record !== undefined && record.tenantId === caller.tenantId) return record;
    }
    return undefined;
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

/** What `price` and `requestQuotation` answer, after the cause, for an order Airbus studies first. */
const NO_PRICE_BEFORE_STUDY = {
  price:
    'so it has no price before the study; nothing was sent. Place it with createOrder: nothing is charged until its requester confirms it in the OneAtlas web application once the study is done.',
  quotation:
    'so it has no price, nor quotation, before the study; nothing was sent. A Pléiades Neo order is placed only by accepting a quotation: choose settings that need no study (not STEREO or TRISTEREO, a feasibility that is AUTOMATIC).',
} as const;

/**
 * Guide step 4: "Price can be calculated ONLY for orders that does not require feasibility study",
 * and a quotation is a price. Said before the upstream is asked, with a code a frontend can act on.
 */
function refuseIfStudiedFirst(request: OrderRequest, asked: keyof typeof NO_PRICE_BEFORE_STUDY): void {
  const cause = manualFeasibilityCause(request);
  if (cause === null) return;
  const [field, why] =
    cause === 'acquisitionMode'
      ? ['input.acquisitionMode', `acquisitionMode ${request.acquisitionMode}`]
      : ['input.feasibility.automationMode', 'feasibility MANUAL'];
  throw new GatewayError(
    ErrorCode.FEASIBILITY_STUDY_REQUIRED,
    `This order needs Airbus' manual feasibility study (${why}), ${NO_PRICE_BEFORE_STUDY[asked]}`,
    { field },
  );
}
