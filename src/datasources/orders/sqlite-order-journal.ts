import { randomUUID } from 'node:crypto';
import { mkdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../config.js';
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

/** The attempts' columns besides their scope, copied when keys became scoped. */
const ATTEMPT_COLUMNS = `idempotency_key, operation, attempt_id, fingerprint, state, contract_id, customer_reference,
  product_type_id, input_json, credential_id, tenant_id, requested_by, request_id, decided_by, decided_at,
  decision_reason, send_count, sales_order_id, currency, total_amount, discount_percentage, discount_value,
  error_code, error_message, resolution, reconciliation_checks, last_checked_at, created_at, sent_at, updated_at,
  resolved_at`;

/**
 * When an attempt's amount was committed, for the month it counts in: committed_at, or created_at when a
 * gateway of an earlier version (one rolled back to, which opens this journal as it finds it) wrote the
 * attempt since: it knows no committed_at, so its insert leaves 0 there and its new claim of a key
 * leaves the old month. The budget's index is on this very expression.
 */
const SPENT_AT_SQL = 'MAX(committed_at, created_at)';

/** Schema versions, applied in order and counted in `PRAGMA user_version`. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS order_attempts (
    idempotency_key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    customer_reference TEXT NOT NULL,
    product_type_id TEXT NOT NULL,
    input_json TEXT NOT NULL,
    requested_by TEXT,
    request_id TEXT,
    send_count INTEGER NOT NULL DEFAULT 0,
    sales_order_id TEXT,
    currency TEXT,
    total_amount REAL,
    discount_percentage REAL,
    discount_value REAL,
    error_code TEXT,
    error_message TEXT,
    resolution TEXT,
    reconciliation_checks INTEGER NOT NULL DEFAULT 0,
    last_checked_at INTEGER,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    updated_at INTEGER NOT NULL,
    resolved_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS order_attempts_state ON order_attempts (state);
  CREATE INDEX IF NOT EXISTS order_attempts_customer_reference ON order_attempts (customer_reference);
  CREATE TABLE IF NOT EXISTS order_attempt_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX IF NOT EXISTS order_attempt_events_key ON order_attempt_events (idempotency_key, id);`,
  `ALTER TABLE order_attempts ADD COLUMN attempt_id TEXT NOT NULL DEFAULT '';
  ALTER TABLE order_attempts ADD COLUMN credential_id TEXT;
  ALTER TABLE order_attempts ADD COLUMN tenant_id TEXT;
  ALTER TABLE order_attempts ADD COLUMN decided_by TEXT;
  ALTER TABLE order_attempts ADD COLUMN decided_at INTEGER;
  ALTER TABLE order_attempts ADD COLUMN decision_reason TEXT;
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, created_at);
  CREATE TABLE segment_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    decision TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    tasking_id TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    tenant_id TEXT,
    decided_by TEXT,
    request_id TEXT,
    outcome TEXT NOT NULL
  );
  CREATE INDEX segment_decisions_segment ON segment_decisions (segment_id, id);
  CREATE TABLE journal_health (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);`,
  `ALTER TABLE order_attempts ADD COLUMN operation TEXT NOT NULL DEFAULT 'ORDER';
  ${TARGET_ACTIONS_DDL}`,
  // Keys unique per scope (a tenant's own, or the shared one): SQLite changes a primary key only by
  // copying the table; every attempt and event keeps its key, in the scope it had in effect.
  `CREATE TABLE order_attempts_scoped (
    key_scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    operation TEXT NOT NULL DEFAULT 'ORDER',
    attempt_id TEXT NOT NULL DEFAULT '',
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
    decided_at INTEGER,
    decision_reason TEXT,
    send_count INTEGER NOT NULL DEFAULT 0,
    sales_order_id TEXT,
    currency TEXT,
    total_amount REAL,
    discount_percentage REAL,
    discount_value REAL,
    error_code TEXT,
    error_message TEXT,
    resolution TEXT,
    reconciliation_checks INTEGER NOT NULL DEFAULT 0,
    last_checked_at INTEGER,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    updated_at INTEGER NOT NULL,
    resolved_at INTEGER,
    PRIMARY KEY (key_scope, idempotency_key)
  );
  INSERT INTO order_attempts_scoped (key_scope, ${ATTEMPT_COLUMNS})
    SELECT ${EXISTING_KEY_SCOPE_SQL}, ${ATTEMPT_COLUMNS} FROM order_attempts;
  ALTER TABLE order_attempt_events ADD COLUMN key_scope TEXT NOT NULL DEFAULT '';
  UPDATE order_attempt_events SET key_scope = COALESCE((SELECT attempts.key_scope FROM order_attempts_scoped attempts
    WHERE attempts.idempotency_key = order_attempt_events.idempotency_key), '');
  DROP TABLE order_attempts;
  ALTER TABLE order_attempts_scoped RENAME TO order_attempts;
  CREATE INDEX order_attempts_state ON order_attempts (state);
  CREATE INDEX order_attempts_customer_reference ON order_attempts (customer_reference);
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, created_at);
  DROP INDEX order_attempt_events_key;
  CREATE INDEX order_attempt_events_key ON order_attempt_events (key_scope, idempotency_key, id);`,
  // The month an amount counts in (see BUDGETED_STATES); attempts recorded before keep their month.
  `ALTER TABLE order_attempts ADD COLUMN committed_at INTEGER NOT NULL DEFAULT 0;
  UPDATE order_attempts SET committed_at = created_at;
  DROP INDEX order_attempts_tenant_month;
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, committed_at);`,
  // The month an attempt written by an earlier version counts in too (see SPENT_AT_SQL).
  `DROP INDEX order_attempts_tenant_month;
  CREATE INDEX order_attempts_tenant_month ON order_attempts (tenant_id, (${SPENT_AT_SQL}));`,
];

const UNRESOLVED_SQL = `state IN (${sqlStates(UNRESOLVED_STATES)})`;

type Params = Record<string, string | number | null>;

/**
 * The embedded journal: SQLite (`orders.sqlite` in the data folder), committed with synchronous=FULL
 * before the call that follows each change. One gateway process per data folder, so it holds the
 * reconciliation lease by itself. Before each write it checks that its file is still the one it opened:
 * a data folder deleted under a running gateway would otherwise swallow every record silently.
 */
export class SqliteOrderJournal implements OrderJournalStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly identity: Stats,
    private readonly now: () => number,
  ) {}

  static open(dataDir: string, now: () => number = Date.now): SqliteOrderJournal {
    const path = join(dataDir, 'orders.sqlite');
    let db: Database.Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      // WAL's default (NORMAL) may lose the last commits on power loss; an order record must not.
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      const journal = new SqliteOrderJournal(db, path, statSync(path), now);
      journal.probe();
      return journal;
    } catch (error) {
      db?.close();
      // Without its journal the gateway must not take orders: say so in the one line start-up prints.
      throw new ConfigError(
        `GATEWAY_DATA_DIR (${dataDir}) cannot hold the order journal: ${reasonOf(error)}.`,
      );
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async get(key: AttemptKey): Promise<OrderAttemptRecord | undefined> {
    return this.read(key);
  }

  async claim(attempt: NewAttempt, state: ClaimState, budget: BudgetLimit | null): Promise<ClaimOutcome> {
    const input = inputJsonOf(attempt.input);
    return this.write(() =>
      this.db
        .transaction((): ClaimOutcome => {
          const known = this.read(attempt);
          if (known !== undefined && HOLDING_STATES.includes(known.state))
            return { kind: 'held', record: known };
          if (this.referenceTaken(attempt)) return { kind: 'reference-taken' };
          const remaining = this.remaining(budget, attempt);
          if (remaining !== null && (attempt.totalAmount ?? 0) > remaining)
            return { kind: 'over-budget', remaining };
          const at = this.now();
          this.db
            .prepare(
              `INSERT INTO order_attempts (key_scope, idempotency_key, operation, attempt_id, fingerprint, state,
                 contract_id, customer_reference, product_type_id, input_json, credential_id, tenant_id, requested_by,
                 request_id, currency, total_amount, created_at, updated_at, committed_at)
               VALUES (@scope, @key, @operation, @attemptId, @fingerprint, @state, @contractId, @customerReference,
                 @productTypeId, @input, @credentialId, @tenantId, @requestedBy, @requestId, @currency, @totalAmount,
                 @at, @at, @at)
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
                 committed_at = excluded.committed_at, resolved_at = NULL`,
            )
            .run({
              scope: attempt.keyScope,
              key: attempt.idempotencyKey,
              operation: attempt.operation,
              attemptId: randomUUID(),
              fingerprint: attempt.fingerprint,
              state,
              contractId: attempt.contractId,
              customerReference: attempt.customerReference,
              productTypeId: attempt.productTypeId,
              input,
              credentialId: attempt.credentialId,
              tenantId: attempt.tenantId,
              requestedBy: attempt.requestedBy,
              requestId: attempt.requestId,
              currency: attempt.currency,
              totalAmount: attempt.totalAmount,
              at,
            });
          this.event(
            attempt,
            at,
            state === AttemptState.SENDING ? 'RECORDED' : state,
            recordedDetail(attempt),
          );
          return { kind: 'claimed', record: this.mustRead(attempt) };
        })
        .immediate(),
    );
  }

  /** Whether another key's attempt holding `attempt`'s customer reference on its credential is placed or may be. */
  private referenceTaken(attempt: NewAttempt): boolean {
    // A quotation's acceptance takes the reference its quotation already has upstream.
    if (attempt.operation !== PaidOperation.ORDER) return false;
    const row = this.db
      .prepare(
        `SELECT 1 FROM order_attempts
         WHERE customer_reference = ? AND NOT (key_scope = ? AND idempotency_key = ?) AND credential_id IS ?
           AND operation = '${PaidOperation.ORDER}'
           AND state IN (${sqlStates(HOLDING_STATES)}) LIMIT 1`,
      )
      .get(attempt.customerReference, attempt.keyScope, attempt.idempotencyKey, attempt.credentialId);
    return row !== undefined;
  }

  async approve(
    key: AttemptKey,
    decision: ApprovalDecision,
    budget: BudgetLimit | null,
  ): Promise<ApprovalOutcome> {
    return this.write(() =>
      this.db
        .transaction((): ApprovalOutcome => {
          const known = this.read(key);
          if (known?.state !== AttemptState.AWAITING_APPROVAL) return { kind: 'held', record: known };
          const remaining = this.remaining(budget, key);
          if (remaining !== null && decision.totalAmount > remaining)
            return { kind: 'over-budget', remaining };
          const at = this.now();
          // The transaction holds the file's write lock from the read on; the condition keeps the
          // held state a precondition of the write all the same, as in PostgreSQL.
          const { changes } = this.db
            .prepare(
              `UPDATE order_attempts SET state = '${AttemptState.SENDING}', attempt_id = @attemptId,
                 decided_by = @decidedBy, decided_at = @at, currency = @currency, total_amount = @totalAmount,
                 updated_at = @at, committed_at = @at
               WHERE key_scope = @scope AND idempotency_key = @key AND state = '${AttemptState.AWAITING_APPROVAL}'`,
            )
            .run({ ...decision, ...keyParams(key), attemptId: randomUUID(), at });
          if (changes === 0) return { kind: 'held', record: this.read(key) };
          this.event(
            key,
            at,
            'APPROVED',
            `by ${decision.decidedBy} at ${decision.totalAmount} ${decision.currency}`,
          );
          return { kind: 'claimed', record: this.mustRead(key) };
        })
        .immediate(),
    );
  }

  async rejectHeld(
    key: AttemptKey,
    decidedBy: string,
    reason: string,
  ): Promise<OrderAttemptRecord | undefined> {
    return this.write(() =>
      this.change(
        key,
        `state = '${AttemptState.AWAITING_APPROVAL}'`,
        `state = '${AttemptState.APPROVAL_REJECTED}', decided_by = @decidedBy, decided_at = @at,
         decision_reason = @reason, resolved_at = @at`,
        { decidedBy, reason },
        'APPROVAL_REJECTED',
        `by ${decidedBy}: ${reason}`,
      ),
    );
  }

  async markSent(key: AttemptKey, attemptId: string): Promise<void> {
    const changed = this.write(() =>
      this.changes(
        key,
        `attempt_id = @attemptId AND state = '${AttemptState.SENDING}'`,
        'send_count = send_count + 1, sent_at = @at',
        { attemptId },
        'SENT',
        null,
      ),
    );
    if (changed === 0) throw journalUnavailable('the attempt was taken over by another process');
  }

  async markPlaced(
    key: AttemptKey,
    order: PlacedDetails,
    resolution: Resolution,
    detail: string,
  ): Promise<OrderAttemptRecord> {
    return this.settled(
      this.write(() =>
        this.change(
          key,
          UNRESOLVED_SQL,
          `state = '${AttemptState.PLACED}', sales_order_id = @salesOrderId,
           currency = COALESCE(@currency, currency), total_amount = COALESCE(@totalAmount, total_amount),
           discount_percentage = @discountPercentage, discount_value = @discountValue,
           resolution = @resolution, error_code = NULL, error_message = NULL, resolved_at = @at`,
          { ...order, resolution },
          'PLACED',
          detail,
        ),
      ),
    );
  }

  async markUnknown(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord> {
    return this.failure(key, attemptId, AttemptState.OUTCOME_UNKNOWN, error);
  }

  async markRejected(key: AttemptKey, attemptId: string, error: ErrorSummary): Promise<OrderAttemptRecord> {
    return this.failure(key, attemptId, AttemptState.REJECTED, error);
  }

  async markNotSent(
    key: AttemptKey,
    attemptId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome> {
    return this.write(() =>
      this.db.transaction((): NotSentOutcome => {
        const changed = this.changes(
          key,
          `attempt_id = @attemptId AND ${UNRESOLVED_SQL} AND ${sentAsSeenSql(marked)}`,
          `state = '${AttemptState.NOT_SENT}', error_code = @code, error_message = @message, resolved_at = @at`,
          { attemptId, code: error.code, message: boundedDetail(error.message) },
          AttemptState.NOT_SENT,
          `${error.code}: ${error.message}`,
        );
        const record = this.read(key);
        const own = record?.attemptId === attemptId && isUnresolved(record.state);
        return notSentOutcome(changed > 0, own);
      })(),
    );
  }

  async markAbsent(key: AttemptKey, detail: string): Promise<OrderAttemptRecord> {
    return this.settled(
      this.write(() =>
        this.change(
          key,
          UNRESOLVED_SQL,
          `state = '${AttemptState.ABSENT}', resolution = '${Resolution.GRACE_PERIOD_ENDED}', resolved_at = @at,
           reconciliation_checks = reconciliation_checks + 1, last_checked_at = @at`,
          {},
          'ABSENT',
          detail,
        ),
      ),
    );
  }

  async markChecked(key: AttemptKey, detail: string): Promise<OrderAttemptRecord> {
    return this.settled(
      this.write(() =>
        this.change(
          key,
          UNRESOLVED_SQL,
          'reconciliation_checks = reconciliation_checks + 1, last_checked_at = @at',
          {},
          'CHECKED',
          detail,
        ),
      ),
    );
  }

  async recoverInterrupted(before: Date): Promise<number> {
    return this.write(() =>
      this.db
        .transaction(() => {
          const rows = this.db
            .prepare(
              `SELECT key_scope AS keyScope, idempotency_key AS idempotencyKey, sent_at AS sentAt
               FROM order_attempts WHERE state = '${AttemptState.SENDING}' AND updated_at < ?`,
            )
            .all(before.getTime()) as (AttemptKey & { sentAt: number | null })[];
          const at = this.now();
          for (const { sentAt, ...key } of rows) {
            const [state, detail] =
              sentAt === null
                ? [AttemptState.NOT_SENT, INTERRUPTED_NOT_SENT]
                : [AttemptState.OUTCOME_UNKNOWN, INTERRUPTED_UNKNOWN];
            this.db
              .prepare(
                `UPDATE order_attempts SET state = @state, updated_at = @at,
                   resolved_at = CASE WHEN @state = '${AttemptState.NOT_SENT}' THEN @at ELSE NULL END
                 WHERE key_scope = @scope AND idempotency_key = @key`,
              )
              .run({ ...keyParams(key), at, state });
            this.event(key, at, state, detail);
          }
          return rows.length;
        })
        .immediate(),
    );
  }

  async unresolved(credentialId: string | null): Promise<OrderAttemptRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM order_attempts WHERE ${UNRESOLVED_SQL} AND credential_id IS ? ORDER BY created_at`,
      )
      .all(credentialId) as AttemptRow[];
    return rows.map(attemptFromRow);
  }

  async salesOrdersOfOtherAttempts(customerReference: string, key: AttemptKey): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT sales_order_id AS id FROM order_attempts
         WHERE customer_reference = ? AND NOT (key_scope = ? AND idempotency_key = ?) AND sales_order_id IS NOT NULL`,
      )
      .all(customerReference, key.keyScope, key.idempotencyKey) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  async list({
    states,
    customerReference,
    tenantId,
    offset,
    limit,
  }: AttemptFilter): Promise<OrderAttemptRecord[]> {
    const conditions: string[] = [];
    const params: Params = { limit, offset };
    states.forEach((state, index) => {
      params[`state${index}`] = state;
    });
    if (states.length > 0)
      conditions.push(`state IN (${states.map((_, index) => `@state${index}`).join(', ')})`);
    if (customerReference !== null) {
      conditions.push('customer_reference = @customerReference');
      params.customerReference = customerReference;
    }
    if (tenantId !== null) {
      conditions.push('tenant_id = @tenantId');
      params.tenantId = tenantId;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare(
        `SELECT * FROM order_attempts ${where}
         ORDER BY created_at DESC, idempotency_key DESC, key_scope DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as AttemptRow[];
    return rows.map(attemptFromRow);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = this.db
      .prepare('SELECT state, count(*) AS count FROM order_attempts GROUP BY state')
      .all() as {
      state: string;
      count: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.count]));
  }

  async events(key: AttemptKey): Promise<OrderAttemptEvent[]> {
    const rows = this.db
      .prepare(
        'SELECT at, kind, detail FROM order_attempt_events WHERE key_scope = ? AND idempotency_key = ? ORDER BY id',
      )
      .all(key.keyScope, key.idempotencyKey) as { at: number; kind: string; detail: string | null }[];
    return rows.map((row) => ({ at: new Date(row.at), kind: row.kind, detail: row.detail }));
  }

  async recordSegmentDecision(decision: SegmentDecisionRecord): Promise<void> {
    this.write(() =>
      this.db
        .prepare(
          `INSERT INTO segment_decisions (at, decision, contract_id, tasking_id, segment_id, tenant_id,
             decided_by, request_id, outcome)
           VALUES (@at, @decision, @contractId, @taskingId, @segmentId, @tenantId, @decidedBy, @requestId, @outcome)`,
        )
        .run({ ...decision, at: decision.at.getTime() }),
    );
  }

  async segmentDecisions(segmentId: string): Promise<SegmentDecisionRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM segment_decisions WHERE segment_id = ? ORDER BY id')
      .all(segmentId) as SegmentDecisionRow[];
    return rows.map(segmentDecisionFromRow);
  }

  async claimAction(action: NewTargetAction, abandonedBefore: Date): Promise<ActionClaim> {
    return this.write(() =>
      this.db
        .transaction((): ActionClaim => {
          const claimed = this.db.prepare(claimActionSql((index) => `@p${index}`)).get({
            p1: action.action,
            p2: action.contractId,
            p3: action.targetId,
            p4: randomUUID(),
            p5: action.tenantId,
            p6: action.requestedBy,
            p7: action.requestId,
            p8: this.now(),
            p9: abandonedBefore.getTime(),
          }) as TargetActionRow | undefined;
          if (claimed !== undefined) return { kind: 'claimed', record: targetActionFromRow(claimed) };
          const held = this.readAction(action);
          if (held === undefined) throw new Error('target action vanished from the journal');
          return { kind: 'held', record: held };
        })
        .immediate(),
    );
  }

  async markActionSent(key: TargetKey, claimId: string): Promise<void> {
    const { changes } = this.write(() =>
      this.db
        .prepare(
          `UPDATE target_actions SET sent_at = @at, updated_at = @at
           WHERE action = @action AND contract_id = @contractId AND target_id = @targetId
             AND claim_id = @claimId AND state = 'SENDING'`,
        )
        .run({ ...targetParams(key), claimId, at: this.now() }),
    );
    if (changes === 0) throw journalUnavailable('the action was taken over by another call');
  }

  async markActionNotSent(
    key: TargetKey,
    claimId: string,
    error: ErrorSummary,
    marked: boolean,
  ): Promise<NotSentOutcome> {
    return this.write(() =>
      this.db.transaction((): NotSentOutcome => {
        const { changes } = this.db
          .prepare(
            `UPDATE target_actions SET state = '${TargetActionState.NOT_SENT}', error_code = @code,
               error_message = @message, updated_at = @at
             WHERE action = @action AND contract_id = @contractId AND target_id = @targetId AND claim_id = @claimId
               AND state = '${TargetActionState.SENDING}' AND ${sentAsSeenSql(marked)}`,
          )
          .run({
            ...targetParams(key),
            claimId,
            code: error.code,
            message: boundedDetail(error.message),
            at: this.now(),
          });
        const record = this.readAction(key);
        const own = record?.claimId === claimId && record.state === TargetActionState.SENDING;
        return notSentOutcome(changes > 0, own);
      })(),
    );
  }

  async settleAction(
    key: TargetKey,
    claimId: string,
    state: SettledActionState,
    error: ErrorSummary | null,
  ): Promise<TargetActionRecord> {
    this.write(() =>
      this.db
        .prepare(
          `UPDATE target_actions SET state = @state, error_code = @code, error_message = @message, updated_at = @at
           WHERE action = @action AND contract_id = @contractId AND target_id = @targetId AND claim_id = @claimId`,
        )
        .run({
          ...targetParams(key),
          claimId,
          state,
          code: error?.code ?? null,
          message: boundedDetail(error?.message ?? null),
          at: this.now(),
        }),
    );
    const record = this.readAction(key);
    if (record === undefined) throw new Error('target action vanished from the journal');
    return record;
  }

  async targetAction(key: TargetKey): Promise<TargetActionRecord | undefined> {
    return this.readAction(key);
  }

  private readAction(key: TargetKey): TargetActionRecord | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM target_actions WHERE action = @action AND contract_id = @contractId AND target_id = @targetId',
      )
      .get(targetParams(key)) as TargetActionRow | undefined;
    return row === undefined ? undefined : targetActionFromRow(row);
  }

  async holdsReconciliationLease(): Promise<boolean> {
    return true;
  }

  async isReady(): Promise<boolean> {
    try {
      this.probe();
      return true;
    } catch {
      return false;
    }
  }

  /** A real write, so a full disk or a read-only file shows before an order depends on it. */
  private probe(): void {
    this.write(() =>
      this.db
        .prepare(
          'INSERT INTO journal_health (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
        )
        .run(this.now()),
    );
  }

  /**
   * Runs a write after checking the file is still the one opened, and turns any storage failure (full
   * disk, read-only, corrupt, removed) into JOURNAL_UNAVAILABLE.
   */
  private write<T>(run: () => T): T {
    let current: Stats;
    try {
      current = statSync(this.path);
    } catch (error) {
      throw journalUnavailable(`its file ${reasonOf(error) === 'ENOENT' ? 'was removed' : 'cannot be read'}`);
    }
    if (current.ino !== this.identity.ino || current.dev !== this.identity.dev) {
      throw journalUnavailable('its file was replaced');
    }
    try {
      return run();
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw journalUnavailable(reasonOf(error));
    }
  }

  private remaining(budget: BudgetLimit | null, except: AttemptKey): number | null {
    if (budget === null) return null;
    const { spent } = this.db
      .prepare(
        `SELECT COALESCE(SUM(total_amount), 0) AS spent FROM order_attempts
         WHERE tenant_id = ? AND currency = ? AND ${SPENT_AT_SQL} >= ? AND NOT (key_scope = ? AND idempotency_key = ?)
           AND state IN (${sqlStates(BUDGETED_STATES)})`,
      )
      .get(
        budget.tenantId,
        budget.currency,
        budget.monthStart.getTime(),
        except.keyScope,
        except.idempotencyKey,
      ) as { spent: number };
    return Math.max(0, budget.monthlyBudget - spent);
  }

  private failure(
    key: AttemptKey,
    attemptId: string,
    state: AttemptState,
    error: ErrorSummary,
  ): Promise<OrderAttemptRecord> {
    const resolved = state === AttemptState.OUTCOME_UNKNOWN ? '' : ', resolved_at = @at';
    return Promise.resolve(
      this.settled(
        this.write(() =>
          this.change(
            key,
            `attempt_id = @attemptId AND ${UNRESOLVED_SQL}`,
            `state = '${state}', error_code = @code, error_message = @message${resolved}`,
            { attemptId, code: error.code, message: boundedDetail(error.message) },
            state,
            boundedDetail(`${error.code}: ${error.message}`),
          ),
        ),
      ),
    );
  }

  /** One conditional state change and its event, in one transaction; answers the record as it stands. */
  private change(
    key: AttemptKey,
    condition: string,
    assignments: string,
    params: Params,
    eventKind: string,
    detail: string | null,
  ): OrderAttemptRecord | undefined {
    this.changes(key, condition, assignments, params, eventKind, detail);
    return this.read(key);
  }

  private changes(
    key: AttemptKey,
    condition: string,
    assignments: string,
    params: Params,
    eventKind: string,
    detail: string | null,
  ): number {
    return this.db.transaction(() => {
      const at = this.now();
      const { changes } = this.db
        .prepare(
          `UPDATE order_attempts SET ${assignments}, updated_at = @at
           WHERE key_scope = @scope AND idempotency_key = @key AND ${condition}`,
        )
        .run({ ...params, ...keyParams(key), at });
      if (changes > 0) this.event(key, at, eventKind, boundedDetail(detail));
      return changes;
    })();
  }

  private event(key: AttemptKey, at: number, kind: string, detail: string | null): void {
    this.db
      .prepare(
        'INSERT INTO order_attempt_events (key_scope, idempotency_key, at, kind, detail) VALUES (?, ?, ?, ?, ?)',
      )
      .run(key.keyScope, key.idempotencyKey, at, kind, detail);
  }

  private read(key: AttemptKey): OrderAttemptRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM order_attempts WHERE key_scope = ? AND idempotency_key = ?')
      .get(key.keyScope, key.idempotencyKey) as AttemptRow | undefined;
    return row === undefined ? undefined : attemptFromRow(row);
  }

  private mustRead(key: AttemptKey): OrderAttemptRecord {
    return this.settled(this.read(key));
  }

  private settled(record: OrderAttemptRecord | undefined): OrderAttemptRecord {
    if (record === undefined) throw new Error('order attempt vanished from the journal');
    return record;
  }
}

/** An attempt's key as the named parameters `@scope` and `@key`. */
function keyParams(key: AttemptKey): Params {
  return { scope: key.keyScope, key: key.idempotencyKey };
}

function targetParams(key: TargetKey): Params {
  return { action: key.action, contractId: key.contractId, targetId: key.targetId };
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let index = version; index < MIGRATIONS.length; index += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index] ?? '');
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  }
}

/** A system or SQLite error code (ENOENT, SQLITE_FULL, SQLITE_NOTADB…), never a path or a statement. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'unexpected storage failure';
}
