import { createHash } from 'node:crypto';
import { OrderStatus } from '../../domain/enums.js';
import type { Polygon } from '../../domain/geo.js';
import { QuotationStatus } from '../../domain/neo.js';
import { needsManualFeasibilityStudy, type OrderRequest, type Price } from '../../domain/order.js';
import {
  type AttemptKey,
  AttemptState,
  isUnresolved,
  type JournaledOrder,
  type OrderAttempt,
  type OrderAttemptRecord,
  PaidOperation,
  Resolution,
  type SegmentDecisionRecord,
} from '../../domain/order-journal.js';
import type { Tasking } from '../../domain/tasking.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { recordOrderPlaced } from '../../observability/metrics.js';
import { type RequestScope, requestLogger } from '../http/request-scope.js';
import { CallPriority } from '../http/scheduler.js';
import type { NeoApi } from '../oneatlas/neo-api.js';
import type { OrderApi } from '../oneatlas/order-api.js';
import { errorSummary, JournaledSend, type SendFailure } from './journaled-send.js';
import type {
  AttemptFilter,
  BudgetLimit,
  ClaimOutcome,
  OrderJournalStore,
  PlacedDetails,
} from './order-journal.js';

/** Who asked, for the journal, and under which key. */
export interface AttemptOwner extends AttemptKey {
  /** The client's key (in its tenant's scope); the customer reference serves when it has none. */
  idempotencyKey: string;
  tenantId: string | null;
  /** The verified subject. */
  requestedBy: string | null;
  requestId: string | null;
}

/** The acceptance of a Pléiades Neo quotation, as `acceptQuotation` journals and sends it. */
export interface QuotationAcceptance {
  contractId: string;
  quotationId: string;
  /** Its order items' reference: the journal lists attempts by it. */
  customerReference: string;
  /** Its order items' product type, as tracking names it. */
  productTypeId: string;
}

/** What one paid attempt sends: a legacy order, or the acceptance of a Neo quotation. */
export type PaidRequest =
  | { operation: typeof PaidOperation.ORDER; order: OrderRequest }
  | { operation: typeof PaidOperation.QUOTATION_ACCEPTANCE; acceptance: QuotationAcceptance };

/** What the upstream shows of an attempt that took effect. */
interface Sighting {
  salesOrderId: string | null;
  detail: string;
}

/** What the ordering service decided before the attempt is recorded. */
export interface SpendDecision {
  /** The price asked first; recorded with the attempt, so an order settled without its answer keeps it. */
  price: Price | null;
  /** Checked and reserved atomically with the record; null: no budget. */
  budget: BudgetLimit | null;
  /** Record it AWAITING_APPROVAL instead of sending it. */
  hold: boolean;
}

export interface OrderPlacementOptions {
  orderApi: OrderApi;
  /** Sends and looks up quotation acceptances (Neo contracts). */
  neoApi: NeoApi;
  journal: OrderJournalStore;
  /** How long a sent order may take to show up upstream before it counts as not placed. */
  graceMs: number;
  /** Pause between background look-ups of orders whose outcome is unknown. */
  reconcileIntervalMs: number;
  /**
   * An attempt left SENDING this long was abandoned by a process that stopped (no send outlives its
   * queue wait and timeout): the sweep settles it. With a journal of its own (embedded), a starting
   * process settles every SENDING attempt at once; with a shared one only these.
   */
  abandonedAfterMs: number;
  /** The credential this placement orders with; it reconciles only the attempts sent with it. */
  credentialId: string | null;
  /** Whether other processes write the same journal (PostgreSQL). */
  sharedJournal: boolean;
  logger: Logger;
  now?: () => number;
}

/**
 * How long a repeated call waits for another replica's send under the same key before reconciling
 * it: about a send's turn and answer, within the request's own deadline.
 */
const JOIN_WAIT_MS = 15_000;
const JOIN_POLL_MS = 200;

