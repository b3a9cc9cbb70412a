import type { Image, Page } from '../../domain/catalogue.js';
import type { Lifetime, ReadCache } from '../http/read-cache.js';
import { requestKey, type UpstreamClient, type UpstreamRequest } from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { imagePageFromWire } from './wire/catalogue.mapping.js';
import { checkedAnswer } from './wire/shape.js';

/**
 * The OneAtlas search API (search.foundation.api.oneatlas.airbus.com/api/v2): delivered imagery.
 * Reads go through a ReadCache: identical concurrent searches share one call, and answers are kept
 * briefly. Never served stale: an image carries no read time, so a stale page could not say its age.
 */
export class SearchApi {
  private readonly lifetime: Lifetime;

  constructor(
    private readonly client: UpstreamClient,
    private readonly cache: ReadCache,
    ttlMs: number,
  ) {
    this.lifetime = { ttlMs };
  }

  imagery(workspaceId: string, slice: Slice): Promise<Page<Image>> {
    return readSlice(slice, (startPage, count) => {
      const request: UpstreamRequest = {
        method: 'GET',
        path: '/opensearch',
        query: { workspaceid: workspaceId, itemsPerPage: count, startPage },
      };
      return this.cache.read(requestKey(request), this.lifetime, (priority) =>
        this.client.request({ ...request, priority }, checkedAnswer('search', imagePageFromWire)),
      );
    });
  }
}
