import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  type AttemptKey,
  AttemptState,
  HOLDING_STATES,
  isUnresolved,
  type OrderAttemptEvent,
  type OrderAttemptRecord,
  PaidOperation,
  Resolution,
  type SegmentDecisionRecord,
  type TargetActionRecord,
  TargetActionState,
  type TargetKey,
  UNRESOLVED_STATES,
} from '../../domain/order-journal.js';
import { GatewayError } from '../../errors.js';
import { applyMigrations, codeOf, type PostgresStore } from '../stores/postgres.js';
import {
  type ActionClaim,
  type ApprovalDecision,
  type ApprovalOutcome,
  type AttemptFilter,
  type AttemptRow,
  attemptFromRow,
  BUDGETED_STATES,
  type BudgetLimit,
  boundedDetail,
  type ClaimOutcome,
  type ClaimState,
  claimActionSql,
  type ErrorSummary,
  EXISTING_KEY_SCOPE_SQL,
  INTERRUPTED_NOT_SENT,
  INTERRUPTED_UNKNOWN,
  inputJsonOf,
  journalUnavailable,
  type NewAttempt,
  type NewTargetAction,
  type NotSentOutcome,
  notSentOutcome,
  type OrderJournalStore,
  type PlacedDetails,
  recordedDetail,
  type SegmentDecisionRow,
  type SettledActionState,
  segmentDecisionFromRow,
  sentAsSeenSql,
  sqlStates,
  TARGET_ACTIONS_DDL,
  type TargetActionRow,
  targetActionFromRow,
} from './order-journal.js';

/**
 * When an attempt's amount was committed, for the month it counts in: committed_at, or created_at when a
 * replica of an earlier version claimed the key again since (it resets created_at only). The budget's
 * index is on this very expression.
 */