/**
 * What one piece of placement work goes through: the APIs and logger of the client request it is
 * for (its turn, budget, deadline and log ids), or those of the background (sweeps, recovery).
 */
interface Channel {
  orderApi: OrderApi;
  neoApi: NeoApi;
  logger: Logger;
}

/**
 * Idempotent ordering over an upstream that has no idempotency key. Each attempt is journaled before
 * its POST leaves, and the POST leaves only once its departure is journaled; a POST whose answer is
 * lost (timeout, reset, 5xx, restart) is never sent again blindly: the order is looked up by customer
 * reference, and only an order still absent when the grace period ends counts as not placed. A POST
 * that provably never reached the upstream (still queued, connection refused, 429) placed nothing, and
 * the next call with its key sends it. A repeated call with the same key and input answers the first
 * outcome; with another input it is refused while the first may have placed an order.
 */
export class OrderPlacement {
  private readonly background: Channel;
  private readonly journal: OrderJournalStore;
  private readonly graceMs: number;
  private readonly reconcileIntervalMs: number;
  private readonly abandonedAfterMs: number;
  private readonly credentialId: string | null;
  private readonly sharedJournal: boolean;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Calls of this process in progress, by `progressKey`: an optimisation only, the journal's claim decides. */
  private readonly inProgress = new Map<string, { fingerprint: string; result: Promise<JournaledOrder> }>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** What a stopped process left SENDING is settled before any call is answered. */
  private readonly recovered: Promise<void>;

  constructor(options: OrderPlacementOptions) {
    this.background = { orderApi: options.orderApi, neoApi: options.neoApi, logger: options.logger };
    this.journal = options.journal;
    this.graceMs = options.graceMs;
    this.reconcileIntervalMs = options.reconcileIntervalMs;
    this.abandonedAfterMs = options.abandonedAfterMs;
    this.credentialId = options.credentialId;
    this.sharedJournal = options.sharedJournal;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    // With a journal of its own, a starting process settles every SENDING attempt; with a shared one,
    // only those abandoned long enough ago (the others may be another replica's, in flight).
    const now = this.now();
    this.recovered = this.recover(
      options.sharedJournal ? now - options.abandonedAfterMs : now + 1,
      this.background,
    )
      .catch((error: unknown) => {
        this.logger.warn({ code: errorSummary(error).code }, 'could not settle interrupted order attempts');
      })
      .then(() => this.scheduleSweep());
  }

  /** `scope`: the client request the order is placed for; its POST takes that request's turn. */
  async place(
    request: PaidRequest,
    owner: AttemptOwner,
    spend: SpendDecision,
    scope?: RequestScope,
  ): Promise<JournaledOrder> {
    await this.recovered;
    const progress = progressKey(owner);
    const fingerprint = fingerprintOfPaid(request);
    const running = this.inProgress.get(progress);
    if (running !== undefined) {
      return running.fingerprint === fingerprint
        ? running.result
        : Promise.reject(conflictError(owner.idempotencyKey));
    }
    const result = this.settle(fingerprint, request, owner, spend, this.channelOf(scope)).finally(() =>
      this.inProgress.delete(progress),
    );
    this.inProgress.set(progress, { fingerprint, result });
    return result;
  }

  /** Sends a held order at its re-checked price; only an attempt AWAITING_APPROVAL can be approved. */
  async approve(
    key: AttemptKey,
    approver: string,
    price: Price,
    budget: BudgetLimit | null,
    scope?: RequestScope,
  ): Promise<JournaledOrder> {
    await this.recovered;
    const outcome = await this.journal.approve(
      key,
      { decidedBy: approver, currency: price.currency, totalAmount: price.totalAmount },
      budget,
    );
    if (outcome.kind === 'over-budget') throw budgetExceeded(outcome.remaining, price.currency);
    if (outcome.kind === 'held') throw notAwaitingApproval(key.idempotencyKey);
    const result = this.send(outcome.record, paidRequestOf(outcome.record), this.channelOf(scope));
    const progress = progressKey(key);
    this.inProgress.set(progress, { fingerprint: outcome.record.fingerprint, result });
    return result.finally(() => this.inProgress.delete(progress));
  }

