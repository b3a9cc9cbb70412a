import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import type { NewAttempt, OrderJournalStore } from '../../../src/datasources/orders/order-journal.js';
import { fingerprintOf } from '../../../src/datasources/orders/order-placement.js';
import type { PostgresOrderJournal } from '../../../src/datasources/orders/postgres-order-journal.js';
import { SqliteOrderJournal } from '../../../src/datasources/orders/sqlite-order-journal.js';
import type { OrderRequest } from '../../../src/domain/order.js';
import {
  AttemptState,
  PaidOperation,
  Resolution,
  SHARED_KEY_SCOPE,
  TargetActionKind,
  TargetActionState,
} from '../../../src/domain/order-journal.js';
import {
  JOURNAL_STORES,
  type JournalPlace,
  postgresJournals,
  TEST_DATABASE_URL,
} from '../../support/journal-stores.js';

/** A key of tenant-a, the tenant `attempt` is recorded for. */
const key = (idempotencyKey: string) => ({ keyScope: 'tenant-a', idempotencyKey });
const attempt: NewAttempt = {
  keyScope: 'tenant-a',
  idempotencyKey: 'key-1',
  operation: PaidOperation.ORDER,
  fingerprint: 'f1',
  contractId: 'CTR1',
  customerReference: 'ref-1',
  productTypeId: 'PleiadesTaskingOneDay',
  input: { customerReference: 'ref-1' },
  credentialId: 'cred-1',
  tenantId: 'tenant-a',
  requestedBy: 'tenant-a/alice',
  requestId: 'req-1',
  currency: 'EUR',
  totalAmount: 690,
};
const placed = {
  salesOrderId: 'SAL1',
  currency: 'EUR',
  totalAmount: 690,
  discountPercentage: 0,
  discountValue: 0,
};
const timeout = { code: 'UPSTREAM_TIMEOUT', message: 'no answer' };
const budget = (monthlyBudget: number) => ({
  tenantId: 'tenant-a',
  currency: 'EUR',
  monthlyBudget,
  monthStart: new Date(0),
});

