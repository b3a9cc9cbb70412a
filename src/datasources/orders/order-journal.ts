import {
  type AttemptKey,
  AttemptState,
  type OrderAttemptEvent,
  type OrderAttemptRecord,
  PaidOperation,
  type Resolution,
  type SegmentDecisionRecord,
  SHARED_KEY_SCOPE,
  type TargetActionKind,
  type TargetActionRecord,
  type TargetActionState,
  type TargetKey,
} from '../../domain/order-journal.js';
import { ErrorCode, GatewayError } from '../../errors.js';

/** What is known of an attempt when it is first recorded, before anything is sent. */
export type NewAttempt = Pick<
  OrderAttemptRecord,
  | 'idempotencyKey'
  | 'keyScope'
  | 'operation'
  | 'fingerprint'
  | 'contractId'
  | 'customerReference'
  | 'productTypeId'
  | 'input'
  | 'credentialId'
  | 'tenantId'
  | 'requestedBy'
  | 'requestId'
  | 'currency'
  | 'totalAmount'
>;

export interface PlacedDetails {
  salesOrderId: string | null;
  currency: string | null;
  totalAmount: number | null;
  discountPercentage: number | null;
  discountValue: number | null;
}

export interface AttemptFilter {
  states: readonly AttemptState[];
  customerReference: string | null;
  /** Only this tenant's attempts; null: every tenant's. */
  tenantId: string | null;
  offset: number;
  limit: number;
}

/** A tenant's monthly budget, checked and reserved in the same transaction that records an attempt. */
export interface BudgetLimit {
  tenantId: string;
  /** Only amounts in this currency count (a budget is in its contracts' currency). */
  currency: string;
  monthlyBudget: number;
  /** Start of the current calendar month (UTC): what was committed before does not count. */
  monthStart: Date;
}

/** Who approved a held order and at which (re-)priced amount. */
export interface ApprovalDecision {
  decidedBy: string;
  currency: string;
  totalAmount: number;
}

export type ClaimOutcome =
  /** The attempt is recorded under a fresh `attemptId`; the caller owns it. */
  | { kind: 'claimed'; record: OrderAttemptRecord }
  /** Another attempt holds the key (or, for an approval, the attempt is not awaiting one). */
  | { kind: 'held'; record: OrderAttemptRecord | undefined }
  /** Nothing recorded: the amount does not fit in what is left of the month's budget. */
  | { kind: 'over-budget'; remaining: number }
  /**
   * Nothing recorded: another key's attempt with the same customer reference, on the same OneAtlas
   * credential, is placed or may be. Airbus wants a reference unique per order.
   */
  | { kind: 'reference-taken' };

/** An approval's outcome: the held attempt already owns its customer reference. */
export type ApprovalOutcome = Exclude<ClaimOutcome, { kind: 'reference-taken' }>;

/** The states a claim may record an attempt in. */
export type ClaimState = typeof AttemptState.SENDING | typeof AttemptState.AWAITING_APPROVAL;

/**
 * The durable record of every order attempt, behind one interface with an embedded implementation
 * (SQLite, one process per data folder) and a shared one (PostgreSQL, any number of replicas). Each
 * change is committed before the call that follows it. A write that cannot be made throws
 * JOURNAL_UNAVAILABLE: the caller must not send what it cannot record.
 *
 * Every attempt is addressed by its key in its scope (`AttemptKey`; a record is one). Updates made
 * by the attempt's sender name its `attemptId`, so a sender whose claim was superseded
 * (its replica stalled while another recovered the key) changes nothing; reconciliation's updates
 * apply only to attempts still unresolved, so concurrent look-ups cannot undo each other.
 */