  async reject(key: AttemptKey, approver: string, reason: string): Promise<OrderAttemptRecord> {
    const record = await this.journal.rejectHeld(key, approver, reason);
    if (record?.state !== AttemptState.APPROVAL_REJECTED || record.decidedBy !== approver) {
      throw notAwaitingApproval(key.idempotencyKey);
    }
    return record;
  }

  /**
   * What a repeated call answers without pricing or sending anything: the first outcome when the key
   * already holds an order that is placed, held, or may be placed (null when the key is free or its
   * attempt placed nothing). A call of this process in progress under the key is joined.
   */
  async repeatedAnswer(
    fingerprint: string,
    key: AttemptKey,
    scope?: RequestScope,
  ): Promise<JournaledOrder | null> {
    await this.recovered;
    const running = this.inProgress.get(progressKey(key));
    if (running !== undefined) {
      if (running.fingerprint !== fingerprint) throw conflictError(key.idempotencyKey);
      return running.result;
    }
    const known = await this.journal.get(key);
    return known === undefined ? null : this.answerHeld(known, fingerprint, this.channelOf(scope));
  }

  /** The attempt as recorded, without its history (for authorisation and approval). */
  async record(key: AttemptKey): Promise<OrderAttemptRecord | undefined> {
    await this.recovered;
    return this.journal.get(key);
  }

  async attempts(filter: AttemptFilter): Promise<OrderAttempt[]> {
    await this.recovered;
    const records = await this.journal.list(filter);
    return Promise.all(records.map((record) => this.withDetails(record)));
  }

  async attempt(key: AttemptKey): Promise<OrderAttempt | null> {
    await this.recovered;
    const record = await this.journal.get(key);
    return record === undefined ? null : this.withDetails(record);
  }

  recordSegmentDecision(decision: SegmentDecisionRecord): Promise<void> {
    return this.journal.recordSegmentDecision(decision);
  }

