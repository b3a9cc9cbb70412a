import type { Page } from '../../domain/catalogue.js';
import {
  type CoverageItem,
  CoverageStatus,
  type NeoOrderItem,
  type NeoOrderItemFilter,
  type Quotation,
} from '../../domain/neo.js';
import type { OrderRequest } from '../../domain/order.js';
import type { BinaryTransfer } from '../http/exchange.js';
import type { Lifetime, ReadCache } from '../http/read-cache.js';
import type { RequestScope } from '../http/request-scope.js';
import { CallPriority } from '../http/scheduler.js';
import {
  requestKey,
  type UpstreamCalls,
  type UpstreamRequest,
  upstreamPath,
} from '../http/upstream-client.js';
import { type Slice, sliceFromItemPage, withoutRepeatedPage } from '../paging.js';
import { decideProposal } from './proposal-decision.js';
import {
  coverageItemsFromWire,
  coverageItemsQuery,
  neoSearchToWire,
  orderItemsFromWire,
  orderItemsQuery,
  type QuotationDecision,
  quotationDecisionFromWire,
  quotationFromWire,
} from './wire/neo.mapping.js';
import { quotationRequestToWire } from './wire/order.mapping.js';
import { checkedAnswer } from './wire/shape.js';

/** Order items read at once for a decision: a quotation has one per item of its request. */
const FRESH_ORDER_ITEMS_PAGE = 100;
const NO_ORDER_ITEM_FILTER: NeoOrderItemFilter = {
  customerReference: null,
  orderItemIds: [],
  quotationId: null,
  statuses: [],
};
/** What a coverage item shows once the decision is taken. */
const DECIDED_COVERAGE_STATUS = {
  accept: CoverageStatus.VALIDATED,
  refuse: CoverageStatus.REFUSED,
} as const;
/** Coverage items read per search call; an order item rarely has more than a few dozen. */
const COVERAGE_PAGE_SIZE = 500;
/** Beyond this many coverage pages for one batch the answer is cut, rather than flooding the 1 rps order API. */
const MAX_COVERAGE_PAGES = 10;

/** The Neo order search sits on the order host under /api/v2, beside the /api/v1 the OrderApi uses. */
export function orderApiV2Url(orderApiV1Url: string): string {
  const trimmed = orderApiV1Url.replace(/\/+$/, '');
  if (!/\/api\/v1$/.test(trimmed)) {
    throw new Error(`The order API URL ${trimmed} does not end in /api/v1, so its /api/v2 cannot be found.`);
  }
  return trimmed.replace(/\/api\/v1$/, '/api/v2');
}

export interface NeoClients {
  /** /api/v1 of the order host: the very client (and so the very queue) the OrderApi uses. */
  v1: UpstreamCalls;
  /** /api/v2 of the order host, paced by the same scheduler as `v1`. */
  v2: UpstreamCalls;
}

/**
 * The Pléiades Neo operations of the order API (notes §2.3–2.4): one method per upstream operation.
 * Searches go through the ReadCache like taskings (served stale while refreshed); mutations are sent
 * once, at CRITICAL priority, and drop the searches they may change. Callers that spend money or must
 * not repeat an operation (accepting a quotation, cancel, stop) journal it in a service above.
 */
export class NeoApi {
  private readonly tracking: Lifetime;

  constructor(
    private readonly clients: NeoClients,
    private readonly cache: ReadCache,
    private readonly ttl: { taskingMs: number; taskingStaleMs: number },
  ) {
    this.tracking = { ttlMs: ttl.taskingMs, staleMs: ttl.taskingStaleMs };
  }

  /** This API as `scope`'s request uses it: each of its calls takes that request's turn, budget and deadline. */
  forRequest(scope: RequestScope): NeoApi {
    const { v1, v2 } = this.clients;
    return new NeoApi(
      { v1: v1.forRequest(scope), v2: v2.forRequest(scope) },
      this.cache.forRequest(scope),
      this.ttl,
    );
  }

