import { createHash } from 'node:crypto';
import type { Page } from '../domain/catalogue.js';

/** A window over an upstream list, as a Relay connection asks for it: `limit` items after `offset`. */
export interface Slice {
  offset: number;
  limit: number;
  /**
   * The itemTag of the first item of the page the `after` cursor was served on, when that page was read
   * by item index: what tells that an upstream which ignores the index sent that page again.
   */
  afterPageStart?: string;
}

export const ITEM_TAG_LENGTH = 16;

/** A fixed-length stand-in for an item's id that a cursor can carry: opaque, and bounded whatever the id. */
export function itemTag(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, ITEM_TAG_LENGTH);
}

export interface UpstreamPage<T> {
  items: T[];
  total: number | null;
}

/**
 * Reads a slice through an API that pages by (startPage, count), 1-based. With the page size set to the
 * slice's limit, an aligned offset (the usual case: a client paging with a constant `first`) costs one
 * upstream call; a misaligned one costs two.
 */
export async function readSlice<T>(
  slice: Slice,
  fetchPage: (startPage: number, count: number) => Promise<UpstreamPage<T>>,
): Promise<Page<T>> {
  const count = slice.limit;
  const startPage = Math.floor(slice.offset / count) + 1;
  const skip = slice.offset % count;
  const first = await fetchPage(startPage, count);
  const second = skip > 0 && first.items.length === count ? await fetchPage(startPage + 1, count) : null;
  const available = second ? [...first.items, ...second.items] : first.items;
  const items = available.slice(skip, skip + count);
  const total = first.total;
  const hasNextPage =
    total === null
      ? available.length > skip + count || (second ?? first).items.length === count
      : slice.offset + items.length < total;
  return { items, totalCount: total, hasNextPage };
}

/**
 * The slice read through an API that pages by item index (Neo's `startIndex`/`itemsPerPage`), from the
 * page asked at the slice's offset and limit. Without a total (Neo's order search sample has no
 * paging), a short page ends the list and a full one may be followed by more, so a client does not stop
 * early (and withoutRepeatedPage keeps it from paging forever); more items than asked for is the whole
 * list, sent unpaged, and is cut to the slice.
 */
export function sliceFromItemPage<T>(page: UpstreamPage<T>, slice: Slice): Page<T> {
  if (page.items.length > slice.limit) {
    const items = page.items.slice(slice.offset, slice.offset + slice.limit);
    const total = page.items.length;
    return { items, totalCount: total, hasNextPage: slice.offset + items.length < total };
  }
  const total = page.total ?? (page.items.length < slice.limit ? slice.offset + page.items.length : null);
  return {
    items: page.items,
    totalCount: total,
    hasNextPage: total === null || slice.offset + page.items.length < total,
  };
}

/**
 * A page read by item index, or the list's end when it starts with the item the cursor's page started
 * with: that page sent again by an upstream that ignores startIndex (perhaps honouring itemsPerPage),
 * whose list has then been read. Without this, a client following `hasNextPage` would go round the same
 * items forever.
 */
export function withoutRepeatedPage<T>(page: Page<T>, slice: Slice, idOf: (item: T) => string): Page<T> {
  const [first] = page.items;
  if (first === undefined || slice.afterPageStart !== itemTag(idOf(first))) return page;
  return { items: [], totalCount: page.totalCount, hasNextPage: false };
}
