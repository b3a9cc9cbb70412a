import { describe, expect, it } from 'vitest';
import { sliceFromItemPage } from '../../src/datasources/paging.js';

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
