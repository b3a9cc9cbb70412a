import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Slice } from '../datasources/paging.js';
import type { Page } from '../domain/catalogue.js';
import type { CoverageItem, NeoOrderItem, NeoOrderItemFilter } from '../domain/neo.js';
import type { Tasking, TaskingFilter } from '../domain/tasking.js';
import { awaitsDecision } from '../domain/tasking-line.js';
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
  if (!readsSegments) return page;
  loaders.reserveSegmentReads(page.items);
  return {
    ...page,
    items: await Promise.all(page.items.map((tasking) => withCountsOfSegments(tasking, loaders))),
  };
}

/** One tasking by id, with counts from its segments when the operation reads them below it as `field`. */
export async function legacyTasking(
  { orderApi, loaders }: GatewayContext,
  contractId: string,
  taskingId: string,
  info: GraphQLResolveInfo,
  field: 'segments' | 'acquisitions',
): Promise<Tasking | null> {
  const tasking = await orderApi.tasking(contractId, taskingId);
  return tasking !== null && selectsPath(info, [field]) ? withCountsOfSegments(tasking, loaders) : tasking;
}

/**
 * A tasking served with its segments counts what those segments hold. The tasking may come from an
 * older cache entry than its segments (each has its own): `proposedSegmentCount: 2` beside a fresh
 * `segments: []` would contradict itself, so its counts are taken from the segments read instead.
 * The read is the one the `segments` field then uses (once per request). If it fails, the tasking is
 * served as read and the `segments` field reports the error.
 */
export async function withCountsOfSegments(
  tasking: Tasking,
  loaders: GatewayContext['loaders'],
): Promise<Tasking> {
  try {
    const segments = await loaders.segmentsOf(tasking);
    return {
      ...tasking,
      totalSegmentCount: segments.length,
      proposedSegmentCount: segments.filter(awaitsDecision).length,
    };
  } catch {
    return tasking;
  }
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