  /** Whether orders can be taken: the journal can be written (for `/readyz`). */
  isReady(): Promise<boolean> {
    return this.journal.isReady();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.sweepTimer);
  }

  private channelOf(scope: RequestScope | undefined): Channel {
    if (scope === undefined) return this.background;
    const { orderApi, neoApi, logger } = this.background;
    return {
      orderApi: orderApi.forRequest(scope),
      neoApi: neoApi.forRequest(scope),
      logger: requestLogger(logger, scope),
    };
  }

  private async settle(
    fingerprint: string,
    request: PaidRequest,
    owner: AttemptOwner,
    spend: SpendDecision,
    channel: Channel,
  ): Promise<JournaledOrder> {
    const known = await this.journal.get(owner);
    if (known !== undefined) {
      const answer = await this.answerHeld(known, fingerprint, channel);
      if (answer !== null) return answer;
    }
    const outcome: ClaimOutcome = await this.journal.claim(
      {
        keyScope: owner.keyScope,
        idempotencyKey: owner.idempotencyKey,
        operation: request.operation,
        fingerprint,
        ...journaledFields(request),
        credentialId: this.credentialId,
        tenantId: owner.tenantId,
        requestedBy: owner.requestedBy,
        requestId: owner.requestId,
        currency: spend.price?.currency ?? null,
        totalAmount: spend.price?.totalAmount ?? null,
      },
      spend.hold ? AttemptState.AWAITING_APPROVAL : AttemptState.SENDING,
      spend.budget,
    );
    if (outcome.kind === 'over-budget') {
      throw budgetExceeded(outcome.remaining, spend.budget?.currency ?? spend.price?.currency ?? '');
    }
    if (outcome.kind === 'reference-taken') throw referenceTakenError(inputOf(request).customerReference);
    if (outcome.kind === 'held') {
      // Another replica claimed the key between our read and our claim: answer its attempt (once it
      // is known, if it is on its way). Only if it placed nothing may this call claim the key again.
      const record = outcome.record;
      if (record === undefined) throw new Error('held order attempt without a record');
      const answer = await this.answerHeld(record, fingerprint, channel);
      return answer ?? this.settle(fingerprint, request, owner, spend, channel);
    }
    if (outcome.record.state === AttemptState.AWAITING_APPROVAL) {
      channel.logger.info({ idempotencyKey: owner.idempotencyKey }, 'order held for approval');
      return orderOf(outcome.record);
    }
    return this.send(outcome.record, request, channel);
  }

  /** The answer for a key an attempt already holds; null when the key is free for a new attempt. */
  private async answerHeld(
    known: OrderAttemptRecord,
    fingerprint: string,
    channel: Channel,
  ): Promise<JournaledOrder | null> {
    const holds =
      known.state === AttemptState.PLACED ||
      known.state === AttemptState.AWAITING_APPROVAL ||
      isUnresolved(known.state);
    if (!holds) return null;
    if (known.fingerprint !== fingerprint) throw conflictError(known.idempotencyKey);
    if (!isUnresolved(known.state)) return orderOf(known);
    if (known.state === AttemptState.SENDING && this.sharedJournal) {
      // Another replica's call under this key (this process's own are joined in `place`): its
      // outcome is worth waiting for, rather than answering "unknown" while it is on its way.
      const later = await this.afterAnotherReplicasSend(known, channel);
      if (later.state !== AttemptState.SENDING) return this.answerHeld(later, fingerprint, channel);
    }
    if (known.sentAt === null && (await this.settledNotSent(known, channel))) return null;
    const checked = await this.reconcile(known, CallPriority.CRITICAL, channel);
    // Still unknown: answer so, and never send it again while it may yet appear upstream.
    return checked.state === AttemptState.ABSENT ? null : orderOf(checked);
  }

  /** The record once it left SENDING, or as it is after JOIN_WAIT_MS (a stuck one is reconciled). */
  private async afterAnotherReplicasSend(
    record: OrderAttemptRecord,
    channel: Channel,
  ): Promise<OrderAttemptRecord> {
    const until = this.now() + JOIN_WAIT_MS;
    let current = record;
    while (current.state === AttemptState.SENDING && this.now() < until && !this.closed) {
      // A dead replica's attempt is settled at once (its presence lock is gone), so a retry after a
      // crash does not wait out the bound.
      await this.recover(this.now() - this.abandonedAfterMs, channel);
      current = (await this.journal.get(record)) ?? current;
      if (current.state !== AttemptState.SENDING) break;
      await new Promise((resolve) => setTimeout(resolve, JOIN_POLL_MS));
    }
    return current;
  }

  private async send(
    record: OrderAttemptRecord,
    request: PaidRequest,
    channel: Channel,
  ): Promise<JournaledOrder> {
    const key = record.idempotencyKey;
    const send = new JournaledSend({
      markSent: () => this.journal.markSent(record, record.attemptId),
      markNotSent: (error, marked) => this.journal.markNotSent(record, record.attemptId, error, marked),
    });
    let order: PlacedDetails;
    try {
      order =
        request.operation === PaidOperation.ORDER
          ? chargedNow(request.order, await channel.orderApi.placeOrder(request.order, send.onDispatch))
          : await this.accept(request.acceptance, send.onDispatch, channel);
    } catch (error) {
      return this.failed(record, error, send, channel);
    }
    const answered: JournaledOrder = {
      ...order,
      status: OrderStatus.PLACED,
      customerReference: record.customerReference,
      currency: order.currency ?? record.currency,
      totalAmount: order.totalAmount ?? record.totalAmount,
      idempotencyKey: key,
    };
    try {
      return orderOf(
        await this.recordPlaced(record, order, Resolution.ANSWER, `sales order ${order.salesOrderId ?? '?'}`),
      );
    } catch (error) {
      // The order exists upstream whatever the journal says: tell the client the truth. The attempt stays
      // unresolved in the journal, so reconciliation records it once the journal can be written again.
      channel.logger.error(
        { idempotencyKey: key, salesOrderId: order.salesOrderId, code: errorSummary(error).code },
        'order placed but the journal could not record it',
      );
      return answered;
    }
  }

  /** Records the attempt PLACED, and counts the order and its amount (as the journal now holds it). */
  private async recordPlaced(
    ...placed: Parameters<OrderJournalStore['markPlaced']>
  ): Promise<OrderAttemptRecord> {
    const record = await this.journal.markPlaced(...placed);
    recordOrderPlaced(record.currency, record.totalAmount);
    return record;
  }

  private async failed(
    record: OrderAttemptRecord,
    error: unknown,
    send: JournaledSend,
    channel: Channel,
  ): Promise<never | JournaledOrder> {
    const key = record.idempotencyKey;
    const summary = errorSummary(error);
    let failure: SendFailure;
    try {
      failure = await send.failure(error);
    } catch (journalError) {
      // Left SENDING: recovery settles it NOT_SENT, or of unknown outcome if it was marked sent.
      channel.logger.warn(
        { idempotencyKey: key, code: errorSummary(journalError).code },
        'could not journal an unsent order',
      );
      throw error;
    }
    if (failure === 'not-sent') throw error;
    if (failure === 'refused') {
      await this.journal.markRejected(record, record.attemptId, summary).catch(() => undefined);
      throw error;
    }
    channel.logger.warn({ idempotencyKey: key, code: summary.code }, 'order outcome unknown: reconciling');
    let unknown: OrderAttemptRecord;
    try {
      unknown = await this.journal.markUnknown(record, record.attemptId, summary);
    } catch {
      // It was sent: the truth is "unknown", not an internal error.
      return orderOf({ ...record, state: AttemptState.OUTCOME_UNKNOWN });
    }
    const checked = await this.reconcile(unknown, CallPriority.CRITICAL, channel);
    // Only with a grace period of 0: not found at once counts as not placed, and the caller learns why.
    if (checked.state === AttemptState.ABSENT) throw error;
    return orderOf(checked);
  }

  /** Looks the order up by customer reference; settles it when found or when the grace period is over. */
  private async reconcile(
    record: OrderAttemptRecord,
    priority: CallPriority,
    channel: Channel,
  ): Promise<OrderAttemptRecord> {
    try {
      return await this.lookUp(record, priority, channel);
    } catch (error) {
      // The journal (not the upstream) failed: the record as known is the truthful answer.
      channel.logger.warn(
        { idempotencyKey: record.idempotencyKey, code: errorSummary(error).code },
        'reconciliation could not be journaled',
      );
      return record;
    }
  }

  /**
   * A quotation's acceptance: its answer has no documented body, so the priced amount recorded with
   * the attempt stands, and the sales order is the one the answer names, else the one its order items
   * show once accepted (unknown when that read fails: the acceptance stands all the same).
   */
  private async accept(
    acceptance: QuotationAcceptance,
    onDispatch: () => Promise<void>,
    channel: Channel,
  ): Promise<PlacedDetails> {
    const { contractId, quotationId } = acceptance;
    const answer = await channel.neoApi.decideQuotation('accept', contractId, quotationId, onDispatch);
    const salesOrderId =
      answer.salesOrderId ??
      (await channel.neoApi
        .orderItemsNow(contractId, { quotationId })
        .then((items) => items.find((item) => item.salesOrderId !== null)?.salesOrderId ?? null)
        .catch(() => null));
    return { salesOrderId, currency: null, totalAmount: null, discountPercentage: null, discountValue: null };
  }

  private async lookUp(
    record: OrderAttemptRecord,
    priority: CallPriority,
    channel: Channel,
  ): Promise<OrderAttemptRecord> {
    // Never dispatched: there is nothing to find upstream, and a check would refresh the attempt and
    // keep recovery from settling it NOT_SENT once its (stopped) sender is known to have abandoned it.
    if (record.sentAt === null) return record;
    let sightings: Sighting[];
    try {
      sightings = await this.sightingsOf(record, priority, channel);
    } catch (error) {
      const { code } = errorSummary(error);
      return this.closed ? record : this.journal.markChecked(record, `look-up failed: ${code}`);
    }
    if (this.closed) return record;
    // A reference reused by an earlier order of this gateway must not pass for this one.
    const taken = await this.journal.salesOrdersOfOtherAttempts(record.customerReference, record);
    const match = sightings.find(
      (sighting) => sighting.salesOrderId === null || !taken.has(sighting.salesOrderId),
    );
    if (match !== undefined) {
      channel.logger.info(
        { idempotencyKey: record.idempotencyKey },
        'order of unknown outcome found upstream',
      );
      return this.recordPlaced(
        record,
        // The answer was lost: the priced amount recorded with the attempt stands.
        {
          salesOrderId: match.salesOrderId,
          currency: null,
          totalAmount: null,
          discountPercentage: null,
          discountValue: null,
        },
        record.operation === PaidOperation.ORDER
          ? Resolution.FOUND_BY_CUSTOMER_REFERENCE
          : Resolution.FOUND_BY_QUOTATION,
        match.detail,
      );
    }
    if (this.now() >= this.outcomeDeadlineOf(record)) {
      channel.logger.warn(
        { idempotencyKey: record.idempotencyKey },
        'order not found upstream after the grace period',
      );
      return this.journal.markAbsent(record, 'not found upstream after the grace period');
    }
    return this.journal.markChecked(record, 'not found upstream yet');
  }

  /**
   * What the upstream shows of this attempt: an order's taskings by customer reference (the
   * upstream's filter is not trusted: each must be this order), or a quotation seen ACCEPTED.
   */
  private async sightingsOf(
    record: OrderAttemptRecord,
    priority: CallPriority,
    channel: Channel,
  ): Promise<Sighting[]> {
    const request = paidRequestOf(record);
    if (request.operation === PaidOperation.QUOTATION_ACCEPTANCE) {
      const { contractId, quotationId } = request.acceptance;
      const items = await channel.neoApi.orderItemsNow(contractId, { quotationId }, priority);
      return items
        .filter((item) => item.quotationStatus === QuotationStatus.ACCEPTED)
        .map((item) => ({
          salesOrderId: item.salesOrderId,
          detail: `quotation ${quotationId} accepted (order item ${item.id})`,
        }));
    }
    const taskings = await channel.orderApi.taskingsByCustomerReference(
      record.contractId,
      record.customerReference,
      priority,
    );
    return taskings
      .filter((tasking) => isThisOrder(tasking, record))
      .map((tasking) => ({
        salesOrderId: tasking.salesOrder,
        detail: `tasking ${tasking.id} of sales order ${tasking.salesOrder ?? '?'}`,
      }));
  }

  /**
   * Whether an attempt never sent was left by a sender that stopped (another replica that died, with a
   * shared journal): it is then settled NOT_SENT, and its key is free for this call.
   */
  private async settledNotSent(record: OrderAttemptRecord, channel: Channel): Promise<boolean> {
    await this.recover(this.now() - this.abandonedAfterMs, channel);
    return (await this.journal.get(record))?.state === AttemptState.NOT_SENT;
  }

  private async recover(before: number, channel: Channel): Promise<void> {
    const interrupted = await this.journal.recoverInterrupted(new Date(before));
    if (interrupted > 0) {
      channel.logger.warn({ interrupted }, 'order attempts interrupted by a stopped gateway were settled');
    }
  }

  /**
   * The background look-up of unknown outcomes. It runs on one replica at a time (the journal's lease),
   * so N replicas cost the upstream what one does, and moves to another replica when that one dies.
   */
  private scheduleSweep(): void {
    if (this.closed) return;
    this.sweepTimer = setTimeout(() => {
      void this.sweep().finally(() => this.scheduleSweep());
    }, this.reconcileIntervalMs);
    // A pending look-up must not keep a stopping process alive: the journal resumes it after a restart.
    this.sweepTimer.unref();
  }

  private async sweep(): Promise<void> {
    try {
      if (!(await this.journal.holdsReconciliationLease())) return;
      await this.recover(this.now() - this.abandonedAfterMs, this.background);
      for (const record of await this.journal.unresolved(this.credentialId)) {
        if (this.closed) return;
        if (this.inProgress.has(progressKey(record))) continue;
        await this.reconcile(record, CallPriority.BACKGROUND, this.background);
      }
    } catch (error) {
      this.logger.warn(
        { code: errorSummary(error).code },
        'order reconciliation sweep failed; retrying later',
      );
    }
  }

  private outcomeDeadlineOf(record: OrderAttemptRecord): number {
    return (record.sentAt ?? record.createdAt).getTime() + this.graceMs;
  }

  private async withDetails(record: OrderAttemptRecord): Promise<OrderAttempt> {
    return {
      ...record,
      outcomeDeadline: isUnresolved(record.state) ? new Date(this.outcomeDeadlineOf(record)) : null,
      events: await this.journal.events(record),
    };
  }
}

