import type { AccountContract } from '../../domain/catalogue.js';
import type { Lifetime, ReadCache } from '../http/read-cache.js';
import type { RequestScope } from '../http/request-scope.js';
import { requestKey, type UpstreamCalls, type UpstreamRequest } from '../http/upstream-client.js';
import { accountContractFromWire } from './wire/catalogue.mapping.js';
import { checkedAnswer } from './wire/shape.js';

/**
 * The OneAtlas data API (data.api.oneatlas.airbus.com/api/v1): `/me`, where a SPOT/Pléiades
 * contract's workspace comes from (notes §2.1). It answers for the API key that calls it, so one
 * DataApi serves one credential, and its answer is kept like other reference data (the catalogue TTL).
 */
export class DataApi {
  private readonly lifetime: Lifetime;

  constructor(
    private readonly client: UpstreamCalls,
    private readonly cache: ReadCache,
    private readonly catalogueTtlMs: number,
  ) {
    this.lifetime = { ttlMs: catalogueTtlMs };
  }

  /** This API as `scope`'s request uses it: each of its calls takes that request's turn, budget and deadline. */
  forRequest(scope: RequestScope): DataApi {
    return new DataApi(this.client.forRequest(scope), this.cache.forRequest(scope), this.catalogueTtlMs);
  }

  /** The credential's own contract and its workspace. */
  me(): Promise<AccountContract> {
    const request: UpstreamRequest = { method: 'GET', path: '/me' };
    return this.cache.read(requestKey(request), this.lifetime, (priority) =>
      // The data host is Airbus' foundation platform, paced and labelled with the search API.
      this.client.request({ ...request, priority }, checkedAnswer('search', accountContractFromWire)),
    );
  }
}
