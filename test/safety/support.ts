import { attemptsRequest, PLEIADES_ONE_DAY_OPTIONS } from '../fixtures/guide-samples.js';
import type { TestStack } from '../support/gateway.js';

/** What the simulator's control API reports, as these tests read it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number | null;
  at: string;
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

/** A SPOT ONEPLAN order the simulator accepts, under `customerReference`. */
export function orderInput(customerReference: string, overrides: Record<string, unknown> = {}) {
  return {
    productTypeId: 'SpotTaskingOnePlan',
    aoi: attemptsRequest('').aoi,
    acquisitionMode: 'MONO',
    window: {
      start: new Date(Date.now() + 86_400_000).toISOString(),
      end: new Date(Date.now() + 40 * 86_400_000).toISOString(),
    },
    maxCloudCover: 10,
    maxIncidenceAngle: 30,
    customerReference,
    primaryMarket: 'NQUAL',
    options: PLEIADES_ONE_DAY_OPTIONS.map(({ key, value }) => ({ key, value: String(value) })),
    ...overrides,
  };
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