/**
 * Whether a tasking found by customer reference is this attempt's order: the upstream's filter is not
 * trusted, so the reference must be exactly the attempt's, and the programming type and AOI must agree
 * where the upstream returns them.
 */
export function isThisOrder(tasking: Tasking, record: OrderAttemptRecord): boolean {
  if (tasking.customerReference !== record.customerReference) return false;
  // Product type ids end with their programming type (PleiadesTaskingOneDay, PleiadesNeoOneNowAttempts);
  // the tasking names only the latter ("OneDay").
  if (
    tasking.progTypeName &&
    !record.productTypeId.toLowerCase().endsWith(tasking.progTypeName.toLowerCase())
  ) {
    return false;
  }
  const ordered = (record.input as { aoi?: Polygon } | null)?.aoi;
  return tasking.aoi === null || ordered === undefined || sameArea(tasking.aoi, ordered);
}

/** Bounding boxes within ~10 m: the upstream may re-close or re-order a ring, not move it. */
function sameArea(a: Polygon, b: Polygon): boolean {
  const boxOf = (polygon: Polygon) => {
    const points = polygon.coordinates.flat();
    const lons = points.map(([lon]) => lon);
    const lats = points.map(([, lat]) => lat);
    return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  };
  const [boxA, boxB] = [boxOf(a), boxOf(b)];
  return boxA.every((value, index) => Math.abs(value - (boxB[index] ?? Number.NaN)) < 1e-4);
}

