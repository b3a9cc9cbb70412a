import type { Image, ImageFileKind, ImageryFilter, Page } from '../../domain/catalogue.js';
import { ErrorCode } from '../../errors.js';
import type { BinaryTransfer } from '../http/exchange.js';
import type { Lifetime, ReadCache } from '../http/read-cache.js';
import type { RequestScope } from '../http/request-scope.js';
import { CallPriority } from '../http/scheduler.js';
import { requestKey, type UpstreamCalls, type UpstreamRequest } from '../http/upstream-client.js';
import { readSlice, type Slice } from '../paging.js';
import { UpstreamError } from '../upstream-errors.js';
import { imageFileUrlFromWire, imagePageFromWire, imageryFilterToQuery } from './wire/catalogue.mapping.js';
import { checkedAnswer } from './wire/shape.js';

/**
 * The OneAtlas search API (search.foundation.api.oneatlas.airbus.com/api/v2): delivered imagery.
 * Reads go through a ReadCache: identical concurrent searches share one call, and answers are kept
 * briefly. Never served stale: an image carries no read time, so a stale page could not say its age.
 */
export class SearchApi {
  private readonly lifetime: Lifetime;

  /**
   * `files` fetches from the access host (quicklooks, downloads), in the search API's queue: the
   * same account's calls, paced alike.
   */
  constructor(
    private readonly client: UpstreamCalls,
    private readonly cache: ReadCache,
    private readonly ttlMs: number,
    private readonly files: UpstreamCalls,
  ) {
    this.lifetime = { ttlMs };
  }

  /** This API as `scope`'s request uses it: each of its calls takes that request's turn, budget and deadline. */
  forRequest(scope: RequestScope): SearchApi {
    return new SearchApi(
      this.client.forRequest(scope),
      this.cache.forRequest(scope),
      this.ttlMs,
      this.files.forRequest(scope),
    );
  }

  imagery(workspaceId: string, filter: ImageryFilter, slice: Slice): Promise<Page<Image>> {
    return readSlice(slice, (startPage, count) => {
      const request: UpstreamRequest = {
        method: 'GET',
        path: '/opensearch',
        query: { workspaceid: workspaceId, ...imageryFilterToQuery(filter), itemsPerPage: count, startPage },
      };
      return this.cache.read(requestKey(request), this.lifetime, (priority) =>
        this.client.request(
          { ...request, priority },
          checkedAnswer('search', (answer) => imagePageFromWire(answer, workspaceId)),
        ),
      );
    });
  }

  /**
   * Streams one file of an image of `workspaceId` (found by id in that workspace, so an image of
   * another workspace is NOT_FOUND) to `transfer`. Only a link under the access host's URL is
   * followed: the bearer token goes nowhere else.
   */
  async imageFile(
    workspaceId: string,
    imageId: string,
    kind: ImageFileKind,
    transfer: BinaryTransfer,
  ): Promise<void> {
    const lookup: UpstreamRequest = {
      method: 'GET',
      path: '/opensearch',
      query: { workspaceid: workspaceId, id: imageId, itemsPerPage: 1, startPage: 1 },
    };
    const href = await this.cache.read(requestKey(lookup), this.lifetime, (priority) =>
      this.client.request(
        { ...lookup, priority },
        checkedAnswer('search', (answer) => imageFileUrlFromWire(answer, imageId, kind)),
      ),
    );
    const path = href === null ? null : this.files.pathOf(href);
    if (path === null) {
      throw new UpstreamError(ErrorCode.NOT_FOUND, `No ${kind} of image ${imageId} in this workspace.`, {
        upstream: 'search',
      });
    }
    await this.files.request({
      method: 'GET',
      ...path,
      priority: CallPriority.INTERACTIVE,
      binary: transfer,
    });
  }
}