export interface OrderJournalStore {
  get(key: AttemptKey): Promise<OrderAttemptRecord | undefined>;
  /**
   * Atomically, across replicas: when an attempt holds the key (in its scope), answers it; otherwise
   * checks that no other key holds the customer reference, then the budget (when given) against what the tenant placed
   * or holds this month, and records the new attempt.
   */
  claim(attempt: NewAttempt, state: ClaimState, budget: BudgetLimit | null): Promise<ClaimOutcome>;
  /** AWAITING_APPROVAL → SENDING at the re-priced amount, atomically with the budget re-check. */
  approve(key: AttemptKey, decision: ApprovalDecision, budget: BudgetLimit | null): Promise<ApprovalOutcome>;
  /** AWAITING_APPROVAL → APPROVAL_REJECTED; answers the record as it stands (unchanged when not held). */
  rejectHeld(key: AttemptKey, decidedBy: string, reason: string): Promise<OrderAttemptRecord | undefined>;
  /** Just before the POST leaves; throws (and nothing may be sent) when the claim was superseded. */
  markSent(key: AttemptKey, attemptId: string): Promise<void>;
  /** PLACED, unless the attempt was already resolved another way (a reconciliation racing the answer). */
  markPlaced(
    key: AttemptKey,
    order: PlacedDetails,
    resolution: Resolution,
    detail: string,
  ): Promise<OrderAttemptRecord>;
  markUnknown(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord>;
  markRejected(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord>;
  /**
   * NOT_SENT, only while the journal agrees with the sender on whether the attempt was marked sent
   * (`marked`, see `sentAsSeenSql`): a send marked by a dispatch the sender stopped waiting for may be
   * on its way, and is never written over.
   */
  markNotSent(
    key: AttemptKey,
    attemptId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome>;
  /** Not found upstream when the grace period ended; unless resolved meanwhile. */
  markAbsent(key: AttemptKey, detail: string): Promise<OrderAttemptRecord>;
  /** A reconciliation look-up that settled nothing (not found yet, or the look-up failed). */
  markChecked(key: AttemptKey, detail: string): Promise<OrderAttemptRecord>;
  /**
   * Attempts left SENDING since before `before` by a process that stopped (with PostgreSQL, also those
   * whose replica is known to be gone, whenever they were claimed): never dispatched ones are NOT_SENT,
   * dispatched ones of unknown outcome. Answers how many.
   */
  recoverInterrupted(before: Date): Promise<number>;
  /** Unresolved attempts sent with this credential (a look-up must use the credential that ordered). */
  unresolved(credentialId: string | null): Promise<OrderAttemptRecord[]>;
  /** Sales orders already owned by other attempts with this customer reference: not this attempt's. */
  salesOrdersOfOtherAttempts(customerReference: string, key: AttemptKey): Promise<Set<string>>;
  /** Newest first; `limit + 1` rows are never read, so a page is bounded whatever the journal holds. */
  list(filter: AttemptFilter): Promise<OrderAttemptRecord[]>;
  events(key: AttemptKey): Promise<OrderAttemptEvent[]>;
  /** How many attempts are in each state (the states with none are left out), for metrics. */
  countByState(): Promise<Record<string, number>>;
  recordSegmentDecision(decision: SegmentDecisionRecord): Promise<void>;
  /**
   * Atomically, across replicas: records the action on its target, unless a record of it already
   * holds the key (anything but NOT_SENT, or a SENDING one never dispatched and claimed before
   * `abandonedBefore`, which is taken over).
   */
  claimAction(action: NewTargetAction, abandonedBefore: Date): Promise<ActionClaim>;
  /** Just before the call leaves; throws (and nothing may be sent) when the claim was taken over. */
  markActionSent(key: TargetKey, claimId: string): Promise<void>;
  /** The claim's outcome; a claim taken over changes nothing. Answers the record as it stands. */
  settleAction(
    key: TargetKey,
    claimId: string,
    state: SettledActionState,
    error: ErrorSummary | null,
  ): Promise<TargetActionRecord>;
  /** NOT_SENT, under the same rule as `markNotSent`, while the claim is still SENDING. */
  markActionNotSent(
    key: TargetKey,
    claimId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome>;
  targetAction(key: TargetKey): Promise<TargetActionRecord | undefined>;
  segmentDecisions(segmentId: string): Promise<SegmentDecisionRecord[]>;
  /** Whether this process may run the background reconciliation now (one replica at a time). */
  holdsReconciliationLease(): Promise<boolean>;
  /** Whether the journal can be written now (for `/readyz` and before taking orders); never throws. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** What is known of an action when it is claimed, before anything is sent. */
export type NewTargetAction = Pick<
  TargetActionRecord,
  'action' | 'contractId' | 'targetId' | 'tenantId' | 'requestedBy' | 'requestId'
>;

export type ActionClaim =
  | { kind: 'claimed'; record: TargetActionRecord }
  /** Another call's record holds the key: its outcome is the answer. */
  | { kind: 'held'; record: TargetActionRecord };

export interface ErrorSummary {
  code: string;
  message: string;
}

/** What an action's claim is settled with once it was sent or refused (NOT_SENT has its own guard). */
export type SettledActionState = Exclude<
  TargetActionState,
  typeof TargetActionState.SENDING | typeof TargetActionState.NOT_SENT
>;

/**
 * What a NOT_SENT came to: written; refused because the journal has the send marked, by a dispatch
 * its sender did not see finish (it may be on its way); or refused because the record is no longer
 * the sender's to settle (its claim was superseded, or it was settled meanwhile).
 */
export type NotSentOutcome = 'written' | 'marked-sent' | 'not-owned';

export function notSentOutcome(written: boolean, ownAndUnsettled: boolean): NotSentOutcome {
  if (written) return 'written';
  return ownAndUnsettled ? 'marked-sent' : 'not-owned';
}

/**
 * The condition NOT_SENT is written under, the same in both stores and both tables: the journal's
 * record of the send is what its sender saw. A sender that stopped waiting while the journal was
 * still recording the send (its answer timeout, a slow database) did not see it marked, and the send
 * leaves all the same; one that saw it marked writes NOT_SENT only on the upstream's own proof (a
 * 429, a refused connection), the answer to that very send.
 */
export function sentAsSeenSql(marked: boolean): string {
  return marked ? 'sent_at IS NOT NULL' : 'sent_at IS NULL';
}

/** The most an attempt's input may weigh once serialised: a journal row stays small whatever a client sends. */
export const MAX_INPUT_BYTES = 64 * 1024;
/** Error messages and details kept in the journal are cut to this many characters. */
export const MAX_DETAIL_CHARS = 500;

/** The journal cannot be written: nothing is sent that could not be recorded. */
export function journalUnavailable(reason: string): GatewayError {
  return new GatewayError(
    ErrorCode.JOURNAL_UNAVAILABLE,
    `The order journal cannot be written (${reason}); no order was sent. Retry later with the same input.`,
  );
}

export function boundedDetail(text: string | null): string | null {
  return text === null || text.length <= MAX_DETAIL_CHARS ? text : `${text.slice(0, MAX_DETAIL_CHARS - 1)}…`;
}

/** The journal's row, the same columns in SQLite and PostgreSQL (times as epoch milliseconds). */
export interface AttemptRow {
  key_scope: string;
  idempotency_key: string;
  operation: PaidOperation;
  attempt_id: string;
  fingerprint: string;
  state: AttemptState;
  contract_id: string;
  customer_reference: string;
  product_type_id: string;
  input_json: string;
  credential_id: string | null;
  tenant_id: string | null;
  requested_by: string | null;
  request_id: string | null;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  send_count: number;
  sales_order_id: string | null;
  currency: string | null;
  total_amount: number | null;
  discount_percentage: number | null;
  discount_value: number | null;
  error_code: string | null;
  error_message: string | null;
  resolution: Resolution | null;
  reconciliation_checks: number;
  last_checked_at: number | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
  resolved_at: number | null;
}

export interface SegmentDecisionRow {
  at: number;
  decision: 'accept' | 'refuse';
  contract_id: string;
  tasking_id: string;
  segment_id: string;
  tenant_id: string | null;
  decided_by: string | null;
  request_id: string | null;
  outcome: string;
}

/** The serialised input, refused past MAX_INPUT_BYTES before anything is written. */
export function inputJsonOf(input: unknown): string {
  const json = JSON.stringify(input);
  if (Buffer.byteLength(json) > MAX_INPUT_BYTES) {
    throw new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      `The order input is larger than ${MAX_INPUT_BYTES} bytes once serialised; nothing was sent.`,
      { field: 'input' },
    );
  }
  return json;
}

export function attemptFromRow(row: AttemptRow): OrderAttemptRecord {
  const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return {
    keyScope: row.key_scope,
    idempotencyKey: row.idempotency_key,
    operation: row.operation,
    attemptId: row.attempt_id,
    fingerprint: row.fingerprint,
    state: row.state,
    contractId: row.contract_id,
    customerReference: row.customer_reference,
    productTypeId: row.product_type_id,
    input: JSON.parse(row.input_json) as unknown,
    credentialId: row.credential_id,
    tenantId: row.tenant_id,
    requestedBy: row.requested_by,
    requestId: row.request_id,
    decidedBy: row.decided_by,
    decidedAt: date(row.decided_at),
    decisionReason: row.decision_reason,
    sendCount: row.send_count,
    salesOrderId: row.sales_order_id,
    currency: row.currency,
    totalAmount: row.total_amount,
    discountPercentage: row.discount_percentage,
    discountValue: row.discount_value,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    resolution: row.resolution,
    reconciliationChecks: row.reconciliation_checks,
    lastCheckedAt: date(row.last_checked_at),
    createdAt: new Date(Number(row.created_at)),
    sentAt: date(row.sent_at),
    updatedAt: new Date(Number(row.updated_at)),
    resolvedAt: date(row.resolved_at),
  };
}

export function segmentDecisionFromRow(row: SegmentDecisionRow): SegmentDecisionRecord {
  return {
    at: new Date(Number(row.at)),
    decision: row.decision,
    contractId: row.contract_id,
    taskingId: row.tasking_id,
    segmentId: row.segment_id,
    tenantId: row.tenant_id,
    decidedBy: row.decided_by,
    requestId: row.request_id,
    outcome: row.outcome,
  };
}

/** The target actions' row, the same columns in SQLite and PostgreSQL (times as epoch milliseconds). */
export interface TargetActionRow {
  action: TargetActionKind;
  contract_id: string;
  target_id: string;
  claim_id: string;
  state: TargetActionState;
  tenant_id: string | null;
  requested_by: string | null;
  request_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

export function targetActionFromRow(row: TargetActionRow): TargetActionRecord {
  return {
    action: row.action,
    contractId: row.contract_id,
    targetId: row.target_id,
    claimId: row.claim_id,
    state: row.state,
    tenantId: row.tenant_id,
    requestedBy: row.requested_by,
    requestId: row.request_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: new Date(Number(row.created_at)),
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/**
 * The target actions' one claim statement, the same in SQLite and PostgreSQL: it inserts, or takes over
 * a record that placed nothing, and returns no row when another record holds the key. Parameters, in
 * order: action, contract, target, claim id, tenant, requested by, request id, now, abandoned before.
 */
export function claimActionSql(placeholder: (index: number) => string): string {
  const p = placeholder;
  return `INSERT INTO target_actions (action, contract_id, target_id, claim_id, state, tenant_id,
      requested_by, request_id, created_at, updated_at)
    VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'SENDING', ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(8)})
    ON CONFLICT (action, contract_id, target_id) DO UPDATE SET
      claim_id = excluded.claim_id, state = excluded.state, tenant_id = excluded.tenant_id,
      requested_by = excluded.requested_by, request_id = excluded.request_id, error_code = NULL,
      error_message = NULL, created_at = excluded.created_at, sent_at = NULL, updated_at = excluded.updated_at
    WHERE target_actions.state = 'NOT_SENT'
      OR (target_actions.state = 'SENDING' AND target_actions.sent_at IS NULL AND target_actions.created_at < ${p(9)})
    RETURNING *`;
}

/** The target actions' table, the same DDL in SQLite and PostgreSQL. */
export const TARGET_ACTIONS_DDL = `CREATE TABLE target_actions (
    action TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    state TEXT NOT NULL,
    tenant_id TEXT,
    requested_by TEXT,
    request_id TEXT,
    error_code TEXT,
    error_message TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (action, contract_id, target_id)
  );`;

/**
 * The scope an attempt journaled before keys were scoped takes, in both stores' migration: an order's
 * is its tenant's, so its key keeps answering that tenant (and only it); a quotation's acceptance (and
 * an order from before tenants existed) is in the shared scope, as new acceptances are.
 */
export const EXISTING_KEY_SCOPE_SQL = `CASE WHEN operation = '${PaidOperation.ORDER}' AND tenant_id IS NOT NULL
  THEN tenant_id ELSE '${SHARED_KEY_SCOPE}' END`;

/** SQL list of states, for the few statements both stores write the same way. */
export function sqlStates(states: readonly AttemptState[]): string {
  return states.map((state) => `'${state}'`).join(', ');
}

/**
 * States an attempt's amount counts against its tenant's budget in. It counts in the month its money
 * was committed (`committed_at`, in both stores): an order sent at once commits it when recorded; a
 * held one reserves its creation month's budget while it waits, and once approved counts in the month
 * of its approval, whose budget the approval was checked against.
 */
export const BUDGETED_STATES: readonly AttemptState[] = [
  AttemptState.SENDING,
  AttemptState.OUTCOME_UNKNOWN,
  AttemptState.PLACED,
  AttemptState.AWAITING_APPROVAL,
];

/** The event a recovered attempt gets: never dispatched ones placed nothing. */
export const INTERRUPTED_NOT_SENT = 'the gateway stopped before sending it';
export const INTERRUPTED_UNKNOWN = 'the gateway stopped before the answer arrived';

/** The RECORDED event's detail: who asked and at what price. */
export function recordedDetail(attempt: NewAttempt): string | null {
  const who = attempt.requestedBy === null ? null : `by ${attempt.requestedBy}`;
  const amount =
    attempt.totalAmount === null ? null : `priced ${attempt.totalAmount} ${attempt.currency ?? ''}`.trim();
  return boundedDetail([who, amount].filter((part) => part !== null).join(', ') || null);
}
