import type { IncomingHttpHeaders } from 'node:http';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * OpenTelemetry tracing, off by default. This module is all the rest of the gateway sees: when
 * tracing is off it loads no OpenTelemetry code and every hook is one `undefined` check; the SDK
 * (`tracing-sdk.ts`) is imported only by `startTracing`.
 */

/** One request's trace: the Router's (W3C `traceparent`) or, with tracing on, a new one. */
export interface RequestTrace {
  /** The trace id, for the request's log lines. */
  traceId: string;
  /** Runs the rest of the request inside its span (so that upstream calls become its children). */
  run<T>(work: () => T): T;
  /** Ends the request's span with the HTTP status answered. */
  end(statusCode: number): void;
}

/** What a GraphQL operation's span learns once it is answered. Nothing the client sent but names. */
export interface OperationSummary {
  name: string | undefined;
  type: string;
  /** `ok`, or the first error's code. */
  outcome: string;
}

/**
 * The spans of one upstream call: the call, its wait for a turn in the scheduler, and each HTTP
 * exchange (the one whose context is propagated upstream).
 */
export interface UpstreamCallTrace {
  /** The scheduler gave the call its turn: the wait ends. */
  turnTaken(): void;
  /**
   * The exchange is about to leave: its span starts (named by the call's X-Ads-Correlation-Id, which
   * Airbus' support can look up) and its `traceparent` goes into `headers`.
   */
  sending(headers: Record<string, string>, url: URL, correlationId: string): void;
  /** The exchange was answered with `status` (a 429 starts a new wait: the pause). */
  answered(status: number): void;
  /** The exchange got no answer (`code`: the error's code). */
  failed(code: string): void;
  /** The call is over; `errorCode` when it failed for its caller. */
  end(errorCode?: string): void;
}

export interface ActiveTracing {
  startRequest(headers: IncomingHttpHeaders): RequestTrace;
  annotateOperation(summary: OperationSummary): void;
  startUpstreamCall(api: string, method: string, path: string, priority: number): UpstreamCallTrace;
  shutdown(): Promise<void>;
}

let active: ActiveTracing | undefined;

export interface TracingOptions {
  /** Spans are handed to this exporter one by one as they end (tests); default: batched OTLP export. */
  exportTo?: SpanExporter;
}

/** Starts tracing for this process; the returned function flushes the last spans and stops it. */
export async function startTracing(
  config: TracingConfig,
  logger: Logger,
  options: TracingOptions = {},
): Promise<() => Promise<void>> {
  if (active !== undefined) throw new Error('Tracing is already started in this process.');
  const { createTracing } = await import('./tracing-sdk.js');
  const tracing = createTracing(config, options.exportTo);
  active = tracing;
  // The endpoint only: its headers may hold the collector's key.
  logger.info({ endpoint: config.endpoint, sampleRatio: config.sampleRatio }, 'OpenTelemetry tracing on');
  return async () => {
    if (active === tracing) active = undefined;
    await tracing.shutdown();
  };
}

/**
 * The trace of an incoming request. With tracing off, only a Router's `traceparent` gives one (for
 * the logs, at the cost of one header read); with tracing on, the request's span starts here.
 */
export function startRequestTrace(headers: IncomingHttpHeaders): RequestTrace | undefined {
  if (active !== undefined) return active.startRequest(headers);
  const traceId = traceIdOf(headers.traceparent);
  return traceId === undefined ? undefined : { traceId, run: (work) => work(), end: () => undefined };
}

/** Names the current request's span after its operation, once answered; nothing when tracing is off. */
export function annotateOperation(summary: OperationSummary): void {
  active?.annotateOperation(summary);
}

/** The spans of one upstream call, children of the current request's; undefined when tracing is off. */
export function upstreamCallTrace(
  api: string,
  method: string,
  path: string,
  priority: number,
): UpstreamCallTrace | undefined {
  return active?.startUpstreamCall(api, method, path, priority);
}

/** `00-<trace id>-<span id>-<flags>` (W3C Trace Context); undefined for anything else or an all-zero id. */
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const traceId = TRACEPARENT.exec(traceparent.trim())?.[1];
  return traceId === undefined || /^0+$/.test(traceId) ? undefined : traceId;
}
