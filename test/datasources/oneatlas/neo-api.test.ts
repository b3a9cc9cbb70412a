/**
 * NeoApi's paging over search answers of every shape the notes and Airbus' collection allow, against
 * a scripted client: with or without `totalResults`, paged or sent whole.
 */
import { describe, expect, it } from 'vitest';
import { MemoryReadCache } from '../../../src/datasources/http/read-cache.js';
import type {
  AnswerReader,
  UpstreamCalls,
  UpstreamRequest,
} from '../../../src/datasources/http/upstream-client.js';
import { NeoApi } from '../../../src/datasources/oneatlas/neo-api.js';
import type { WireNeoSearchRequest } from '../../../src/datasources/oneatlas/wire/neo-types.js';
import { sliceFromArgs, toConnection } from '../../../src/schema/connection.js';

function coverage(index: number) {
  return {
    contractId: 'CTR1',
    coverageItemId: `CIE_${index}`,
    orderItemId: 'WOI_1_1',
    status: 'PROPOSED',
  };
}

/** A client answering each search with `answer(startIndex, itemsPerPage)`, recording what was asked. */
function scripted(answer: (startIndex: number, itemsPerPage: number) => unknown) {
  const asked: number[] = [];
  const client: UpstreamCalls = {
    async request<T>(request: UpstreamRequest, read?: AnswerReader<T>): Promise<T> {
      const { paging } = request.body as WireNeoSearchRequest;
      asked.push(paging.startIndex);
      const body = answer(paging.startIndex, paging.itemsPerPage);
      return read === undefined ? (body as T) : read(body);
    },
    pathOf: () => null,
    forRequest: () => client,
  };
  const api = new NeoApi({ v1: client, v2: client }, new MemoryReadCache(), {
    taskingMs: 0,
    taskingStaleMs: 0,
  });
  return { api, asked };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

describe('NeoApi coverage search without totalResults', () => {
  it('reads on past a full page until a short one, each item once', async () => {
    const { api, asked } = scripted((start, size) => ({
      features: range(start, Math.max(0, Math.min(size, 503 - start))).map(coverage),
    }));
    const [items = []] = await api.coverageItems('CTR1', ['WOI_1_1']);
    expect(items).toHaveLength(503);
    expect(asked).toEqual([0, 500]);
  });

  it('stops when a page adds nothing new (paging ignored), counting the items once', async () => {
    const { api, asked } = scripted(() => ({ contracts: range(0, 500).map(coverage) }));
    const [items = []] = await api.coverageItems('CTR1', ['WOI_1_1']);
    expect(items).toHaveLength(500);
    expect(asked).toEqual([0, 500]);
  });

  it('takes more than a page as the whole list', async () => {
    const { api, asked } = scripted(() => ({ features: range(0, 700).map(coverage) }));
    const [items = []] = await api.coverageItems('CTR1', ['WOI_1_1']);
    expect(items).toHaveLength(700);
    expect(asked).toEqual([0]);
  });
});

describe('NeoApi order search as the collection sample answers it ({contracts:[…]}, no paging)', () => {
  const line = (index: number) => ({
    contractId: 'CTR1',
    orderItemId: `WOI_${index}_1`,
    status: 'IN_PROGRESS',
  });
  const noFilter = { customerReference: null, orderItemIds: [], quotationId: null, statuses: [] };

  it('ends the list at a short page and pages on after a full one', async () => {
    const { api } = scripted((start, size) => ({
      contracts: range(start, Math.max(0, Math.min(size, 12 - start))).map(line),
    }));
    const first = await api.orderItems('CTR1', noFilter, { offset: 0, limit: 10 });
    expect(first).toMatchObject({ totalCount: null, hasNextPage: true });
    const second = await api.orderItems('CTR1', noFilter, { offset: 10, limit: 10 });
    expect(second).toMatchObject({ totalCount: 12, hasNextPage: false });
    expect(second.items.map((item) => item.id)).toEqual(['WOI_10_1', 'WOI_11_1']);
  });

  it('ends the list for a client following its cursors when the upstream sends the same page at every index', async () => {
    const { api, asked } = scripted(() => ({ contracts: range(0, 10).map(line) }));
    const read: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const slice = sliceFromArgs(10, after);
      const connection = toConnection(
        await api.orderItems('CTR1', noFilter, slice),
        slice,
        (item) => item.id,
      );
      read.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(read).toEqual(range(0, 10).map((index) => `WOI_${index}_1`));
    expect(asked).toEqual([0, 10]);
  });
});
