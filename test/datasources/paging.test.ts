import { describe, expect, it } from 'vitest';
import {
  type Slice,
  sliceFromItemPage,
  type UpstreamPage,
  withoutRepeatedPage,
} from '../../src/datasources/paging.js';
import { sliceFromArgs, toConnection } from '../../src/schema/connection.js';

const numbers = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

describe('a slice from a page read by item index', () => {
  it('pages by the total when the answer gives one', () => {
    expect(sliceFromItemPage({ items: numbers(10, 10), total: 25 }, { offset: 10, limit: 10 })).toEqual({
      items: numbers(10, 10),
      totalCount: 25,
      hasNextPage: true,
    });
    expect(sliceFromItemPage({ items: numbers(20, 5), total: 25 }, { offset: 20, limit: 10 })).toMatchObject({
      totalCount: 25,
      hasNextPage: false,
    });
  });

  it('without a total, ends the list at a short page and never at a full one', () => {
    expect(sliceFromItemPage({ items: numbers(20, 5), total: null }, { offset: 20, limit: 10 })).toEqual({
      items: numbers(20, 5),
      totalCount: 25,
      hasNextPage: false,
    });
    expect(sliceFromItemPage({ items: numbers(10, 10), total: null }, { offset: 10, limit: 10 })).toEqual({
      items: numbers(10, 10),
      totalCount: null,
      hasNextPage: true,
    });
    // The page after the last full one is empty: the end, at the offset reached.
    expect(sliceFromItemPage({ items: [], total: null }, { offset: 20, limit: 10 })).toEqual({
      items: [],
      totalCount: 20,
      hasNextPage: false,
    });
  });

  it('cuts a list sent whole (more than asked for) to the slice', () => {
    expect(sliceFromItemPage({ items: numbers(0, 25), total: null }, { offset: 10, limit: 10 })).toEqual({
      items: numbers(10, 10),
      totalCount: 25,
      hasNextPage: true,
    });
    expect(sliceFromItemPage({ items: numbers(0, 25), total: null }, { offset: 20, limit: 10 })).toEqual({
      items: numbers(20, 5),
      totalCount: 25,
      hasNextPage: false,
    });
  });
});

/**
 * What a client following `hasNextPage` reads of an upstream that answers `upstream(slice)` to
 * each page asked for, through the cursors the gateway hands out; it gives up after 20 pages.
 */
function follow(upstream: (slice: Slice) => UpstreamPage<number>, first: number) {
  const read: number[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= 20; pages += 1) {
    const slice = sliceFromArgs(first, after);
    const page = withoutRepeatedPage(sliceFromItemPage(upstream(slice), slice), slice, String);
    const connection = toConnection(page, slice, String);
    read.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return { read, pages };
    after = connection.pageInfo.endCursor;
  }
  return { read, pages: Number.POSITIVE_INFINITY };
}

describe('a client following hasNextPage through a list read by item index', () => {
  it('reads an upstream that ignores startIndex and itemsPerPage once, though its list fills a page exactly', () => {
    expect(follow(() => ({ items: numbers(0, 10), total: null }), 10)).toEqual({
      read: numbers(0, 10),
      pages: 2,
    });
  });

  it('reads an upstream that honours itemsPerPage but ignores startIndex once', () => {
    const upstream = ({ limit }: Slice) => ({ items: numbers(0, Math.min(limit, 25)), total: null });
    expect(follow(upstream, 10)).toEqual({ read: numbers(0, 10), pages: 2 });
  });

  it('reads every page of an upstream that pages, with or without a total', () => {
    const paging =
      (total: number | null) =>
      ({ offset, limit }: Slice) => ({
        items: numbers(offset, Math.max(0, Math.min(limit, 25 - offset))),
        total,
      });
    expect(follow(paging(null), 10)).toEqual({ read: numbers(0, 25), pages: 3 });
    expect(follow(paging(25), 10)).toEqual({ read: numbers(0, 25), pages: 3 });
    expect(follow(paging(null), 5)).toEqual({ read: numbers(0, 25), pages: 6 });
  });
});
