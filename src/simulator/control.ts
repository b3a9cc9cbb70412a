/**
 * The test-only control interface under /__simulator/ (no auth, never rate limited, never logged),
 * the request log it exposes, and the fault injection it configures.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type RequestHandler, type Response, Router } from 'express';
import { answerFeasibilityStudy } from './lifecycle.js';
import { isRecord, numberish } from './request-parsing.js';
import { seedState } from './seed.js';
import { simulatedNow, TASKING_STATUS } from './state.js';
import type { StateStore } from './store.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** Null while the answer is pending, or when a fault dropped the connection. */
  status: number | null;
  at: string;
  /** The parsed JSON body of API calls, so tests can check what a client sent; never the token request's. */
  body?: unknown;
  /** The client's `X-Ads-Correlation-Id` (optional, notes §2.5), as Airbus' support would find the call by it. */
  correlationId?: string;
}

/** Older entries are forgotten past this many, so a long-running standalone simulator stays small. */
const MAX_LOGGED_REQUESTS = 10_000;

export const TOKEN_PATH = '/auth/realms/IDP/protocol/openid-connect/token';

/** What a test of the gateway's pacing asks the simulator: did anything overlap or get refused? */
export interface TrafficStats {
  tokenRequests: number;
  /** Ordering-API calls (/api/v1, and Neo's /api/v2/orders) being served right now, and the most ever served at once. */
  orderApiInFlight: number;
  maxOrderApiInFlight: number;
  /** Answers with status 429, whichever API gave them. */
  rateLimitedAnswers: number;
}

/** The ordering API's paths: the legacy v1 API and Neo's order search, which shares its limit. */
function isOrderingCall(path: string): boolean {
  return path.startsWith('/api/v1/') || path.startsWith('/api/v2/orders');
}

export class RequestLog {
  entries: RequestLogEntry[] = [];
  tokenRequests = 0;
  private orderApiInFlight = 0;
  private maxOrderApiInFlight = 0;
  private rateLimitedAnswers = 0;

  clear(): void {
    this.entries = [];
    this.tokenRequests = 0;
    this.maxOrderApiInFlight = this.orderApiInFlight;
    this.rateLimitedAnswers = 0;
  }

  stats(): TrafficStats {
    return {
      tokenRequests: this.tokenRequests,
      orderApiInFlight: this.orderApiInFlight,
      maxOrderApiInFlight: this.maxOrderApiInFlight,
      rateLimitedAnswers: this.rateLimitedAnswers,
    };
  }

  /** Middleware recording every request that reaches it, with its final status. */
  recorder(now: () => number): RequestHandler {
    return (req, res, next) => {
      const entry: RequestLogEntry = {
        method: req.method,
        path: req.path,
        query: { ...req.query },
        status: null,
        at: new Date(now()).toISOString(),
      };
      const correlationId = req.get('x-ads-correlation-id');
      if (correlationId !== undefined) entry.correlationId = correlationId.slice(0, 128);
      this.entries.push(entry);
      if (this.entries.length > MAX_LOGGED_REQUESTS) this.entries.shift();
      if (req.path === TOKEN_PATH) this.tokenRequests += 1;
      // Airbus asks for one ordering call at a time: count overlap from arrival until the answer is
      // written or the connection is gone, whichever comes first.
      if (isOrderingCall(req.path)) {
        this.orderApiInFlight += 1;
        this.maxOrderApiInFlight = Math.max(this.maxOrderApiInFlight, this.orderApiInFlight);
        res.once('close', () => {
          this.orderApiInFlight -= 1;
        });
      }
      res.on('finish', () => {
        entry.status = res.statusCode;
        if (res.statusCode === 429) this.rateLimitedAnswers += 1;
        // The token request's body carries the API key: it is never recorded.
        if (req.path !== TOKEN_PATH && req.body !== undefined) entry.body = req.body;
      });
      next();
    };
  }
}

export interface FaultSpec {
  method?: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  count: number;
  status?: number;
  body?: unknown;
  retryAfter?: number;
  latencyMs?: number;
  drop?: boolean;
  /** Let the real handler run (e.g. the order IS created), then delay, replace or drop its answer. */
  afterHandling?: boolean;
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/** A fault's answer when it gives a status but no body: the upstream's shape for that status. */
function defaultFaultBody(status: number): unknown {
  if (status === 429) return { code: 'TOO_MANY_REQUESTS', message: 'Simulated rate limit.' };
  if (status >= 500) return { code: 'UNEXPECTED_SERVER_ERROR' };
  return { errorCode: 'SIMULATED_FAULT', message: `Simulated ${status}.` };
}

export class FaultRegistry {
  private faults: FaultSpec[] = [];