/**
 * What the answer to an order says was charged. An order Airbus studies first is charged only once its
 * requester confirms it in OneAtlas after the study, outside the gateway: whatever amount the answer
 * announces, nothing was charged now, and the amount recorded with the attempt (0) stands.
 */
function chargedNow(order: OrderRequest, answer: PlacedDetails): PlacedDetails {
  if (!needsManualFeasibilityStudy(order)) return answer;
  return {
    salesOrderId: answer.salesOrderId,
    currency: null,
    totalAmount: null,
    discountPercentage: null,
    discountValue: null,
  };
}

/** A key in its scope as one map key (scopes are tenant ids or empty, never containing a newline). */
function progressKey(key: AttemptKey): string {
  return `${key.keyScope}\n${key.idempotencyKey}`;
}

function orderOf(record: OrderAttemptRecord): JournaledOrder {
  return {
    status: statusOf(record.state),
    salesOrderId: record.state === AttemptState.PLACED ? record.salesOrderId : null,
    currency: record.currency,
    totalAmount: record.totalAmount,
    discountPercentage: record.discountPercentage,
    discountValue: record.discountValue,
    customerReference: record.customerReference,
    idempotencyKey: record.idempotencyKey,
  };
}

function statusOf(state: AttemptState): OrderStatus {
  if (state === AttemptState.PLACED) return OrderStatus.PLACED;
  if (state === AttemptState.AWAITING_APPROVAL) return OrderStatus.AWAITING_APPROVAL;
  return OrderStatus.OUTCOME_UNKNOWN;
}