  /**
   * POST /api/v1/quotations: the body of prices and orders, with Neo's notifications. Not repeated
   * here: it creates a quotation. `contractCurrency` is the quotation's when the answer names none.
   */
  async requestQuotation(
    order: OrderRequest,
    contractCurrency: string,
    onDispatch?: () => void,
  ): Promise<Quotation> {
    const asked = { contractId: order.contractId, contractCurrency };
    try {
      return await this.clients.v1.request(
        {
          method: 'POST',
          path: '/quotations',
          body: quotationRequestToWire(order),
          priority: CallPriority.CRITICAL,
          repeatable: false,
          onDispatch,
        },
        checkedAnswer('order', (answer) => quotationFromWire(answer, asked)),
      );
    } finally {
      await this.dropSearches();
    }
  }

  /**
   * PUT /api/v1/contracts/{cis}/quotations/{id}/accept|refuse: the verb and path are inferred in the
   * notes (§2.3) from a mangled spec entry; this is the one place that knows them. Any 2xx is the
   * decision taken (no answer body is documented).
   */
  async decideQuotation(
    decision: 'accept' | 'refuse',
    contractId: string,
    quotationId: string,
    onDispatch?: () => void | Promise<void>,
  ): Promise<QuotationDecision> {
    try {
      const answer = await this.clients.v1.request({
        method: 'PUT',
        path: upstreamPath`/contracts/${contractId}/quotations/${quotationId}/${decision}`,
        priority: CallPriority.CRITICAL,
        repeatable: false,
        onDispatch,
        anyAnswer: true,
      });
      return quotationDecisionFromWire(answer);
    } finally {
      await this.dropSearches();
    }
  }

  /**
   * The first page of the contract's order items matching `filter`, read fresh (never from the cache)
   * at `priority`: what a decision about money or an item's lifecycle rests on.
   */
  async orderItemsNow(
    contractId: string,
    filter: Partial<NeoOrderItemFilter>,
    priority: CallPriority = CallPriority.CRITICAL,
  ): Promise<NeoOrderItem[]> {
    const q = orderItemsQuery(contractId, { ...NO_ORDER_ITEM_FILTER, ...filter });
    const page = await this.clients.v2.request(
      {
        method: 'POST',
        path: '/orders/search',
        body: neoSearchToWire(q, 0, FRESH_ORDER_ITEMS_PAGE),
        repeatable: true,
        priority,
      },
      checkedAnswer('order', (answer) => orderItemsFromWire(answer, new Date())),
    );
    return page.items;
  }

  /** GET /api/v1/quotations/{id}/export: the quotation's PDF, streamed to `transfer`. */
  async quotationPdf(quotationId: string, transfer: BinaryTransfer): Promise<void> {
    await this.clients.v1.request({
      method: 'GET',
      path: upstreamPath`/quotations/${quotationId}/export`,
      priority: CallPriority.INTERACTIVE,
      binary: transfer,
    });
  }

  /** POST /api/v2/orders/search: one page of the contract's order items, by item index. */
  async orderItems(
    contractId: string,
    filter: NeoOrderItemFilter,
    slice: Slice,
  ): Promise<Page<NeoOrderItem>> {
    const request: UpstreamRequest = {
      method: 'POST',
      path: '/orders/search',
      body: neoSearchToWire(orderItemsQuery(contractId, filter), slice.offset, slice.limit),
      repeatable: true,
    };
    const page = await this.cache.read(requestKey(request), this.tracking, async (priority) => {
      const answer = await this.clients.v2.request(
        { ...request, priority },
        checkedAnswer('order', (body) => orderItemsFromWire(body, new Date())),
      );
      return sliceFromItemPage(answer, slice);
    });
    // Outside the cache, whose key knows the page asked for, not the cursor it was asked after.
    return withoutRepeatedPage(page, slice, (item) => item.id);
  }

