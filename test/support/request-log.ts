/**
 * The simulator's request log, to prove which OneAtlas calls the gateway made (or did not make) for
 * one operation: take `requestLogLength` before it, `apiCallsSince` after.
 */
import type { TestStack } from './gateway.js';

export interface LoggedRequest {
  method: string;
  path: string;
}

export async function requestLogLength(stack: TestStack): Promise<number> {
  return (await stack.control<{ requests: unknown[] }>('GET', '/requests')).requests.length;
}

/** The calls the gateway made to the OneAtlas APIs since `since` (the token endpoint aside). */
export async function apiCallsSince(stack: TestStack, since: number): Promise<LoggedRequest[]> {
  const { requests } = await stack.control<{ requests: LoggedRequest[] }>('GET', '/requests');
  return requests.slice(since).filter((request) => request.path.startsWith('/api/'));
}

/**
 * A read the checks before the upstream may make to judge an order, even one they refuse: the
 * contract list (its back end), the contract's workspace (`/me`), markets and delivery types, and the
 * product's option rules.
 */
export function isCatalogueRead(call: LoggedRequest): boolean {
  return (
    /\/options$/.test(call.path) ||
    (call.method === 'GET' &&
      (call.path === '/api/v1/contracts' ||
        call.path === '/api/v1/me' ||
        /\/(properties|deliveryTypes)$/.test(call.path)))
  );
}