const SPENT_AT_SQL = 'GREATEST(committed_at, created_at)';

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE order_attempts (
    idempotency_key TEXT PRIMARY KEY,
    attempt_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    customer_reference TEXT NOT NULL,
    product_type_id TEXT NOT NULL,
    input_json TEXT NOT NULL,
    credential_id TEXT,
    tenant_id TEXT,
    requested_by TEXT,
    request_id TEXT,
    decided_by TEXT,
    decided_at BIGINT,
    decision_reason TEXT,
    send_count INTEGER NOT NULL DEFAULT 0,
    sales_order_id TEXT,
    currency TEXT,
    total_amount DOUBLE PRECISION,
    discount_percentage DOUBLE PRECISION,
    discount_value DOUBLE PRECISION,
    error_code TEXT,
    error_message TEXT,
    resolution TEXT,
    reconciliation_checks INTEGER NOT NULL DEFAULT 0,
    last_checked_at BIGINT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT
  );
  CREATE INDEX order_attempts_state ON order_attempts (state);
  CREATE INDEX order_attempts_customer_reference ON order_attempts (customer_reference);
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, created_at);
  CREATE TABLE order_attempt_events (
    id BIGSERIAL PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX order_attempt_events_key ON order_attempt_events (idempotency_key, id);
  CREATE TABLE segment_decisions (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    decision TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    tasking_id TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    tenant_id TEXT,
    decided_by TEXT,
    request_id TEXT,
    outcome TEXT NOT NULL
  );
  CREATE INDEX segment_decisions_segment ON segment_decisions (segment_id, id);`,
  // Which replica claimed an attempt: one that is gone cannot be sending it any more.
  'ALTER TABLE order_attempts ADD COLUMN claimed_by TEXT;',
  `ALTER TABLE order_attempts ADD COLUMN operation TEXT NOT NULL DEFAULT 'ORDER';
  ${TARGET_ACTIONS_DDL}`,
  // Keys unique per scope (a tenant's own, or the shared one); every attempt and event keeps its key,
  // in the scope it had in effect. A replica still running the previous version then fails to claim
  // (its ON CONFLICT names a key that is no longer unique): it refuses orders, it never sends twice.
  `ALTER TABLE order_attempts ADD COLUMN key_scope TEXT NOT NULL DEFAULT '';
  UPDATE order_attempts SET key_scope = ${EXISTING_KEY_SCOPE_SQL};
  ALTER TABLE order_attempt_events ADD COLUMN key_scope TEXT NOT NULL DEFAULT '';
  UPDATE order_attempt_events events SET key_scope = attempts.key_scope FROM order_attempts attempts
    WHERE attempts.idempotency_key = events.idempotency_key;
  ALTER TABLE order_attempts DROP CONSTRAINT order_attempts_pkey;
  ALTER TABLE order_attempts ADD PRIMARY KEY (key_scope, idempotency_key);
  ALTER TABLE order_attempts ALTER COLUMN key_scope DROP DEFAULT;
  DROP INDEX order_attempt_events_key;
  CREATE INDEX order_attempt_events_key ON order_attempt_events (key_scope, idempotency_key, id);`,
  // The month an amount counts in (see BUDGETED_STATES); attempts recorded before keep their month. A
  // replica still on the previous version writes no month: the default, its insert's time, is the
  // month it counted its own orders in, so it keeps recording during a rolling upgrade.
  `ALTER TABLE order_attempts ADD COLUMN committed_at BIGINT;
  UPDATE order_attempts SET committed_at = created_at;
  ALTER TABLE order_attempts ALTER COLUMN committed_at SET DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  ALTER TABLE order_attempts ALTER COLUMN committed_at SET NOT NULL;
  DROP INDEX order_attempts_tenant_month;
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, committed_at);`,
  // A replica of the previous version that claims a key again resets created_at and leaves committed_at
  // (it knows no such column): the later of the two is the month such an attempt counts in.
  `DROP INDEX order_attempts_tenant_month;
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, (${SPENT_AT_SQL}));`,
];

const UNRESOLVED_SQL = `state IN (${sqlStates(UNRESOLVED_STATES)})`;

/** Advisory-lock namespaces (the first key of the two-key form). */
const LOCK = {
  key: 'oneatlas-gateway:order-key',
  reference: 'oneatlas-gateway:customer-reference',
  budget: 'oneatlas-gateway:tenant-budget',
  lease: 'oneatlas-gateway:reconciliation',
  replica: 'oneatlas-gateway:replica',
} as const;

/**
 * Whether the replica that claimed an attempt still holds its presence lock (a session-level advisory
 * lock, released by PostgreSQL when that replica dies or loses its connection). `$PRESENCE` is the
 * parameter holding LOCK.replica.
 */
const CLAIMER_ALIVE_SQL = `EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND classid = hashtext($PRESENCE)::oid AND objid = hashtext(claimed_by)::oid AND objsubid = 2)`;

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * The shared journal: PostgreSQL, for any number of replicas. Claiming a key takes a transaction-level
 * advisory lock on it, so two replicas beginning the same order serialise and exactly one sends; a
 * budget check-and-reserve also locks its tenant. The reconciliation lease is a session-level advisory
 * lock on a connection of its own: PostgreSQL releases it when that replica dies or loses the connection.
 */
export class PostgresOrderJournal implements OrderJournalStore {
  private leaseClient: pg.Client | undefined;
  /** Holds this replica's presence lock for as long as the journal is open. */
  private presenceClient: pg.Client | undefined;
  /** Recorded with the attempts this replica claims. */
  private readonly replicaId = randomUUID();

  private constructor(
    private readonly store: PostgresStore,
    private readonly now: () => number,
  ) {}

  /** Applies the journal's migrations (under the migrations' advisory lock) and opens it. */
  static async open(store: PostgresStore, now: () => number = Date.now): Promise<PostgresOrderJournal> {
    await applyMigrations(store, 'order-journal', MIGRATIONS);
    const journal = new PostgresOrderJournal(store, now);
    await journal.announcePresence();
    return journal;
  }

  async close(): Promise<void> {
    const [lease, presence] = [this.leaseClient, this.presenceClient];
    this.leaseClient = undefined;
    this.presenceClient = undefined;
    await lease?.end().catch(() => undefined);
    await presence?.end().catch(() => undefined);
  }

  /**
   * Takes this replica's presence lock on a connection of its own: while it is held, other replicas
   * leave this replica's unsent attempts alone; once PostgreSQL drops it (the replica died), they
   * settle them NOT_SENT at once instead of waiting out the abandonment bound.
   */
  private async announcePresence(): Promise<void> {
    const client = await this.store.dedicatedClient();
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS held',
      [LOCK.replica, this.replicaId],
    );
    // A hash shared with a live replica (a 32-bit collision) only makes this one's attempts look
    // alive to recovery until the abandonment bound: safe, so no retry.
    if (rows[0]?.held !== true) {
      await client.end();
      return;
    }
    this.presenceClient = client;
    // Lost with its connection: from then on this replica's claims name no replica (time bound only).
    client.on('end', () => {
      if (this.presenceClient === client) this.presenceClient = undefined;
    });
  }

  /** What a claim records as its replica: none while this replica's presence is not held. */
  private claimer(): string | null {
    return this.presenceClient === undefined ? null : this.replicaId;
  }

  async get(key: AttemptKey): Promise<OrderAttemptRecord | undefined> {
    return this.guard(() => this.read(this.store.pool, key));
  }

  async claim(attempt: NewAttempt, state: ClaimState, budget: BudgetLimit | null): Promise<ClaimOutcome> {
    const input = inputJsonOf(attempt.input);
    return this.transaction(async (client) => {
      // The reference before the key, in every claim: two claims never wait for each other's second lock.
      await lockReference(client, attempt.customerReference);
      await lockKey(client, attempt);
      const known = await this.read(client, attempt);
      if (known !== undefined && HOLDING_STATES.includes(known.state)) return { kind: 'held', record: known };
      if (await referenceTaken(client, attempt)) return { kind: 'reference-taken' };
      const remaining = await this.remaining(client, budget, attempt);
      if (remaining !== null && (attempt.totalAmount ?? 0) > remaining)
        return { kind: 'over-budget', remaining };
      const at = this.now();
      await client.query(
        `INSERT INTO order_attempts (idempotency_key, attempt_id, fingerprint, state, contract_id,
           customer_reference, product_type_id, input_json, credential_id, tenant_id, requested_by, request_id,
           currency, total_amount, created_at, updated_at, committed_at, claimed_by, operation, key_scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15, $16, $17, $18)
         ON CONFLICT (key_scope, idempotency_key) DO UPDATE SET
           operation = excluded.operation, attempt_id = excluded.attempt_id, fingerprint = excluded.fingerprint, state = excluded.state,
           contract_id = excluded.contract_id, customer_reference = excluded.customer_reference,
           product_type_id = excluded.product_type_id, input_json = excluded.input_json,
           credential_id = excluded.credential_id, tenant_id = excluded.tenant_id, requested_by = excluded.requested_by,
           request_id = excluded.request_id, decided_by = NULL, decided_at = NULL, decision_reason = NULL,
           sales_order_id = NULL, currency = excluded.currency, total_amount = excluded.total_amount,
           discount_percentage = NULL, discount_value = NULL, error_code = NULL, error_message = NULL,
           resolution = NULL, reconciliation_checks = 0, last_checked_at = NULL,
           created_at = excluded.created_at, sent_at = NULL, updated_at = excluded.updated_at,
           committed_at = excluded.committed_at, resolved_at = NULL, claimed_by = excluded.claimed_by`,
        [
          attempt.idempotencyKey,
          randomUUID(),
          attempt.fingerprint,
          state,
          attempt.contractId,
          attempt.customerReference,
          attempt.productTypeId,
          input,
          attempt.credentialId,
          attempt.tenantId,
          attempt.requestedBy,
          attempt.requestId,
          attempt.currency,
          attempt.totalAmount,
          at,
          this.claimer(),
          attempt.operation,
          attempt.keyScope,
        ],
      );
      await event(
        client,
        attempt,
        at,
        state === AttemptState.SENDING ? 'RECORDED' : state,
        recordedDetail(attempt),
      );
      return { kind: 'claimed', record: settled(await this.read(client, attempt)) };
    });
  }

  async approve(
    key: AttemptKey,
    decision: ApprovalDecision,
    budget: BudgetLimit | null,
  ): Promise<ApprovalOutcome> {
    return this.transaction(async (client) => {
      await lockKey(client, key);
      const known = await this.read(client, key);
      if (known?.state !== AttemptState.AWAITING_APPROVAL) return { kind: 'held', record: known };
      const remaining = await this.remaining(client, budget, key);
      if (remaining !== null && decision.totalAmount > remaining) return { kind: 'over-budget', remaining };
      const at = this.now();
      const { rowCount } = await client.query(
        `UPDATE order_attempts SET state = '${AttemptState.SENDING}', attempt_id = $2, decided_by = $3,
           decided_at = $4, currency = $5, total_amount = $6, updated_at = $4, committed_at = $4, claimed_by = $7
         WHERE idempotency_key = $1 AND key_scope = $8 AND state = '${AttemptState.AWAITING_APPROVAL}'`,
        [
          key.idempotencyKey,
          randomUUID(),
          decision.decidedBy,
          at,
          decision.currency,
          decision.totalAmount,
          this.claimer(),
          key.keyScope,
        ],
      );
      // Whoever decides a held attempt takes the key's lock first; the condition makes the state read
      // a precondition of the write all the same.
      if (rowCount === 0) return { kind: 'held', record: await this.read(client, key) };
      await event(
        client,
        key,
        at,
        'APPROVED',
        boundedDetail(`by ${decision.decidedBy} at ${decision.totalAmount} ${decision.currency}`),
      );
      return { kind: 'claimed', record: settled(await this.read(client, key)) };
    });
  }

  async rejectHeld(
    key: AttemptKey,
    decidedBy: string,
    reason: string,
  ): Promise<OrderAttemptRecord | undefined> {
    return this.transaction(async (client) => {
      // Under the lock an approval holds while it checks the budget: one of the two decides.
      await lockKey(client, key);
      await this.update(
        client,
        key,
        `state = '${AttemptState.AWAITING_APPROVAL}'`,
        `state = '${AttemptState.APPROVAL_REJECTED}', decided_by = $3, decided_at = $2, decision_reason = $4,
         resolved_at = $2`,
        [decidedBy, reason],
        'APPROVAL_REJECTED',
        `by ${decidedBy}: ${reason}`,
      );
      return this.read(client, key);
    });
  }

  async markSent(key: AttemptKey, attemptId: string): Promise<void> {
    const changed = await this.changes(
      key,
      `attempt_id = $3 AND state = '${AttemptState.SENDING}'`,
      'send_count = send_count + 1, sent_at = $2',
      [attemptId],
      'SENT',
      null,
    );
    if (changed === 0) throw journalUnavailable('the attempt was taken over by another replica');
  }

  async markPlaced(
    key: AttemptKey,
    order: PlacedDetails,
    resolution: Resolution,
    detail: string,
  ): Promise<OrderAttemptRecord> {
    return settled(
      await this.change(
        key,
        UNRESOLVED_SQL,
        `state = '${AttemptState.PLACED}', sales_order_id = $3, currency = COALESCE($4, currency),
         total_amount = COALESCE($5, total_amount), discount_percentage = $6, discount_value = $7,
         resolution = $8, error_code = NULL, error_message = NULL, resolved_at = $2`,
        [
          order.salesOrderId,
          order.currency,
          order.totalAmount,
          order.discountPercentage,
          order.discountValue,
          resolution,
        ],
        'PLACED',
        detail,
      ),
    );
  }

  markUnknown(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord> {
    return this.failure(key, attemptId, AttemptState.OUTCOME_UNKNOWN, error);
  }

  markRejected(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord> {
    return this.failure(key, attemptId, AttemptState.REJECTED, error);
  }

  async markNotSent(
    key: AttemptKey,
    attemptId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome> {
    return this.transaction(async (client) => {
      // Waits for the row of a markSent in progress, then sees its sent_at.
      const changed = await this.update(
        client,
        key,
        `attempt_id = $3 AND ${UNRESOLVED_SQL} AND ${sentAsSeenSql(marked)}`,
        `state = '${AttemptState.NOT_SENT}', error_code = $4, error_message = $5, resolved_at = $2`,
        [attemptId, error.code, boundedDetail(error.message)],
        AttemptState.NOT_SENT,
        `${error.code}: ${error.message}`,
      );
      const record = await this.read(client, key);
      const own = record?.attemptId === attemptId && isUnresolved(record.state);
      return notSentOutcome(changed > 0, own);
    });
  }

  async markAbsent(key: AttemptKey, detail: string): Promise<OrderAttemptRecord> {
    return settled(
      await this.change(
        key,
        UNRESOLVED_SQL,
        `state = '${AttemptState.ABSENT}', resolution = '${Resolution.GRACE_PERIOD_ENDED}', resolved_at = $2,
         reconciliation_checks = reconciliation_checks + 1, last_checked_at = $2`,
        [],
        'ABSENT',
        detail,
      ),
    );
  }

  async markChecked(key: AttemptKey, detail: string): Promise<OrderAttemptRecord> {
    return settled(
      await this.change(
        key,
        UNRESOLVED_SQL,
        'reconciliation_checks = reconciliation_checks + 1, last_checked_at = $2',
        [],
        'CHECKED',
        detail,
      ),
    );
  }

  async recoverInterrupted(before: Date): Promise<number> {
    return this.transaction(async (client) => {
      const at = this.now();
      const { rows } = await client.query<AttemptKey & { state: AttemptState }>(
        `UPDATE order_attempts SET
           state = CASE WHEN sent_at IS NULL THEN '${AttemptState.NOT_SENT}' ELSE '${AttemptState.OUTCOME_UNKNOWN}' END,
           resolved_at = CASE WHEN sent_at IS NULL THEN $2::bigint ELSE NULL END, updated_at = $2::bigint
         WHERE state = '${AttemptState.SENDING}' AND (updated_at < $1::bigint OR (claimed_by IS NOT NULL
           AND claimed_by <> $3 AND NOT ${CLAIMER_ALIVE_SQL.replaceAll('$PRESENCE', '$4')}))
         RETURNING key_scope AS "keyScope", idempotency_key AS "idempotencyKey", state`,
        [before.getTime(), at, this.replicaId, LOCK.replica],
      );
      for (const { state, ...key } of rows) {
        await event(
          client,
          key,
          at,
          state,
          state === AttemptState.NOT_SENT ? INTERRUPTED_NOT_SENT : INTERRUPTED_UNKNOWN,
        );
      }
      return rows.length;
    });
  }

  async unresolved(credentialId: string | null): Promise<OrderAttemptRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<AttemptRow>(
        `SELECT * FROM order_attempts WHERE ${UNRESOLVED_SQL} AND credential_id IS NOT DISTINCT FROM $1
         ORDER BY created_at`,
        [credentialId],
      );
      return rows.map(attemptFromRow);
    });
  }

  async salesOrdersOfOtherAttempts(customerReference: string, key: AttemptKey): Promise<Set<string>> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<{ id: string }>(
        `SELECT sales_order_id AS id FROM order_attempts
         WHERE customer_reference = $1 AND NOT (key_scope = $2 AND idempotency_key = $3)
           AND sales_order_id IS NOT NULL`,
        [customerReference, key.keyScope, key.idempotencyKey],
      );
      return new Set(rows.map((row) => row.id));
    });
  }

  async list({
    states,
    customerReference,
    tenantId,
    offset,
    limit,
  }: AttemptFilter): Promise<OrderAttemptRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<AttemptRow>(
        `SELECT * FROM order_attempts
         WHERE (cardinality($1::text[]) = 0 OR state = ANY($1::text[]))
           AND ($2::text IS NULL OR customer_reference = $2) AND ($3::text IS NULL OR tenant_id = $3)
         ORDER BY created_at DESC, idempotency_key DESC, key_scope DESC LIMIT $4 OFFSET $5`,
        [states, customerReference, tenantId, limit, offset],
      );
      return rows.map(attemptFromRow);
    });
  }

  async countByState(): Promise<Record<string, number>> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<{ state: string; count: number }>(
        'SELECT state, count(*)::int AS count FROM order_attempts GROUP BY state',
      );
      return Object.fromEntries(rows.map((row) => [row.state, row.count]));
    });
  }

  async events(key: AttemptKey): Promise<OrderAttemptEvent[]> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<{ at: number; kind: string; detail: string | null }>(
        'SELECT at, kind, detail FROM order_attempt_events WHERE key_scope = $1 AND idempotency_key = $2 ORDER BY id',
        [key.keyScope, key.idempotencyKey],
      );
      return rows.map((row) => ({ at: new Date(row.at), kind: row.kind, detail: row.detail }));
    });
  }

  async recordSegmentDecision(decision: SegmentDecisionRecord): Promise<void> {
    await this.guard(() =>
      this.store.pool.query(
        `INSERT INTO segment_decisions (at, decision, contract_id, tasking_id, segment_id, tenant_id,
           decided_by, request_id, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          decision.at.getTime(),
          decision.decision,
          decision.contractId,
          decision.taskingId,
          decision.segmentId,
          decision.tenantId,
          decision.decidedBy,
          decision.requestId,
          decision.outcome,
        ],
      ),
    );
  }

  async segmentDecisions(segmentId: string): Promise<SegmentDecisionRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.store.pool.query<SegmentDecisionRow>(
        'SELECT * FROM segment_decisions WHERE segment_id = $1 ORDER BY id',
        [segmentId],
      );
      return rows.map(segmentDecisionFromRow);
    });
  }

  async claimAction(action: NewTargetAction, abandonedBefore: Date): Promise<ActionClaim> {
    return this.guard(async () => {
      // One statement: PostgreSQL serialises concurrent claims of one key on its row.
      const { rows } = await this.store.pool.query<TargetActionRow>(
        claimActionSql((index) => `$${index}`),
        [
          action.action,
          action.contractId,
          action.targetId,
          randomUUID(),
          action.tenantId,
          action.requestedBy,
          action.requestId,
          this.now(),
          abandonedBefore.getTime(),
        ],
      );
      const claimed = rows[0];
      if (claimed !== undefined) return { kind: 'claimed', record: targetActionFromRow(claimed) };
      const held = await this.readAction(action);
      if (held === undefined) throw new Error('target action vanished from the journal');
      return { kind: 'held', record: held };
    });
  }

  async markActionSent(key: TargetKey, claimId: string): Promise<void> {
    const { rowCount } = await this.guard(() =>
      this.store.pool.query(
        `UPDATE target_actions SET sent_at = $5, updated_at = $5
         WHERE action = $1 AND contract_id = $2 AND target_id = $3 AND claim_id = $4 AND state = 'SENDING'`,
        [key.action, key.contractId, key.targetId, claimId, this.now()],
      ),
    );
    if (rowCount === 0) throw journalUnavailable('the action was taken over by another call');
  }

  async markActionNotSent(
    key: TargetKey,
    claimId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome> {
    return this.guard(async () => {
      const { rowCount } = await this.store.pool.query(
        `UPDATE target_actions SET state = '${TargetActionState.NOT_SENT}', error_code = $5, error_message = $6,
           updated_at = $7
         WHERE action = $1 AND contract_id = $2 AND target_id = $3 AND claim_id = $4
           AND state = '${TargetActionState.SENDING}' AND ${sentAsSeenSql(marked)}`,
        [
          key.action,
          key.contractId,
          key.targetId,
          claimId,
          error.code,
          boundedDetail(error.message),
          this.now(),
        ],
      );
      const record = await this.readAction(key);
      const own = record?.claimId === claimId && record.state === TargetActionState.SENDING;
      return notSentOutcome((rowCount ?? 0) > 0, own);
    });
  }

  async settleAction(
    key: TargetKey,
    claimId: string,
    state: SettledActionState,
    error: ErrorSummary | null,
  ): Promise<TargetActionRecord> {
    return this.guard(async () => {
      await this.store.pool.query(
        `UPDATE target_actions SET state = $5, error_code = $6, error_message = $7, updated_at = $8
         WHERE action = $1 AND contract_id = $2 AND target_id = $3 AND claim_id = $4`,
        [
          key.action,
          key.contractId,
          key.targetId,
          claimId,
          state,
          error?.code ?? null,
          boundedDetail(error?.message ?? null),
          this.now(),
        ],
      );
      const record = await this.readAction(key);
      if (record === undefined) throw new Error('target action vanished from the journal');
      return record;
    });
  }

  async targetAction(key: TargetKey): Promise<TargetActionRecord | undefined> {
    return this.guard(() => this.readAction(key));
  }

  private async readAction(key: TargetKey): Promise<TargetActionRecord | undefined> {
    const { rows } = await this.store.pool.query<TargetActionRow>(
      'SELECT * FROM target_actions WHERE action = $1 AND contract_id = $2 AND target_id = $3',
      [key.action, key.contractId, key.targetId],
    );
    return rows[0] === undefined ? undefined : targetActionFromRow(rows[0]);
  }

  async holdsReconciliationLease(): Promise<boolean> {
    try {
      if (this.leaseClient !== undefined) {
        // A dead connection has lost the lock with it: find out before sweeping as if it were held.
        await this.leaseClient.query('SELECT 1');
        return true;
      }
      const client = await this.store.dedicatedClient();
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS held',
        [LOCK.lease, this.store.schema],
      );
      if (rows[0]?.held === true) {
        this.leaseClient = client;
        return true;
      }
      await client.end();
      return false;
    } catch {
      const lost = this.leaseClient;
      this.leaseClient = undefined;
      await lost?.end().catch(() => undefined);
      return false;
    }
  }

  /** Drops the lease as a dying replica would (its connection closes), for tests of the hand-over. */
  async releaseLease(): Promise<void> {
    await this.close();
  }

  async isReady(): Promise<boolean> {
    return this.store.ping();
  }

  private async remaining(
    client: Queryable,
    budget: BudgetLimit | null,
    except: AttemptKey,
  ): Promise<number | null> {
    if (budget === null) return null;
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
      LOCK.budget,
      budget.tenantId,
    ]);
    const { rows } = await client.query<{ spent: number }>(
      `SELECT COALESCE(SUM(total_amount), 0)::float8 AS spent FROM order_attempts
       WHERE tenant_id = $1 AND currency = $2 AND ${SPENT_AT_SQL} >= $3 AND NOT (key_scope = $4 AND idempotency_key = $5)
         AND state IN (${sqlStates(BUDGETED_STATES)})`,
      [budget.tenantId, budget.currency, budget.monthStart.getTime(), except.keyScope, except.idempotencyKey],
    );
    return Math.max(0, budget.monthlyBudget - (rows[0]?.spent ?? 0));
  }

  private async failure(
    key: AttemptKey,
    attemptId: string,
    state: AttemptState,
    error: ErrorSummary,
  ): Promise<OrderAttemptRecord> {
    const resolved = state === AttemptState.OUTCOME_UNKNOWN ? '' : ', resolved_at = $2';
    return settled(
      await this.change(
        key,
        `attempt_id = $3 AND ${UNRESOLVED_SQL}`,
        `state = '${state}', error_code = $4, error_message = $5${resolved}`,
        [attemptId, error.code, boundedDetail(error.message)],
        state,
        `${error.code}: ${error.message}`,
      ),
    );
  }

  /**
   * One conditional change and its event; `$1` is the key, `$2` the time, then `params` (the key's
   * scope is the last parameter).
   */
  private async change(
    key: AttemptKey,
    condition: string,
    assignments: string,
    params: unknown[],
    eventKind: string,
    detail: string | null,
  ): Promise<OrderAttemptRecord | undefined> {
    return this.transaction(async (client) => {
      await this.update(client, key, condition, assignments, params, eventKind, detail);
      return this.read(client, key);
    });
  }

  private changes(
    key: AttemptKey,
    condition: string,
    assignments: string,
    params: unknown[],
    eventKind: string,
    detail: string | null,
  ): Promise<number> {
    return this.transaction((client) =>
      this.update(client, key, condition, assignments, params, eventKind, detail),
    );
  }

  private async update(
    client: Queryable,
    key: AttemptKey,
    condition: string,
    assignments: string,
    params: unknown[],
    eventKind: string,
    detail: string | null,
  ): Promise<number> {
    const at = this.now();
    const { rowCount } = await client.query(
      `UPDATE order_attempts SET ${assignments}, updated_at = $2
       WHERE idempotency_key = $1 AND key_scope = $${params.length + 3} AND ${condition}`,
      [key.idempotencyKey, at, ...params, key.keyScope],
    );
    if ((rowCount ?? 0) > 0) await event(client, key, at, eventKind, boundedDetail(detail));
    return rowCount ?? 0;
  }

  private async read(client: Queryable, key: AttemptKey): Promise<OrderAttemptRecord | undefined> {
    const { rows } = await client.query<AttemptRow>(
      'SELECT * FROM order_attempts WHERE key_scope = $1 AND idempotency_key = $2',
      [key.keyScope, key.idempotencyKey],
    );
    return rows[0] === undefined ? undefined : attemptFromRow(rows[0]);
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const client = await this.store.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await run(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  /** A PostgreSQL failure becomes JOURNAL_UNAVAILABLE (never the driver's message, which may quote data). */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw journalUnavailable(`PostgreSQL: ${codeOf(error)}`);
    }
  }
}

