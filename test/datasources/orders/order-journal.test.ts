import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import { OrderJournal } from '../../../src/datasources/orders/order-journal.js';
import { fingerprintOf } from '../../../src/datasources/orders/order-placement.js';
import type { OrderRequest } from '../../../src/domain/order.js';
import { AttemptState, Resolution } from '../../../src/domain/order-journal.js';

const attempt = {
  idempotencyKey: 'key-1',
  fingerprint: 'f1',
  contractId: 'CTR1',
  customerReference: 'ref-1',
  productTypeId: 'PleiadesTaskingOneDay',
  input: { customerReference: 'ref-1' },
  requestedBy: 'ops-console',
  requestId: 'req-1',
};
const placed = {
  salesOrderId: 'SAL1',
  currency: 'EUR',
  totalAmount: 690,
  discountPercentage: 0,
  discountValue: 0,
};
const timeout = { code: 'UPSTREAM_TIMEOUT', message: 'no answer' };

describe('OrderJournal', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps attempts and their history across a reopen, and makes interrupted ones unknown', () => {
    const first = OrderJournal.open(dir);
    first.begin(attempt);
    first.markSent('key-1');
    first.close();

    const second = OrderJournal.open(dir);
    expect(second.get('key-1')).toMatchObject({
      state: AttemptState.SENDING,
      sendCount: 1,
      requestedBy: 'ops-console',
    });
    expect(second.recoverInterrupted()).toBe(1);
    expect(second.get('key-1')?.state).toBe(AttemptState.OUTCOME_UNKNOWN);
    expect(second.unresolved().map((record) => record.idempotencyKey)).toEqual(['key-1']);
    expect(second.events('key-1').map((event) => event.kind)).toEqual([
      'RECORDED',
      'SENT',
      'OUTCOME_UNKNOWN',
    ]);
    second.close();
  });

  it('does not let a late reconciliation undo a settled attempt', () => {
    const journal = OrderJournal.open(dir);
    journal.begin(attempt);
    journal.markUnknown('key-1', timeout);
    journal.markPlaced('key-1', placed, Resolution.FOUND_BY_CUSTOMER_REFERENCE, 'found');
    expect(journal.markAbsent('key-1', 'late').state).toBe(AttemptState.PLACED);
    expect(journal.get('key-1')).toMatchObject({
      salesOrderId: 'SAL1',
      resolution: 'FOUND_BY_CUSTOMER_REFERENCE',
    });
    journal.close();
  });

  it('starts a new attempt over one that placed nothing, keeping the history', () => {
    const journal = OrderJournal.open(dir);
    journal.begin(attempt);
    journal.markRejected('key-1', { code: 'UPSTREAM_REJECTED', message: 'E2203' });
    const again = journal.begin({ ...attempt, fingerprint: 'f2' });
    expect(again).toMatchObject({ state: AttemptState.SENDING, fingerprint: 'f2', errorCode: null });
    expect(journal.events('key-1').map((event) => event.kind)).toEqual(['RECORDED', 'REJECTED', 'RECORDED']);
    expect(
      journal.list({ states: [AttemptState.SENDING], customerReference: 'ref-1', limit: 10 }),
    ).toHaveLength(1);
    expect(journal.list({ states: [AttemptState.PLACED], customerReference: null, limit: 10 })).toHaveLength(
      0,
    );
    journal.close();
  });

  it('knows which sales orders other attempts with the same reference own', () => {
    const journal = OrderJournal.open(dir);
    journal.begin(attempt);
    journal.markPlaced('key-1', placed, Resolution.ANSWER, 'answer');
    journal.begin({ ...attempt, idempotencyKey: 'key-2' });
    expect([...journal.salesOrdersOfOtherAttempts('ref-1', 'key-2')]).toEqual(['SAL1']);
    expect([...journal.salesOrdersOfOtherAttempts('ref-1', 'key-1')]).toEqual([]);
    journal.close();
  });
});

describe('fingerprintOf', () => {
  it('ignores the order of object keys but not a changed value', () => {
    const request = {
      customerReference: 'r',
      contractId: 'C',
      window: { start: new Date(0), end: new Date(1) },
    };
    const reordered = {
      window: { end: new Date(1), start: new Date(0) },
      contractId: 'C',
      customerReference: 'r',
    };
    const changed = { ...request, contractId: 'D' };
    const of = (value: object) => fingerprintOf(value as unknown as OrderRequest);
    expect(of(reordered)).toBe(of(request));
    expect(of(changed)).not.toBe(of(request));
  });
});

describe('opening the journal', () => {
  it('refuses a data folder it cannot use with one configuration line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'journal-file-')), 'not-a-folder');
    writeFileSync(file, '');
    expect(() => OrderJournal.open(file)).toThrow(ConfigError);
    expect(() => OrderJournal.open(file)).toThrow(
      /GATEWAY_DATA_DIR \(.*not-a-folder\) cannot hold the order journal: EEXIST/,
    );
  });
});