/** What an attempt sends, from its record: its order input, or the quotation it accepts. */
export function paidRequestOf(record: OrderAttemptRecord): PaidRequest {
  return record.operation === PaidOperation.QUOTATION_ACCEPTANCE
    ? { operation: record.operation, acceptance: record.input as QuotationAcceptance }
    : { operation: PaidOperation.ORDER, order: journaledRequest(record) };
}

/** The journal's columns that say what an attempt orders. */
function journaledFields(
  request: PaidRequest,
): Pick<OrderAttemptRecord, 'contractId' | 'customerReference' | 'productTypeId' | 'input'> {
  const input = inputOf(request);
  const { contractId, customerReference, productTypeId } = input;
  return { contractId, customerReference, productTypeId, input };
}

function inputOf(request: PaidRequest): OrderRequest | QuotationAcceptance {
  return request.operation === PaidOperation.ORDER ? request.order : request.acceptance;
}

/** An order's fingerprint is its whole input; an acceptance's, the quotation it accepts. */
export function fingerprintOfPaid(request: PaidRequest): string {
  return request.operation === PaidOperation.ORDER
    ? fingerprintOf(request.order)
    : fingerprintOfAcceptance(request.acceptance);
}

export function fingerprintOfAcceptance({
  contractId,
  quotationId,
}: Pick<QuotationAcceptance, 'contractId' | 'quotationId'>): string {
  return fingerprintOf({ contractId, quotationId });
}