async function lockKey(client: Queryable, key: AttemptKey): Promise<void> {
  // Scope and key joined by a character neither contains: two tenants' same key are two locks.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
    LOCK.key,
    `${key.keyScope}\n${key.idempotencyKey}`,
  ]);
}

/** Serialises claims of one customer reference across replicas, so two new keys cannot both take it. */
async function lockReference(client: Queryable, customerReference: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
    LOCK.reference,
    customerReference,
  ]);
}

/** Whether another key's attempt holding `attempt`'s customer reference on its credential is placed or may be. */
async function referenceTaken(client: Queryable, attempt: NewAttempt): Promise<boolean> {
  // A quotation's acceptance takes the reference its quotation already has upstream.
  if (attempt.operation !== PaidOperation.ORDER) return false;
  const { rows } = await client.query(
    `SELECT 1 FROM order_attempts
     WHERE customer_reference = $1 AND NOT (key_scope = $4 AND idempotency_key = $2)
       AND credential_id IS NOT DISTINCT FROM $3 AND operation = '${PaidOperation.ORDER}'
       AND state IN (${sqlStates(HOLDING_STATES)}) LIMIT 1`,
    [attempt.customerReference, attempt.idempotencyKey, attempt.credentialId, attempt.keyScope],
  );
  return rows.length > 0;
}

async function event(
  client: Queryable,
  key: AttemptKey,
  at: number,
  kind: string,
  detail: string | null,
): Promise<void> {
  await client.query(
    'INSERT INTO order_attempt_events (key_scope, idempotency_key, at, kind, detail) VALUES ($1, $2, $3, $4, $5)',
    [key.keyScope, key.idempotencyKey, at, kind, detail],
  );
}

function settled(record: OrderAttemptRecord | undefined): OrderAttemptRecord {
  if (record === undefined) throw new Error('order attempt vanished from the journal');
  return record;
}