  /**
   * POST /api/v1/coverages/search for several order items at once (one query naming them all), as
   * the per-request DataLoader batches them: the coverage items of each, in the order asked.
   */
  async coverageItems(contractId: string, orderItemIds: readonly string[]): Promise<CoverageItem[][]> {
    const unique = [...new Set(orderItemIds)];
    const q = coverageItemsQuery(contractId, unique);
    // By id: an upstream that ignores startIndex sends the same items again, which must count once.
    const found = new Map<string, CoverageItem>();
    for (let pageIndex = 0; pageIndex < MAX_COVERAGE_PAGES; pageIndex += 1) {
      const request: UpstreamRequest = {
        method: 'POST',
        path: '/coverages/search',
        body: neoSearchToWire(q, pageIndex * COVERAGE_PAGE_SIZE, COVERAGE_PAGE_SIZE),
        repeatable: true,
      };
      const page = await this.cache.read(requestKey(request), this.tracking, (priority) =>
        this.clients.v1.request(
          { ...request, priority },
          checkedAnswer('order', (answer) => coverageItemsFromWire(answer, new Date())),
        ),
      );
      const before = found.size;
      for (const item of page.items) found.set(item.id, item);
      // Without a total, only a short page (or one that adds nothing: paging ignored) ends the list;
      // more than asked for is the whole list, sent unpaged.
      const complete =
        page.items.length !== COVERAGE_PAGE_SIZE ||
        found.size === before ||
        (page.total !== null && found.size >= page.total);
      if (complete) break;
    }
    const items = [...found.values()];
    return orderItemIds.map((id) => items.filter((item) => item.orderItemId === id));
  }

  /**
   * POST /api/v1/coverages/{id}/accept|refuse on `item` (found among its order item's coverage): any
   * 2xx is the decision taken. Answers the item read again, else (that read failing or not listing it)
   * `item` with the decided status. A failure is checked on the item read afresh (`decideProposal`):
   * one showing the decision answers it as taken.
   */
  decideCoverage(decision: 'accept' | 'refuse', item: CoverageItem): Promise<CoverageItem> {
    const decided = DECIDED_COVERAGE_STATUS[decision];
    return decideProposal({
      send: async () => {
        await this.mutate(upstreamPath`/coverages/${item.id}/${decision}`);
        return null;
      },
      // Fresh: the decision dropped the cached coverage searches, whatever its outcome.
      readNow: async () => {
        const [coverage = []] = await this.coverageItems(item.contractId, [item.orderItemId]);
        return coverage.find((candidate) => candidate.id === item.id);
      },
      taken: (now) => now.status === decided,
      assumed: () => ({ ...item, status: decided, statusLabel: decided }),
    });
  }

  /** POST /api/v1/orders/{orderItemId}/cancel. */
  async cancelOrderItem(orderItemId: string, onDispatch?: () => void | Promise<void>): Promise<void> {
    await this.mutate(upstreamPath`/orders/${orderItemId}/cancel`, onDispatch);
  }

  /** POST /api/v1/orders/{orderItemId}/stop. */
  async stopOrderItem(orderItemId: string, onDispatch?: () => void | Promise<void>): Promise<void> {
    await this.mutate(upstreamPath`/orders/${orderItemId}/stop`, onDispatch);
  }

  private async mutate(path: string, onDispatch?: () => void | Promise<void>): Promise<void> {
    try {
      await this.clients.v1.request({
        method: 'POST',
        path,
        priority: CallPriority.CRITICAL,
        repeatable: false,
        onDispatch,
        anyAnswer: true,
      });
    } finally {
      // Statuses and counts may have changed, even when the answer was lost.
      await this.dropSearches();
    }
  }

  private async dropSearches(): Promise<void> {
    await Promise.all([
      this.cache.invalidate('POST /orders/search'),
      this.cache.invalidate('POST /coverages/search'),
    ]);
  }
}
