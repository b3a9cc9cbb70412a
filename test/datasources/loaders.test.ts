import { describe, expect, it } from 'vitest';
import { Loaders, MAX_SEGMENT_READS_PER_REQUEST } from '../../src/datasources/loaders.js';
import type { OrderApi } from '../../src/datasources/oneatlas/order-api.js';
import type { Segment, Tasking } from '../../src/domain/tasking.js';
import { GatewayError } from '../../src/errors.js';

/** An order API that only counts the segment reads asked of it. */
function countingApi(): { api: OrderApi; reads: string[] } {
  const reads: string[] = [];
  const api = {
    async segments(contractId: string, taskingId: string): Promise<Segment[]> {
      reads.push(`${contractId}/${taskingId}`);
      return [];
    },
  } as unknown as OrderApi;
  return { api, reads };
}

function tasking(id: string, totalSegmentCount: number): Tasking {
  return { id, contractId: 'CTR1', totalSegmentCount } as Tasking;
}

describe('segments of taskings', () => {
  it('asks nothing for a tasking that counts no segment', async () => {
    const { api, reads } = countingApi();
    const loaders = new Loaders(api);
    expect(await loaders.segmentsOf(tasking('ICR_0', 0))).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('reads each tasking with segments once per request', async () => {
    const { api, reads } = countingApi();
    const loaders = new Loaders(api);
    await Promise.all([loaders.segmentsOf(tasking('ICR_1', 2)), loaders.segmentsOf(tasking('ICR_1', 2))]);
    expect(reads).toEqual(['CTR1/ICR_1']);
  });

  it(`reads the segments of at most ${MAX_SEGMENT_READS_PER_REQUEST} taskings per request, then refuses with what to do`, async () => {
    const { api, reads } = countingApi();
    const loaders = new Loaders(api);
    const taskings = Array.from({ length: MAX_SEGMENT_READS_PER_REQUEST + 1 }, (_, i) =>
      tasking(`ICR_${i}`, 1),
    );
    const results = await Promise.allSettled(taskings.map((each) => loaders.segmentsOf(each)));

    expect(reads).toHaveLength(MAX_SEGMENT_READS_PER_REQUEST);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(1);
    const error = (refused[0] as PromiseRejectedResult).reason as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segments' });
    expect(error.message).toMatch(/at most 10 per request.*first: 10/);
  });

  it('refuses a whole page up front when its taskings with segments exceed the bound, counting none of it', () => {
    const { api, reads } = countingApi();
    const loaders = new Loaders(api);
    const page = [
      ...Array.from({ length: MAX_SEGMENT_READS_PER_REQUEST + 1 }, (_, i) => tasking(`ICR_${i}`, 3)),
      ...Array.from({ length: 50 }, (_, i) => tasking(`ICR_EMPTY_${i}`, 0)),
    ];
    expect(() => loaders.reserveSegmentReads(page)).toThrow(/segments of 11 taskings/);
    expect(reads).toEqual([]);
    // A page whose taskings mostly have no segment passes, however long.
    expect(() => loaders.reserveSegmentReads(page.slice(1))).not.toThrow();
  });
});