describe.each(JOURNAL_STORES)('the $name order journal', (factory) => {
  let place: JournalPlace;
  let journal: OrderJournalStore;

  beforeEach(async () => {
    place = await factory.place();
    journal = await place.open();
  });

  afterEach(async () => {
    await journal.close();
    await place.remove();
  });

  async function claimed(newAttempt: NewAttempt = attempt) {
    const outcome = await journal.claim(newAttempt, AttemptState.SENDING, null);
    if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
    return outcome.record;
  }

  it('keeps attempts across a reopen; a stopped sender’s attempt is NOT_SENT if never dispatched, else unknown', async () => {
    const sent = await claimed();
    await journal.markSent(key('key-1'), sent.attemptId);
    await claimed({ ...attempt, idempotencyKey: 'key-2', customerReference: 'ref-2' });
    await journal.close();

    journal = await place.open();
    expect(await journal.get(key('key-1'))).toMatchObject({ state: AttemptState.SENDING, sendCount: 1 });
    expect(await journal.recoverInterrupted(new Date(Date.now() + 1))).toBe(2);
    expect((await journal.get(key('key-1')))?.state).toBe(AttemptState.OUTCOME_UNKNOWN);
    expect((await journal.get(key('key-2')))?.state).toBe(AttemptState.NOT_SENT);
    expect((await journal.unresolved('cred-1')).map((record) => record.idempotencyKey)).toEqual(['key-1']);
    expect(await journal.unresolved('another-credential')).toEqual([]);
    expect((await journal.events(key('key-1'))).map((event) => event.kind)).toEqual([
      'RECORDED',
      'SENT',
      'OUTCOME_UNKNOWN',
    ]);
  });

  it('counts its attempts by state (for metrics), leaving out the states that have none', async () => {
    expect(await journal.countByState()).toEqual({});
    const unknown = await claimed();
    await journal.markUnknown(key('key-1'), unknown.attemptId, timeout);
    await claimed({ ...attempt, idempotencyKey: 'key-2', customerReference: 'ref-2' });
    await claimed({ ...attempt, idempotencyKey: 'key-3', customerReference: 'ref-3' });
    expect(await journal.countByState()).toEqual({
      [AttemptState.OUTCOME_UNKNOWN]: 1,
      [AttemptState.SENDING]: 2,
    });
  });

  it('does not let a late reconciliation undo a settled attempt, and keeps the priced amount', async () => {
    const record = await claimed();
    await journal.markUnknown(key('key-1'), record.attemptId, timeout);
    const settled = await journal.markPlaced(
      key('key-1'),
      {
        salesOrderId: 'SAL1',
        currency: null,
        totalAmount: null,
        discountPercentage: null,
        discountValue: null,
      },
      Resolution.FOUND_BY_CUSTOMER_REFERENCE,
      'found',
    );
    expect(settled).toMatchObject({ salesOrderId: 'SAL1', totalAmount: 690, currency: 'EUR' });
    expect((await journal.markAbsent(key('key-1'), 'late')).state).toBe(AttemptState.PLACED);
  });

  it('starts a new attempt over one that placed nothing, keeping the history', async () => {
    const first = await claimed();
    await journal.markRejected(key('key-1'), first.attemptId, {
      code: 'UPSTREAM_REJECTED',
      message: 'E2203',
    });
    const again = await claimed({ ...attempt, fingerprint: 'f2' });
    expect(again).toMatchObject({ state: AttemptState.SENDING, fingerprint: 'f2', errorCode: null });
    expect(again.attemptId).not.toBe(first.attemptId);
    expect((await journal.events(key('key-1'))).map((event) => event.kind)).toEqual([
      'RECORDED',
      'REJECTED',
      'RECORDED',
    ]);
    const filter = { customerReference: 'ref-1', tenantId: null, offset: 0, limit: 10 };
    expect(await journal.list({ ...filter, states: [AttemptState.SENDING] })).toHaveLength(1);
    expect(await journal.list({ ...filter, states: [AttemptState.PLACED] })).toHaveLength(0);
    expect(await journal.list({ ...filter, states: [], tenantId: 'tenant-b' })).toHaveLength(0);
  });

  it('answers a held key instead of claiming it again', async () => {
    await claimed();
    const outcome = await journal.claim({ ...attempt, fingerprint: 'other' }, AttemptState.SENDING, null);
    expect(outcome).toMatchObject({ kind: 'held', record: { fingerprint: 'f1' } });
  });

  it('keeps two tenants’ same key apart: two attempts, each with its own history, approval and budget', async () => {
    const ofB = { keyScope: 'tenant-b', idempotencyKey: 'key-1' };
    const alpha = await claimed();
    // Another tenant, the same key (on another account, whose references are its own): another order.
    const beta = await journal.claim(
      {
        ...attempt,
        ...ofB,
        tenantId: 'tenant-b',
        credentialId: 'cred-2',
        fingerprint: 'f2',
        totalAmount: 900,
      },
      AttemptState.AWAITING_APPROVAL,
      { ...budget(1000), tenantId: 'tenant-b' },
    );
    expect(beta).toMatchObject({
      kind: 'claimed',
      record: { ...ofB, tenantId: 'tenant-b', fingerprint: 'f2' },
    });
    await journal.markSent(key('key-1'), alpha.attemptId);
    await journal.markPlaced(key('key-1'), placed, Resolution.ANSWER, 'answer');

    expect(await journal.get(key('key-1'))).toMatchObject({
      state: AttemptState.PLACED,
      salesOrderId: 'SAL1',
    });
    expect(await journal.get(ofB)).toMatchObject({
      state: AttemptState.AWAITING_APPROVAL,
      salesOrderId: null,
    });
    expect((await journal.events(key('key-1'))).map((event) => event.kind)).toEqual([
      'RECORDED',
      'SENT',
      'PLACED',
    ]);
    expect((await journal.events(ofB)).map((event) => event.kind)).toEqual([AttemptState.AWAITING_APPROVAL]);
    // Tenant-a's placed attempt counts against tenant-a's budget only.
    const approved = await journal.approve(
      ofB,
      { decidedBy: 'tenant-b/boss', currency: 'EUR', totalAmount: 900 },
      { ...budget(1000), tenantId: 'tenant-b' },
    );
    expect(approved).toMatchObject({ kind: 'claimed', record: { ...ofB, state: AttemptState.SENDING } });
    expect((await journal.get(key('key-1')))?.decidedBy).toBeNull();
    expect((await journal.claim({ ...attempt, fingerprint: 'f3' }, AttemptState.SENDING, null)).kind).toBe(
      'held',
    );
  });

  it('keeps what a journal of the previous version holds: each order’s key in its tenant’s scope, acceptances shared', async () => {
    await journal.close();
    const other = await factory.place();
    const columns = `(idempotency_key, attempt_id, fingerprint, state, contract_id, customer_reference,
      product_type_id, input_json, credential_id, tenant_id, operation, sales_order_id, created_at, updated_at)`;
    await other.earlier(3, [
      `INSERT INTO order_attempts ${columns} VALUES
        ('k1', 'a1', 'f1', 'PLACED', 'CTR1', 'ref-1', 'P', '{}', 'cred-1', 'tenant-a', 'ORDER', 'SAL1', 1, 2),
        ('quotation:Q1', 'a2', 'fq', 'AWAITING_APPROVAL', 'CTR2', 'ref-q', 'P', '{}', 'cred-1', 'tenant-a',
          'QUOTATION_ACCEPTANCE', NULL, 1, 1),
        ('before-tenants', 'a3', 'f0', 'OUTCOME_UNKNOWN', 'CTR1', 'ref-0', 'P', '{}', NULL, NULL, 'ORDER', NULL, 1, 1)`,
      `INSERT INTO order_attempt_events (idempotency_key, at, kind, detail) VALUES
        ('k1', 1, 'RECORDED', NULL), ('k1', 2, 'PLACED', 'sales order SAL1'), ('quotation:Q1', 1, 'AWAITING_APPROVAL', NULL)`,
    ]);
    journal = await other.open();
    try {
      const shared = (idempotencyKey: string) => ({ keyScope: SHARED_KEY_SCOPE, idempotencyKey });
      expect(await journal.get(key('k1'))).toMatchObject({
        state: AttemptState.PLACED,
        salesOrderId: 'SAL1',
      });
      expect((await journal.events(key('k1'))).map((event) => event.kind)).toEqual(['RECORDED', 'PLACED']);
      expect(await journal.get({ keyScope: 'tenant-b', idempotencyKey: 'k1' })).toBeUndefined();
      expect(await journal.get(shared('quotation:Q1'))).toMatchObject({ tenantId: 'tenant-a' });
      expect((await journal.events(shared('quotation:Q1'))).map((event) => event.kind)).toEqual([
        AttemptState.AWAITING_APPROVAL,
      ]);
      // From before tenants: no tenant's, still reconciled on its credential.
      expect(await journal.get(shared('before-tenants'))).toMatchObject({
        state: AttemptState.OUTCOME_UNKNOWN,
      });
      expect((await journal.unresolved(null)).map((record) => record.idempotencyKey)).toEqual([
        'before-tenants',
      ]);
      // The migrated journal takes new attempts, tenant-b's "k1" among them.
      expect(
        (
          await journal.claim(
            {
              ...attempt,
              keyScope: 'tenant-b',
              idempotencyKey: 'k1',
              tenantId: 'tenant-b',
              credentialId: 'cred-2',
            },
            AttemptState.SENDING,
            null,
          )
        ).kind,
      ).toBe('claimed');
      await journal.close();
      journal = await other.open();
      expect(await journal.get({ keyScope: 'tenant-b', idempotencyKey: 'k1' })).toMatchObject({
        tenantId: 'tenant-b',
      });
    } finally {
      await journal.close();
      journal = await place.open();
      await other.remove();
    }
  });

  it('lets exactly one of many concurrent claims of a key through', async () => {
    const others = await Promise.all(Array.from({ length: place.shared ? 2 : 0 }, () => place.open()));
    const journals = [journal, ...others, journal, ...others];
    try {
      const outcomes = await Promise.all(
        journals.map((each) => each.claim(attempt, AttemptState.SENDING, null)),
      );
      expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(1);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('never writes NOT_SENT over a send marked by a dispatch its sender did not see finish', async () => {
    const sent = await claimed();
    // The sender's answer timer fired while the journal was recording the send, which then left.
    await journal.markSent(key('key-1'), sent.attemptId);
    expect(await journal.markNotSent(key('key-1'), sent.attemptId, timeout, false)).toBe('marked-sent');
    expect(await journal.get(key('key-1'))).toMatchObject({ state: AttemptState.SENDING, sendCount: 1 });
    expect((await journal.claim(attempt, AttemptState.SENDING, null)).kind).toBe('held');
    // A sender that saw its send marked and then refused unhandled (a 429) frees the key.
    const rateLimited = { code: 'UPSTREAM_RATE_LIMITED', message: '429' };
    expect(await journal.markNotSent(key('key-1'), sent.attemptId, rateLimited, true)).toBe('written');
    expect(await journal.markNotSent(key('key-1'), sent.attemptId, rateLimited, true)).toBe('not-owned');
    expect((await journal.events(key('key-1'))).map((event) => event.kind)).toEqual([
      'RECORDED',
      'SENT',
      AttemptState.NOT_SENT,
    ]);

    // Never marked: NOT_SENT is written, and the send can no longer be marked.
    const unsent = await claimed();
    expect(await journal.markNotSent(key('key-1'), unsent.attemptId, timeout, false)).toBe('written');
    await expect(journal.markSent(key('key-1'), unsent.attemptId)).rejects.toMatchObject({
      code: 'JOURNAL_UNAVAILABLE',
    });
  });

  it('refuses a send whose claim was superseded', async () => {
    const stale = await claimed();
    await journal.recoverInterrupted(new Date(Date.now() + 1));
    await claimed();
    await expect(journal.markSent(key('key-1'), stale.attemptId)).rejects.toMatchObject({
      code: 'JOURNAL_UNAVAILABLE',
    });
  });

  it('knows which sales orders other attempts with the same reference own', async () => {
    await claimed();
    await journal.markPlaced(key('key-1'), placed, Resolution.ANSWER, 'answer');
    // On another credential: on this one, the placed attempt holds the reference.
    await claimed({ ...attempt, idempotencyKey: 'key-2', credentialId: 'cred-2' });
    expect([...(await journal.salesOrdersOfOtherAttempts('ref-1', key('key-2')))]).toEqual(['SAL1']);
    expect([...(await journal.salesOrdersOfOtherAttempts('ref-1', key('key-1')))]).toEqual([]);
  });

  it('refuses a customer reference another key holds on the same credential, until that attempt placed nothing', async () => {
    const first = await claimed();
    const second = { ...attempt, idempotencyKey: 'key-2', fingerprint: 'f2' };
    expect(await journal.claim(second, AttemptState.SENDING, null)).toEqual({ kind: 'reference-taken' });
    expect(await journal.claim(second, AttemptState.AWAITING_APPROVAL, null)).toEqual({
      kind: 'reference-taken',
    });
    expect(await journal.get(key('key-2'))).toBeUndefined();

    for (const settle of [
      () => journal.markUnknown(key('key-1'), first.attemptId, timeout),
      () => journal.markPlaced(key('key-1'), placed, Resolution.ANSWER, 'answer'),
    ]) {
      await settle();
      expect((await journal.claim(second, AttemptState.SENDING, null)).kind).toBe('reference-taken');
    }
    // Another OneAtlas account's references are its own.
    expect(
      (await journal.claim({ ...second, credentialId: 'cred-2' }, AttemptState.SENDING, null)).kind,
    ).toBe('claimed');

    const rejected = await claimed({ ...attempt, idempotencyKey: 'key-3', customerReference: 'ref-3' });
    await journal.markRejected(key('key-3'), rejected.attemptId, {
      code: 'UPSTREAM_REJECTED',
      message: 'E2203',
    });
    // key-3 placed nothing: its reference is free for another key.
    expect(
      (
        await journal.claim(
          { ...attempt, idempotencyKey: 'key-4', customerReference: 'ref-3' },
          AttemptState.SENDING,
          null,
        )
      ).kind,
    ).toBe('claimed');
  });

  it('lets exactly one of many concurrent claims of a reference under new keys through, across replicas', async () => {
    const others = await Promise.all(Array.from({ length: place.shared ? 2 : 0 }, () => place.open()));
    const journals = [journal, ...others];
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          (journals[index % journals.length] as OrderJournalStore).claim(
            { ...attempt, idempotencyKey: `same-reference-${index}` },
            AttemptState.SENDING,
            null,
          ),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.kind === 'reference-taken')).toHaveLength(5);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('reserves the budget atomically: concurrent claims never add up past it', async () => {
    const others = await Promise.all(Array.from({ length: place.shared ? 2 : 0 }, () => place.open()));
    const journals = [journal, ...others];
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          (journals[index % journals.length] as OrderJournalStore).claim(
            {
              ...attempt,
              idempotencyKey: `budget-${index}`,
              customerReference: `budget-${index}`,
              totalAmount: 400,
            },
            AttemptState.SENDING,
            budget(1000),
          ),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(2);
      expect(outcomes.filter((outcome) => outcome.kind === 'over-budget')).toContainEqual({
        kind: 'over-budget',
        remaining: 200,
      });
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('counts an order held in one month and approved in the next in the month of its approval', async () => {
    let now = Date.UTC(2030, 0, 31, 12);
    await journal.close();
    journal = await place.open(() => now);
    const january = { ...budget(1000), monthStart: new Date(Date.UTC(2030, 0, 1)) };
    const february = { ...budget(1000), monthStart: new Date(Date.UTC(2030, 1, 1)) };
    const held = { ...attempt, totalAmount: 800 };
    expect((await journal.claim(held, AttemptState.AWAITING_APPROVAL, january)).kind).toBe('claimed');
    const small = (idempotencyKey: string) => ({
      ...attempt,
      idempotencyKey,
      customerReference: idempotencyKey,
      totalAmount: 300,
    });
    // While it waits, it reserves January's budget.
    expect(await journal.claim(small('jan-2'), AttemptState.SENDING, january)).toEqual({
      kind: 'over-budget',
      remaining: 200,
    });

    now = Date.UTC(2030, 1, 1, 9);
    const approved = await journal.approve(
      key('key-1'),
      { decidedBy: 'tenant-a/boss', currency: 'EUR', totalAmount: 800 },
      february,
    );
    expect(approved.kind).toBe('claimed');
    // Approved in February, it spends February's budget.
    expect(await journal.claim(small('feb-2'), AttemptState.SENDING, february)).toEqual({
      kind: 'over-budget',
      remaining: 200,
    });
  });

  it('keeps counting what a journal of the previous version holds in the month it was recorded', async () => {
    await journal.close();
    const other = await factory.place();
    const recorded = Date.UTC(2030, 0, 15);
    await other.earlier(4, [
      `INSERT INTO order_attempts (key_scope, idempotency_key, attempt_id, fingerprint, state, contract_id,
        customer_reference, product_type_id, input_json, credential_id, tenant_id, operation, currency,
        total_amount, created_at, updated_at)
       VALUES ('tenant-a', 'k0', 'a0', 'f0', 'PLACED', 'CTR1', 'ref-0', 'P', '{}', 'cred-1', 'tenant-a',
        'ORDER', 'EUR', 500, ${recorded}, ${recorded})`,
    ]);
    journal = await other.open(() => Date.UTC(2030, 1, 20));
    try {
      const inMonth = (month: number) => ({
        ...budget(1000),
        monthStart: new Date(Date.UTC(2030, month, 1)),
      });
      expect(await journal.claim({ ...attempt, totalAmount: 600 }, AttemptState.SENDING, inMonth(0))).toEqual(
        {
          kind: 'over-budget',
          remaining: 500,
        },
      );
      expect(
        (await journal.claim({ ...attempt, totalAmount: 600 }, AttemptState.SENDING, inMonth(1))).kind,
      ).toBe('claimed');
    } finally {
      await journal.close();
      journal = await place.open();
      await other.remove();
    }
  });

  it('counts an attempt that a gateway of the previous version claimed again in the month it claimed it', async () => {
    let now = Date.UTC(2030, 0, 20);
    await journal.close();
    journal = await place.open(() => now);
    const tried = await claimed();
    await journal.markNotSent(key('key-1'), tried.attemptId, timeout, false);
    // In February, a replica not yet upgraded claims key-1 again for 900 and sends it. Its claim knows no
    // committed_at: it resets created_at and leaves committed_at in January.
    const february = Date.UTC(2030, 1, 10);
    await place.execute(
      `INSERT INTO order_attempts (key_scope, idempotency_key, attempt_id, fingerprint, state, contract_id,
        customer_reference, product_type_id, input_json, credential_id, tenant_id, operation, currency,
        total_amount, created_at, updated_at)
       VALUES ('tenant-a', 'key-1', 'a-old', 'f1', 'SENDING', 'CTR1', 'ref-1', 'P', '{}', 'cred-1', 'tenant-a',
        'ORDER', 'EUR', 900, ${february}, ${february})
       ON CONFLICT (key_scope, idempotency_key) DO UPDATE SET attempt_id = excluded.attempt_id,
        state = excluded.state, total_amount = excluded.total_amount, created_at = excluded.created_at,
        updated_at = excluded.updated_at`,
    );

    now = february;
    const inFebruary = { ...budget(1000), monthStart: new Date(Date.UTC(2030, 1, 1)) };
    const more = { ...attempt, idempotencyKey: 'key-2', customerReference: 'ref-2', totalAmount: 500 };
    expect(await journal.claim(more, AttemptState.SENDING, inFebruary)).toEqual({
      kind: 'over-budget',
      remaining: 100,
    });
  });

  it('holds, approves at the re-priced amount with a budget re-check, and records who rejected', async () => {
    const held = await journal.claim(attempt, AttemptState.AWAITING_APPROVAL, budget(1000));
    expect(held).toMatchObject({ kind: 'claimed', record: { state: AttemptState.AWAITING_APPROVAL } });
    await journal.claim(
      { ...attempt, idempotencyKey: 'key-2', customerReference: 'ref-2', totalAmount: 300 },
      AttemptState.AWAITING_APPROVAL,
      budget(1000),
    );
    const tooDear = await journal.approve(
      key('key-1'),
      { decidedBy: 'tenant-a/boss', currency: 'EUR', totalAmount: 800 },
      budget(1000),
    );
    expect(tooDear).toEqual({ kind: 'over-budget', remaining: 700 });
    const approved = await journal.approve(
      key('key-1'),
      { decidedBy: 'tenant-a/boss', currency: 'EUR', totalAmount: 650 },
      budget(1000),
    );
    expect(approved).toMatchObject({
      kind: 'claimed',
      record: { state: AttemptState.SENDING, decidedBy: 'tenant-a/boss', totalAmount: 650 },
    });
    expect(
      (await journal.approve(key('key-1'), { decidedBy: 'x', currency: 'EUR', totalAmount: 1 }, null)).kind,
    ).toBe('held');
    const rejected = await journal.rejectHeld(key('key-2'), 'tenant-a/boss', 'too expensive');
    expect(rejected).toMatchObject({
      state: AttemptState.APPROVAL_REJECTED,
      decidedBy: 'tenant-a/boss',
      decisionReason: 'too expensive',
    });
  });

  it('journals segment decisions: who decided what, when, and the outcome', async () => {
    const decision = {
      at: new Date(1_700_000_000_000),
      decision: 'accept' as const,
      contractId: 'CTR1',
      taskingId: 'ICR_1',
      segmentId: 'AS_1',
      tenantId: 'tenant-a',
      decidedBy: 'tenant-a/alice',
      requestId: 'req-9',
      outcome: 'DONE',
    };
    await journal.recordSegmentDecision(decision);
    expect(await journal.segmentDecisions('AS_1')).toEqual([decision]);
  });

  describe('target actions', () => {
    const cancel = {
      action: TargetActionKind.CANCEL_ORDER_ITEM,
      contractId: 'CTR1',
      targetId: 'WOI_1',
      tenantId: 'tenant-a',
      requestedBy: 'tenant-a/alice',
      requestId: 'req-1',
    };
    const longAgo = new Date(0);

    it('lets exactly one of many concurrent claims of a target through, and the others see it', async () => {
      const claims = await Promise.all(Array.from({ length: 8 }, () => journal.claimAction(cancel, longAgo)));
      expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
      expect(new Set(claims.map((claim) => claim.record.claimId)).size).toBe(1);
    });

    it('records who, when and the outcome, and holds the target once sent', async () => {
      const claim = await journal.claimAction(cancel, longAgo);
      await journal.markActionSent(cancel, claim.record.claimId);
      const done = await journal.settleAction(cancel, claim.record.claimId, TargetActionState.DONE, null);
      expect(done).toMatchObject({ ...cancel, state: TargetActionState.DONE, errorCode: null });
      expect(done.sentAt).toBeInstanceOf(Date);
      expect((await journal.claimAction(cancel, new Date(Date.now() + 60_000))).kind).toBe('held');
      expect(await journal.targetAction(cancel)).toEqual(done);
    });

    it('frees a target whose action never left, and one abandoned unsent; a superseded claim cannot send', async () => {
      const first = await journal.claimAction(cancel, longAgo);
      expect(await journal.markActionNotSent(cancel, first.record.claimId, timeout, false)).toBe('written');
      const second = await journal.claimAction(cancel, longAgo);
      expect(second.kind).toBe('claimed');
      // Left SENDING unsent by a stopped process: taken over once it is older than the bound.
      const third = await journal.claimAction(cancel, new Date(Date.now() + 60_000));
      expect(third.kind).toBe('claimed');
      await expect(journal.markActionSent(cancel, second.record.claimId)).rejects.toMatchObject({
        code: 'JOURNAL_UNAVAILABLE',
      });
      expect(
        (await journal.settleAction(cancel, second.record.claimId, TargetActionState.DONE, null)).claimId,
      ).toBe(third.record.claimId);
      expect((await journal.targetAction(cancel))?.state).toBe(TargetActionState.SENDING);
    });

    it('never writes NOT_SENT over a send marked by a dispatch its sender did not see finish', async () => {
      const claim = await journal.claimAction(cancel, longAgo);
      // The sender's answer timer fired while the journal was recording the send, which then left.
      await journal.markActionSent(cancel, claim.record.claimId);
      expect(await journal.markActionNotSent(cancel, claim.record.claimId, timeout, false)).toBe(
        'marked-sent',
      );
      expect(await journal.targetAction(cancel)).toMatchObject({ state: TargetActionState.SENDING });
      expect((await journal.claimAction(cancel, new Date(Date.now() + 60_000))).kind).toBe('held');
      // A sender that saw its send marked and then refused unhandled (a 429) frees the target.
      const rateLimited = { code: 'UPSTREAM_RATE_LIMITED', message: '429' };
      expect(await journal.markActionNotSent(cancel, claim.record.claimId, rateLimited, true)).toBe(
        'written',
      );
      expect(await journal.markActionNotSent(cancel, claim.record.claimId, rateLimited, true)).toBe(
        'not-owned',
      );
      expect((await journal.claimAction(cancel, longAgo)).kind).toBe('claimed');
    });
  });

  it('refuses an input too large for a journal row, before writing anything', async () => {
    const huge = { ...attempt, input: { comments: 'x'.repeat(70_000) } };
    await expect(journal.claim(huge, AttemptState.SENDING, null)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await journal.get(key('key-1'))).toBeUndefined();
  });

  it('says it is ready while it can be written', async () => {
    expect(await journal.isReady()).toBe(true);
  });
});

describe('the reconciliation lease', () => {
  it('is held by the embedded journal itself', async () => {
    const place = await JOURNAL_STORES[0]?.place();
    const journal = await place?.open();
    expect(await journal?.holdsReconciliationLease()).toBe(true);
    await journal?.close();
    await place?.remove();
  });

  it('is held by one PostgreSQL replica at a time, and moves when that one goes away', async () => {
    const place = await (JOURNAL_STORES[1] as (typeof JOURNAL_STORES)[number]).place();
    const first = (await place.open()) as PostgresOrderJournal;
    const second = await place.open();
    try {
      expect(await first.holdsReconciliationLease()).toBe(true);
      expect(await second.holdsReconciliationLease()).toBe(false);
      expect(await first.holdsReconciliationLease()).toBe(true);
      await first.releaseLease();
      expect(await second.holdsReconciliationLease()).toBe(true);
    } finally {
      await first.close();
      await second.close();
      await place.remove();
    }
  });
});

describe('a PostgreSQL replica that goes away', () => {
  it('leaves its unsent attempts to the others at once, while a live one keeps them', async () => {
    const place = await postgresJournals.place();
    const gone = await place.open();
    const survivor = await place.open();
    try {
      const outcome = await gone.claim(attempt, AttemptState.SENDING, null);
      expect(outcome.kind).toBe('claimed');
      // Far from abandoned by the clock: only the claimer's presence says whether it may still send.
      const recently = new Date(Date.now() - 3_600_000);
      expect(await survivor.recoverInterrupted(recently)).toBe(0);
      await gone.close();

      expect(await survivor.recoverInterrupted(recently)).toBe(1);
      expect((await survivor.get(attempt))?.state).toBe(AttemptState.NOT_SENT);
    } finally {
      await survivor.close();
      await place.remove();
    }
  });
});

describe('a PostgreSQL approval and rejection of one held order at once', () => {
  /** The advisory locks the journal takes (namespace, key), as `pg_locks` shows a wait for one. */
  const WAITING_FOR_LOCK = `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
    AND classid = hashtext($1)::oid AND objid = hashtext($2)::oid AND objsubid = 2`;

  it('lets one decide: a rejection made while the approval checks the budget waits, and finds it approved', async () => {
    const place = await postgresJournals.place();
    const journal = await place.open();
    // A tenant of its own: advisory locks are the whole database's, other tests' included.
    const tenantId = `tenant-${Date.now()}-${Math.random()}`;
    const held = { keyScope: tenantId, idempotencyKey: 'held-1' };
    const tenantBudget = { ...budget(1_000_000), tenantId };
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    const waitingFor = async (namespace: string, lockKey: string) =>
      (await other.query(WAITING_FOR_LOCK, [namespace, lockKey])).rows.length > 0;
    const until = async (done: () => Promise<boolean>) => {
      for (let tries = 0; !(await done()); tries += 1) {
        if (tries > 500) throw new Error('the journal never reached the expected wait');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      await journal.claim({ ...attempt, ...held, tenantId }, AttemptState.AWAITING_APPROVAL, tenantBudget);
      // Another order of the tenant holds its budget lock: the approval waits there, holding the key's.
      await other.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [
        'oneatlas-gateway:tenant-budget',
        tenantId,
      ]);
      const approving = journal.approve(
        held,
        { decidedBy: `${tenantId}/approver-a`, currency: 'EUR', totalAmount: 690 },
        tenantBudget,
      );
      await until(() => waitingFor('oneatlas-gateway:tenant-budget', tenantId));
      let rejectAnswered = false;
      const rejecting = journal.rejectHeld(held, `${tenantId}/approver-b`, 'too expensive').finally(() => {
        rejectAnswered = true;
      });
      await until(
        async () => rejectAnswered || (await waitingFor('oneatlas-gateway:order-key', `${tenantId}\nheld-1`)),
      );
      await other.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [
        'oneatlas-gateway:tenant-budget',
        tenantId,
      ]);

      const [approved, rejected] = await Promise.all([approving, rejecting]);
      expect(approved).toMatchObject({ kind: 'claimed', record: { state: AttemptState.SENDING } });
      // The rejecter is not told "rejected" for an order that goes on to be sent.
      expect(rejected).toMatchObject({ state: AttemptState.SENDING, decidedBy: `${tenantId}/approver-a` });
      expect((await journal.events(held)).map((event) => event.kind)).toEqual([
        AttemptState.AWAITING_APPROVAL,
        'APPROVED',
      ]);
    } finally {
      await other.end();
      await journal.close();
      await place.remove();
    }
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

describe('the embedded journal’s durability', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-durability-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a data folder it cannot use with one configuration line', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => SqliteOrderJournal.open(file)).toThrow(ConfigError);
    expect(() => SqliteOrderJournal.open(file)).toThrow(
      /GATEWAY_DATA_DIR \(.*not-a-folder\) cannot hold the order journal: EEXIST/,
    );
  });

  it('refuses a corrupt journal at start-up with one configuration line', () => {
    writeFileSync(join(dir, 'orders.sqlite'), 'this is not a database, it is garbage '.repeat(200));
    expect(() => SqliteOrderJournal.open(dir)).toThrow(
      /^GATEWAY_DATA_DIR \(.*\) cannot hold the order journal: SQLITE_NOTADB\.$/,
    );
  });

  it('notices its folder removed at run time: not ready, and refuses to record', async () => {
    const journal = SqliteOrderJournal.open(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(await journal.isReady()).toBe(false);
    await expect(journal.claim(attempt, AttemptState.SENDING, null)).rejects.toMatchObject({
      code: 'JOURNAL_UNAVAILABLE',
    });
    await journal.close();
  });
});
