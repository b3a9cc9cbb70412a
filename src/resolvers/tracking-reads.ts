import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Slice } from '../datasources/paging.js';
import type { Page } from '../domain/catalogue.js';
import type { CoverageItem, NeoOrderItem, NeoOrderItemFilter } from '../domain/neo.js';
import type { Tasking, TaskingFilter } from '../domain/tasking.js';
import { selectsPath } from '../schema/selection.js';

/**
 * What the tracking fields read, the same way whichever field asks (`taskings`, `neoOrderItems`,
 * `taskingLines`, `segments`/`coverageItems`/`acquisitions`): each item of a page is primed for later
 * lookups by id in the same request (`tasking`, entities), acquisitions are batched per request.
 */

/**
 * A legacy contract's taskings. When the operation reads their segments (as `segments` or
 * `acquisitions`), the reads are reserved for the whole page before any is sent: refused as a whole
 * rather than timing out half way.
 */
export async function legacyTaskingPage(
  { orderApi, loaders }: GatewayContext,
  contractId: string,
  filter: TaskingFilter,
  slice: Slice,
  info: GraphQLResolveInfo | undefined,
): Promise<Page<Tasking>> {
  const page = await orderApi.taskings(contractId, filter, slice);
  for (const tasking of page.items) loaders.taskingById.prime({ contractId, taskingId: tasking.id }, tasking);
  const readsSegments = ['segments', 'acquisitions'].some(
    (field) => info !== undefined && selectsPath(info, ['edges', 'node', field]),
  );
  if (readsSegments) loaders.reserveSegmentReads(page.items);
  return page;
}

/** A Pléiades Neo contract's order items (their coverage items are batched by the loaders). */
export async function neoOrderItemPage(
  { neoApi, loaders }: GatewayContext,
  contractId: string,
  filter: NeoOrderItemFilter,
  slice: Slice,
): Promise<Page<NeoOrderItem>> {
  const page = await neoApi.orderItems(contractId, filter, slice);
  for (const item of page.items) loaders.orderItemById.prime({ contractId, orderItemId: item.id }, item);
  return page;
}

/** An order item's coverage items: none without asking when it counts none, else batched per request. */
export function coverageOf(
  item: NeoOrderItem,
  loaders: GatewayContext['loaders'],
): Promise<CoverageItem[]> | CoverageItem[] {
  if (item.totalCoverageCount === 0) return [];
  return loaders.coverageItemsByOrderItem.load({ contractId: item.contractId, orderItemId: item.id });
}
