import type { Image, Page } from '../../domain/catalogue.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { imageFromWire } from './wire/catalogue.mapping.js';
import type { WireOpenSearchResponse } from './wire/types.js';

/** The OneAtlas search API (search.foundation.api.oneatlas.airbus.com/api/v2): delivered imagery. */
export class SearchApi {
  constructor(private readonly client: UpstreamClient) {}

  async imagery(workspaceId: string, slice: Slice): Promise<Page<Image>> {
    return readSlice(slice, async (startPage, count) => {
      const wire = await this.client.request<WireOpenSearchResponse>({
        method: 'GET',
        path: '/opensearch',
        query: { workspaceid: workspaceId, itemsPerPage: count, startPage },
      });
      return { items: wire.features.map(imageFromWire), total: wire.totalResults ?? null };
    });
  }
}
