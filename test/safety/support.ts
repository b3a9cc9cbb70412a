import type { TestStack } from '../support/gateway.js';

/** What the simulator's control API reports, as these tests read it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number | null;
  at: string;
  /** The JSON body the client sent (never the token request's). */
  body?: unknown;
}

export interface LedgerOrder {
  salesOrderId: string;
  customerReference: string;
}

export const CREATE_ORDER = `mutation Order($input: OrderInput!) {
  createOrder(input: $input) { status salesOrderId customerReference idempotencyKey totalAmount }
}`;

export const ORDER_ATTEMPT = `query Attempt($key: String!) {
  orderAttempt(idempotencyKey: $key) {
    idempotencyKey state salesOrderId sendCount resolution reconciliationChecks outcomeDeadline
    requestedBy totalAmount error { code } events { kind detail }
  }
}`;

export interface OrderData {
  createOrder: {
    status: 'PLACED' | 'OUTCOME_UNKNOWN';
    salesOrderId: string | null;
    customerReference: string;
    idempotencyKey: string;
    totalAmount: number | null;
  };
}

export interface AttemptData {
  orderAttempt: {
    idempotencyKey: string;
    state: string;
    salesOrderId: string | null;
    sendCount: number;
    resolution: string | null;
    reconciliationChecks: number;
    outcomeDeadline: string | null;
    requestedBy: string | null;
    totalAmount: number | null;
    error: { code: string } | null;
    events: { kind: string; detail: string | null }[];
  } | null;
}

/** The next POST /orders is created upstream, but its answer is replaced by a 500: the lost answer. */
export async function loseNextOrderAnswer(stack: Pick<TestStack, 'control'>): Promise<void> {
  await stack.control('POST', '/faults', {
    method: 'POST',
    path: '/api/v1/orders',
    count: 1,
    status: 500,
    afterHandling: true,
  });
}

export async function ledger(stack: Pick<TestStack, 'control'>): Promise<LedgerOrder[]> {
  return (await stack.control<{ orders: LedgerOrder[] }>('GET', '/orders')).orders;
}

export async function upstreamRequests(stack: Pick<TestStack, 'control'>): Promise<LoggedRequest[]> {
  return (await stack.control<{ requests: LoggedRequest[] }>('GET', '/requests')).requests;
}

/** Polls `check` every 100 ms until it is true; fails after `timeoutMs`. Bounded, so a test cannot hang. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One query with `count` aliased taskings reads, each for its own reference (so none is shared or cached). */
export function aliasBomb(label: string, count: number): string {
  const fields = Array.from(
    { length: count },
    (_, index) => `b${index}: taskings(customerReference: "${label}-${index}", first: 1) { totalCount }`,
  );
  return `{ ${fields.join(' ')} }`;
}