  add(fault: FaultSpec): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault for this request, with one use consumed. */
  private take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) =>
        pathMatches(candidate.path, path) &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method),
    );
    if (fault === undefined) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  private static answer(res: Response, fault: FaultSpec, send: (body: unknown) => Response): Response {
    if (fault.drop) {
      res.socket?.destroy();
      return res;
    }
    if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
    if (fault.status === undefined) return res;
    res.status(fault.status);
    return send(fault.body ?? defaultFaultBody(fault.status));
  }

  injector(): RequestHandler {
    return async (req, res, next) => {
      const fault = this.take(req.method, req.path);
      if (fault === undefined) return next();
      if (fault.afterHandling) {
        // The real handler runs first (the order IS created); only its answer is then delayed,
        // replaced or dropped: "the POST reached Airbus but the client never heard back".
        const sendJson = res.json.bind(res);
        res.json = (body: unknown) => {
          void delay(fault.latencyMs ?? 0).then(() =>
            fault.drop || fault.status !== undefined
              ? FaultRegistry.answer(res, fault, sendJson)
              : sendJson(body),
          );
          return res;
        };
        return next();
      }
      if (fault.latencyMs !== undefined) await delay(fault.latencyMs);
      if (fault.drop || fault.status !== undefined) {
        FaultRegistry.answer(res, fault, (body) => res.json(body));
        return;
      }
      // Latency or Retry-After only: the real handler answers.
      if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
      next();
    };
  }
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  return body[key] === undefined ? undefined : numberish(body[key]);
}

function parseFault(body: unknown): FaultSpec | string {
  if (!isRecord(body)) return 'expected a JSON object';
  if (typeof body.path !== 'string' || body.path === '') return 'path is required';
  const count = optionalNumber(body, 'count') ?? 1;
  if (!Number.isInteger(count) || count < 1) return 'count must be a positive integer';
  const status = optionalNumber(body, 'status');
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599))
    return 'status must be 100–599';
  const latencyMs = optionalNumber(body, 'latencyMs');
  if (latencyMs !== undefined && latencyMs < 0) return 'latencyMs must be ≥ 0';
  const retryAfter = optionalNumber(body, 'retryAfter');
  if (body.method !== undefined && typeof body.method !== 'string') return 'method must be a string';
  return {
    method: body.method,
    path: body.path,
    count,
    status,
    body: body.body,
    retryAfter,
    latencyMs,
    drop: body.drop === true,
    afterHandling: body.afterHandling === true,
  };
}

export interface ControlDependencies {
  store: StateStore;
  log: RequestLog;
  faults: FaultRegistry;
  /** Forgets rate-limit windows and bans. */
  clearRateLimits: () => void;
}

export function controlRouter({ store, log, faults, clearRateLimits }: ControlDependencies): Router {
  const router = Router();
  const now = () => new Date(store.view(simulatedNow)).toISOString();
  router.post('/reset', (_req, res) => {
    store.replace(seedState(Date.now()));
    log.clear();
    faults.clear();
    clearRateLimits();
    res.json({ reset: true, now: now() });
  });
  router.get('/clock', (_req, res) => {
    res.json({ now: now() });
  });
  router.post('/clock/advance', (req, res) => {
    const seconds = isRecord(req.body) ? numberish(req.body.seconds) : undefined;
    if (seconds === undefined || seconds < 0) {
      res.status(400).json({ error: 'seconds must be a number ≥ 0' });
      return;
    }
    store.transact((state) => {
      state.clockOffsetMs += seconds * 1000;
    });
    res.json({ now: now() });
  });
  router.get('/requests', (_req, res) => {
    res.json({ requests: log.entries });
  });
  router.get('/token-requests', (_req, res) => {
    res.json({ count: log.tokenRequests });
  });
  router.get('/stats', (_req, res) => {
    res.json(log.stats());
  });
  router.get('/orders', (_req, res) => {
    res.json({ orders: store.view((state) => state.orders) });
  });
  // What Airbus' operators do by hand (the API has no call for it): pause a tasking, or resume it.
  router.post('/taskings/:id/status', (req, res) => {
    const status = isRecord(req.body) ? req.body.status : undefined;
    if (status !== TASKING_STATUS.paused && status !== TASKING_STATUS.inProgress) {
      res
        .status(400)
        .json({ error: `status must be '${TASKING_STATUS.paused}' or '${TASKING_STATUS.inProgress}'` });
      return;
    }
    const outcome = store.transact((state) => {
      const tasking = state.taskings.find((candidate) => candidate.id === req.params.id);
      if (tasking === undefined) return 'unknown';
      if (tasking.status !== TASKING_STATUS.paused && tasking.status !== TASKING_STATUS.inProgress) {
        return 'settled';
      }
      tasking.status = status;
      return 'changed';
    });
    if (outcome === 'unknown') {
      res.status(404).json({ error: `no tasking '${req.params.id}'` });
      return;
    }
    if (outcome === 'settled') {
      res.status(409).json({ error: 'only an In Progress or Paused tasking can be paused or resumed' });
      return;
    }
    res.json({ id: req.params.id, status });
  });
  // What the requester does in the OneAtlas web application once a manual feasibility study is done
  // (the guide shows no API call for it): confirm the order, which charges it, or decline it.
  router.post('/taskings/:id/feasibility-study', (req, res) => {
    const answer = isRecord(req.body) ? req.body.answer : undefined;
    if (answer !== 'confirm' && answer !== 'decline') {
      res.status(400).json({ error: "answer must be 'confirm' or 'decline'" });
      return;
    }
    const tasking = store.transact((state) =>
      answerFeasibilityStudy(state, req.params.id, answer, simulatedNow(state)),
    );
    res.json({ id: tasking.id, status: tasking.status });
  });
  router.post('/faults', (req, res) => {
    const fault = parseFault(req.body);
    if (typeof fault === 'string') {
      res.status(400).json({ error: fault });
      return;
    }
    faults.add(fault);
    res.status(201).json({ fault });
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  return router;
}