/** The order input an attempt recorded; the journal keeps it as JSON, so its window's dates are revived. */
export function journaledRequest(record: OrderAttemptRecord): OrderRequest {
  const request = record.input as OrderRequest;
  // The journal keeps dates as JSON text.
  const dates = (window: { start: Date | string; end: Date | string }) => ({
    start: new Date(window.start),
    end: new Date(window.end),
  });
  return {
    ...request,
    window: request.window === null ? null : dates(request.window),
    ...(request.acquisitionPeriods === undefined
      ? {}
      : { acquisitionPeriods: request.acquisitionPeriods.map(dates) }),
    ...(request.orderDeadline === undefined ? {} : { orderDeadline: new Date(request.orderDeadline) }),
  };
}

function conflictError(key: string): GatewayError {
  return new GatewayError(
    ErrorCode.IDEMPOTENCY_CONFLICT,
    `The idempotency key "${key}" is already used by a different order that is placed, held or may be placed; nothing was sent. Repeat that order's input exactly, or use a new key (and customer reference).`,
    { field: 'input.idempotencyKey' },
  );
}

function referenceTakenError(customerReference: string): GatewayError {
  return new GatewayError(
    ErrorCode.IDEMPOTENCY_CONFLICT,
    `The customer reference "${customerReference}" is already used by another order that is placed, held or may be placed; nothing was sent. Airbus wants one reference per order: choose a new one, or repeat that order with its own idempotency key.`,
    { field: 'input.customerReference' },
  );
}

export function budgetExceeded(remaining: number, currency: string): GatewayError {
  return new GatewayError(
    ErrorCode.BUDGET_EXCEEDED,
    `The order's price exceeds what is left of this month's budget (${remaining} ${currency}); nothing was sent.`,
    { remainingAmount: remaining, currency },
  );
}

function notAwaitingApproval(key: string): GatewayError {
  return new GatewayError(
    ErrorCode.NOT_AWAITING_APPROVAL,
    `The order "${key}" is not awaiting approval; nothing was sent.`,
    { field: 'idempotencyKey' },
  );
}

/** The same input gives the same fingerprint, whatever the order of object keys. */
export function fingerprintOf(request: object): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
