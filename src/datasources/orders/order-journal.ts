import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../config.js';
import {
  AttemptState,
  type OrderAttemptEvent,
  type OrderAttemptRecord,
  Resolution,
} from '../../domain/order-journal.js';

/** What is known of an attempt when it is first recorded, before anything is sent. */
export type NewAttempt = Pick<
  OrderAttemptRecord,
  | 'idempotencyKey'
  | 'fingerprint'
  | 'contractId'
  | 'customerReference'
  | 'productTypeId'
  | 'input'
  | 'requestedBy'
  | 'requestId'
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
  limit: number;
}

interface AttemptRow {
  idempotency_key: string;
  fingerprint: string;
  state: AttemptState;
  contract_id: string;
  customer_reference: string;
  product_type_id: string;
  input_json: string;
  requested_by: string | null;
  request_id: string | null;
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS order_attempts (
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
CREATE INDEX IF NOT EXISTS order_attempt_events_key ON order_attempt_events (idempotency_key, id);
`;

const UNRESOLVED: readonly AttemptState[] = [AttemptState.SENDING, AttemptState.OUTCOME_UNKNOWN];
const UNRESOLVED_SQL = `state IN ('${AttemptState.SENDING}', '${AttemptState.OUTCOME_UNKNOWN}')`;

/**
 * The durable record of every order attempt, in SQLite (`orders.sqlite` in the data folder). Each
 * change is committed with synchronous=FULL before the call that follows it, so an attempt is on
 * disk before its POST leaves and survives a crash or restart. One gateway process per data folder.
 */
export class OrderJournal {
  private readonly db: Database.Database;

  private constructor(
    db: Database.Database,
    private readonly now: () => number,
  ) {
    this.db = db;
  }

  static open(dataDir: string, now: () => number = Date.now): OrderJournal {
    let db: Database.Database;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(join(dataDir, 'orders.sqlite'));
    } catch (error) {
      // Without its journal the gateway must not take orders: say so in the one line start-up prints.
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError(`GATEWAY_DATA_DIR (${dataDir}) cannot hold the order journal: ${reason}.`);
    }
    db.pragma('journal_mode = WAL');
    // WAL's default (NORMAL) may lose the last commits on power loss; an order record must not.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new OrderJournal(db, now);
  }

  close(): void {
    this.db.close();
  }

  get(idempotencyKey: string): OrderAttemptRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM order_attempts WHERE idempotency_key = ?')
      .get(idempotencyKey) as AttemptRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  /** Records a new attempt under its key (replacing an attempt of that key that placed nothing). */
  begin(attempt: NewAttempt): OrderAttemptRecord {
    const at = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO order_attempts (idempotency_key, fingerprint, state, contract_id, customer_reference,
             product_type_id, input_json, requested_by, request_id, created_at, updated_at)
           VALUES (@key, @fingerprint, '${AttemptState.SENDING}', @contractId, @customerReference,
             @productTypeId, @input, @requestedBy, @requestId, @at, @at)
           ON CONFLICT (idempotency_key) DO UPDATE SET
             fingerprint = excluded.fingerprint, state = excluded.state, contract_id = excluded.contract_id,
             customer_reference = excluded.customer_reference, product_type_id = excluded.product_type_id,
             input_json = excluded.input_json, requested_by = excluded.requested_by,
             request_id = excluded.request_id, sales_order_id = NULL, currency = NULL, total_amount = NULL,
             discount_percentage = NULL, discount_value = NULL, error_code = NULL, error_message = NULL,
             resolution = NULL, reconciliation_checks = 0, last_checked_at = NULL, created_at = excluded.created_at,
             sent_at = NULL, updated_at = excluded.updated_at, resolved_at = NULL`,
        )
        .run({
          key: attempt.idempotencyKey,
          fingerprint: attempt.fingerprint,
          contractId: attempt.contractId,
          customerReference: attempt.customerReference,
          productTypeId: attempt.productTypeId,
          input: JSON.stringify(attempt.input),
          requestedBy: attempt.requestedBy,
          requestId: attempt.requestId,
          at,
        });
      this.event(attempt.idempotencyKey, at, 'RECORDED', attempt.requestedBy && `by ${attempt.requestedBy}`);
    })();
    return this.mustGet(attempt.idempotencyKey);
  }

  markSent(idempotencyKey: string): void {
    this.update(idempotencyKey, 'SENT', null, 'send_count = send_count + 1, sent_at = @at', {});
  }

  /** PLACED, unless the attempt was already resolved another way (a reconciliation racing the answer). */
  markPlaced(
    idempotencyKey: string,
    order: PlacedDetails,
    resolution: Resolution,
    detail: string,
  ): OrderAttemptRecord {
    return this.update(
      idempotencyKey,
      'PLACED',
      detail,
      `state = '${AttemptState.PLACED}', sales_order_id = @salesOrderId, currency = @currency,
       total_amount = @totalAmount, discount_percentage = @discountPercentage, discount_value = @discountValue,
       resolution = @resolution, error_code = NULL, error_message = NULL, resolved_at = @at`,
      { ...order, resolution },
      true,
    );
  }

  markUnknown(idempotencyKey: string, error: { code: string; message: string }): OrderAttemptRecord {
    return this.failure(idempotencyKey, AttemptState.OUTCOME_UNKNOWN, error, null);
  }

  markRejected(idempotencyKey: string, error: { code: string; message: string }): OrderAttemptRecord {
    return this.failure(idempotencyKey, AttemptState.REJECTED, error, 'now');
  }

  markNotSent(idempotencyKey: string, error: { code: string; message: string }): OrderAttemptRecord {
    return this.failure(idempotencyKey, AttemptState.NOT_SENT, error, 'now');
  }

  /** Not found upstream when the grace period ended; unless resolved meanwhile. */
  markAbsent(idempotencyKey: string, detail: string): OrderAttemptRecord {
    return this.update(
      idempotencyKey,
      'ABSENT',
      detail,
      `state = '${AttemptState.ABSENT}', resolution = '${Resolution.GRACE_PERIOD_ENDED}', resolved_at = @at,
       reconciliation_checks = reconciliation_checks + 1, last_checked_at = @at`,
      {},
      true,
    );
  }

  /** A reconciliation look-up that settled nothing (not found yet, or the look-up failed). */
  markChecked(idempotencyKey: string, detail: string): OrderAttemptRecord {
    return this.update(
      idempotencyKey,
      'CHECKED',
      detail,
      'reconciliation_checks = reconciliation_checks + 1, last_checked_at = @at',
      {},
      true,
    );
  }

  /** After a restart, an attempt left SENDING may or may not have reached OneAtlas: its outcome is unknown. */
  recoverInterrupted(): number {
    const at = this.now();
    const keys = this.db
      .prepare(`SELECT idempotency_key AS key FROM order_attempts WHERE state = '${AttemptState.SENDING}'`)
      .all() as { key: string }[];
    this.db.transaction(() => {
      for (const { key } of keys) {
        this.db
          .prepare(
            `UPDATE order_attempts SET state = '${AttemptState.OUTCOME_UNKNOWN}', updated_at = @at,
               sent_at = COALESCE(sent_at, created_at) WHERE idempotency_key = @key`,
          )
          .run({ key, at });
        this.event(key, at, 'OUTCOME_UNKNOWN', 'the gateway stopped before the answer arrived');
      }
    })();
    return keys.length;
  }

  unresolved(): OrderAttemptRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM order_attempts WHERE ${UNRESOLVED_SQL} ORDER BY created_at`)
      .all() as AttemptRow[];
    return rows.map(fromRow);
  }

  /** Sales orders already owned by other attempts with this customer reference: not this attempt's. */
  salesOrdersOfOtherAttempts(customerReference: string, idempotencyKey: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT sales_order_id AS id FROM order_attempts
         WHERE customer_reference = ? AND idempotency_key <> ? AND sales_order_id IS NOT NULL`,
      )
      .all(customerReference, idempotencyKey) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  list({ states, customerReference, limit }: AttemptFilter): OrderAttemptRecord[] {
    const conditions: string[] = [];
    const params: Record<string, string | number> = { limit };
    states.forEach((state, index) => {
      params[`state${index}`] = state;
    });
    if (states.length > 0)
      conditions.push(`state IN (${states.map((_, index) => `@state${index}`).join(', ')})`);
    if (customerReference !== null) {
      conditions.push('customer_reference = @customerReference');
      params.customerReference = customerReference;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM order_attempts ${where} ORDER BY created_at DESC, rowid DESC LIMIT @limit`)
      .all(params) as AttemptRow[];
    return rows.map(fromRow);
  }

  events(idempotencyKey: string): OrderAttemptEvent[] {
    const rows = this.db
      .prepare('SELECT at, kind, detail FROM order_attempt_events WHERE idempotency_key = ? ORDER BY id')
      .all(idempotencyKey) as { at: number; kind: string; detail: string | null }[];
    return rows.map((row) => ({ at: new Date(row.at), kind: row.kind, detail: row.detail }));
  }

  private failure(
    idempotencyKey: string,
    state: AttemptState,
    error: { code: string; message: string },
    resolved: 'now' | null,
  ): OrderAttemptRecord {
    return this.update(
      idempotencyKey,
      state,
      `${error.code}: ${error.message}`,
      `state = '${state}', error_code = @code, error_message = @message${resolved === 'now' ? ', resolved_at = @at' : ''}`,
      { code: error.code, message: error.message },
    );
  }

  /**
   * One state change and its event, in one transaction. `onlyUnresolved` makes it a no-op on an attempt
   * another path has already settled, so concurrent reconciliations cannot undo each other.
   */
  private update(
    idempotencyKey: string,
    eventKind: string,
    detail: string | null,
    assignments: string,
    params: Record<string, string | number | null>,
    onlyUnresolved = false,
  ): OrderAttemptRecord {
    const at = this.now();
    this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE order_attempts SET ${assignments}, updated_at = @at
           WHERE idempotency_key = @key${onlyUnresolved ? ` AND ${UNRESOLVED_SQL}` : ''}`,
        )
        .run({ ...params, key: idempotencyKey, at });
      if (changed.changes > 0) this.event(idempotencyKey, at, eventKind, detail);
    })();
    return this.mustGet(idempotencyKey);
  }

  private event(idempotencyKey: string, at: number, kind: string, detail: string | null): void {
    this.db
      .prepare('INSERT INTO order_attempt_events (idempotency_key, at, kind, detail) VALUES (?, ?, ?, ?)')
      .run(idempotencyKey, at, kind, detail);
  }

  private mustGet(idempotencyKey: string): OrderAttemptRecord {
    const record = this.get(idempotencyKey);
    if (record === undefined) throw new Error('order attempt vanished from the journal');
    return record;
  }
}

export function isUnresolved(state: AttemptState): boolean {
  return UNRESOLVED.includes(state);
}

function fromRow(row: AttemptRow): OrderAttemptRecord {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    state: row.state,
    contractId: row.contract_id,
    customerReference: row.customer_reference,
    productTypeId: row.product_type_id,
    input: JSON.parse(row.input_json) as unknown,
    requestedBy: row.requested_by,
    requestId: row.request_id,
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
    createdAt: new Date(row.created_at),
    sentAt: date(row.sent_at),
    updatedAt: new Date(row.updated_at),
    resolvedAt: date(row.resolved_at),
  };
}
