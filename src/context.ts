import type { IncomingHttpHeaders } from 'node:http';
import { DEVELOPMENT_TENANT_ID } from './auth/authenticator.js';
import type { Caller } from './auth/caller.js';
import type { RequestScope } from './datasources/http/request-scope.js';
import type { UpstreamPauses } from './datasources/http/upstream-pauses.js';
import type { DataApi } from './datasources/oneatlas/data-api.js';
import type { NeoApi } from './datasources/oneatlas/neo-api.js';
import type { OrderApi } from './datasources/oneatlas/order-api.js';
import type { SearchApi } from './datasources/oneatlas/search-api.js';
import { RequestLoaders } from './datasources/request-loaders.js';
import type { FileLinks } from './files/file-links.js';
import type { Gateway, OrderServices, UpstreamServices } from './gateway.js';
import type { LifecycleService } from './orders/lifecycle-service.js';
import type { OrderingService } from './orders/ordering-service.js';

/**
 * What every resolver receives: the datasources and services as this request uses them (each
 * OneAtlas call takes the request's turn, budget and deadline), its loaders, and the configured defaults.
 */
export interface GatewayContext {
  /** The request's limits and ids, as the upstream call layer sees them. */
  scope: RequestScope;
  orderApi: OrderApi;
  /** Pléiades Neo operations (contracts whose backendSource is neo). */
  neoApi: NeoApi;
  searchApi: SearchApi;
  /** `/me`: the credential's own contract and its workspace. */
  dataApi: DataApi;
  /** The order path: options check, budget, approval hold, idempotent journaled placing. */
  orders: OrderingService;
  /** After the order: refusals, cancels, stops (at most once per target) and segment decisions. */
  lifecycle: LifecycleService;
  loaders: RequestLoaders;
  defaults: { contractId: string; workspaceId: string | undefined };
  /**
   * The verified caller (tenant, subject, roles, credential, contracts), and what the journal records
   * of it: `requestedBy` is `tenant/subject`, never a name the client chose.
   */
  caller: Caller & { requestedBy: string; requestId: string | null };
  /** Gives out the short-lived links of the file route (quicklooks, downloads, quotation PDFs). */
  fileLinks: FileLinks;
  /** Operators' view of the pauses 429s imposed (admin). */
  upstreamPauses: UpstreamPauses;
  /** The clock windows and deadlines are judged by: the upstream's, where the gateway follows one. */
  now: () => number;
}

/** What the context factory sees of one HTTP request. */
export interface ContextRequest {
  headers: IncomingHttpHeaders;
  requestId?: string;
  scope: RequestScope;
}

export type ContextFactory = (request: ContextRequest) => Promise<GatewayContext>;

/**
 * The per-request context: it picks the long-lived services from the gateway and adds what lives
 * for one request only (the DataLoaders, so a request never sees another's batches, and the caller).
 */
export function createContextFactory(gateway: Gateway): ContextFactory {
  const { credentials, authenticate, upstreamPauses, fileLinks, now } = gateway;
  return async (request) => {
    const requestId = request.requestId ?? null;
    // Throws UNAUTHENTICATED (HTTP 401) before anything is parsed or called.
    const caller = await authenticate(request.headers, requestId ?? 'unknown');
    // Callers take turns at the upstream as who they are, so one caller's many requests cannot crowd
    // out another's. The development tenant is everyone who can reach the gateway: there, each
    // request stays a caller of its own.
    if (caller.tenantId !== DEVELOPMENT_TENANT_ID) {
      request.scope.identifyCaller(`${caller.tenantId}/${caller.subject}`);
    }
    const services = credentials.get(caller.credentialId);
    // The tenants file is checked at start-up, so this is a wiring bug, never a caller's mistake.
    if (services === undefined) throw new Error(`no services for credential ${caller.credentialId}`);
    return new RequestContext(services, request.scope, {
      defaults: caller.defaults,
      // Object.assign rather than `{ ...caller, more }`, which Node 20's V8 copies on a slow path
      // (docs/performance.md).
      caller: Object.assign({}, caller, { requestedBy: `${caller.tenantId}/${caller.subject}`, requestId }),
      upstreamPauses,
      fileLinks,
      now,
    });
  };
}

type RequestFacts = Pick<GatewayContext, 'defaults' | 'caller' | 'upstreamPauses' | 'fileLinks' | 'now'>;

/**
 * One request's context. The views of the APIs and services for this request are built when a
 * resolver first asks for one: most requests use one or none of them (docs/performance.md).
 */
class RequestContext implements GatewayContext {
  readonly defaults: GatewayContext['defaults'];
  readonly caller: GatewayContext['caller'];
  readonly upstreamPauses: UpstreamPauses;
  readonly fileLinks: FileLinks;
  readonly now: () => number;
  private orderApiView: OrderApi | undefined;
  private neoApiView: NeoApi | undefined;
  private searchApiView: SearchApi | undefined;
  private dataApiView: DataApi | undefined;
  private ordersView: OrderingService | undefined;
  private lifecycleView: LifecycleService | undefined;
  private loadersOfRequest: RequestLoaders | undefined;

  constructor(
    private readonly services: UpstreamServices & OrderServices,
    readonly scope: RequestScope,
    facts: RequestFacts,
  ) {
    this.defaults = facts.defaults;
    this.caller = facts.caller;
    this.upstreamPauses = facts.upstreamPauses;
    this.fileLinks = facts.fileLinks;
    this.now = facts.now;
  }

  get orderApi(): OrderApi {
    this.orderApiView ??= this.services.orderApi.forRequest(this.scope);
    return this.orderApiView;
  }

  get neoApi(): NeoApi {
    this.neoApiView ??= this.services.neoApi.forRequest(this.scope);
    return this.neoApiView;
  }

  get searchApi(): SearchApi {
    this.searchApiView ??= this.services.searchApi.forRequest(this.scope);
    return this.searchApiView;
  }

  get dataApi(): DataApi {
    this.dataApiView ??= this.services.dataApi.forRequest(this.scope);
    return this.dataApiView;
  }

  get orders(): OrderingService {
    this.ordersView ??= this.services.orders.forRequest(this.scope);
    return this.ordersView;
  }

  get lifecycle(): LifecycleService {
    this.lifecycleView ??= this.services.lifecycle.forRequest(this.scope);
    return this.lifecycleView;
  }

  get loaders(): RequestLoaders {
    this.loadersOfRequest ??= new RequestLoaders(this.orderApi, this.neoApi);
    return this.loadersOfRequest;
  }
}
