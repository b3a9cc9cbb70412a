import {
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config.js';
import { routeTemplate } from './route-template.js';
import type { ActiveTracing, OperationSummary, UpstreamCallTrace } from './tracing.js';

/** CallPriority's values, most urgent first (see scheduler.ts). */
const PRIORITY_NAMES = ['critical', 'interactive', 'background'];

/** GraphQL names are short identifiers; anything longer is cut, so a span never carries a payload. */
const MAX_NAME_LENGTH = 64;

/**
 * The OpenTelemetry SDK, loaded only when tracing is configured (`tracing.ts`). Spans carry names,
 * methods, route templates, statuses and error codes: never a URL's query, a header, a body, an id
 * of the caller's or a key. The Router's sampling decision is followed; new traces are sampled at
 * `sampleRatio`.
 */
export function createTracing(config: TracingConfig, exportTo?: SpanExporter): ActiveTracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      exportTo === undefined
        ? new BatchSpanProcessor({
            // Bounded, so that a receiver that does not answer cannot hold a shutdown past its grace period.
            exporter: new OTLPTraceExporter({
              url: config.endpoint,
              headers: config.headers,
              timeoutMillis: 5_000,
            }),
          })
        : new SimpleSpanProcessor({ exporter: exportTo }),
    ],
  });
  const tracer = provider.getTracer('oneatlas-gateway');
  const propagator = new W3CTraceContextPropagator();
  // Spans started during a request find its span through the async context.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);

  return {
    startRequest(headers) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER }, parent);
      const requestContext = trace.setSpan(parent, span);
      return {
        traceId: span.spanContext().traceId,
        run: (work) => context.with(requestContext, work),
        end(statusCode) {
          span.setAttribute('http.response.status_code', statusCode);
          if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },

    annotateOperation({ name, type, outcome }: OperationSummary) {
      const span = trace.getActiveSpan();
      if (span === undefined) return;
      const operationName = name?.slice(0, MAX_NAME_LENGTH);
      span.updateName(operationName === undefined ? type : `${type} ${operationName}`);
      span.setAttribute('graphql.operation.type', type);
      if (operationName !== undefined) span.setAttribute('graphql.operation.name', operationName);
      if (outcome !== 'ok') {
        span.setAttribute('graphql.error.code', outcome);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      }
    },

    startUpstreamCall(api, method, path, priority) {
      const route = routeTemplate(path);
      const priorityName = PRIORITY_NAMES[priority] ?? String(priority);
      const parent = context.active();
      const call = tracer.startSpan(
        `OneAtlas ${method} ${route}`,
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            'oneatlas.api': api,
            'oneatlas.priority': priorityName,
            'http.request.method': method,
            'url.template': route,
          },
        },
        parent,
      );
      const callContext = trace.setSpan(parent, call);
      return upstreamCallSpans(call, callContext, method, route, priorityName);
    },

    async shutdown() {
      await provider.shutdown();
      // Unregisters and disables the context manager: a later start registers a fresh one.
      context.disable();
    },
  };

  function upstreamCallSpans(
    call: Span,
    callContext: Context,
    method: string,
    route: string,
    priority: string,
  ): UpstreamCallTrace {
    const startWait = (afterRateLimit: boolean) =>
      tracer.startSpan(
        afterRateLimit ? 'scheduler pause after 429' : 'scheduler wait',
        { attributes: { 'oneatlas.priority': priority } },
        callContext,
      );
    let wait: Span | undefined = startWait(false);
    let exchange: Span | undefined;
    const endExchange = (status?: number, errorCode?: string) => {
      if (status !== undefined) exchange?.setAttribute('http.response.status_code', status);
      if (errorCode !== undefined) exchange?.setAttribute('error.type', errorCode);
      if (errorCode !== undefined || (status ?? 0) >= 400)
        exchange?.setStatus({ code: SpanStatusCode.ERROR });
      exchange?.end();
      exchange = undefined;
    };
    return {
      turnTaken() {
        wait?.end();
        wait = undefined;
      },
      sending(headers, url, correlationId) {
        exchange = tracer.startSpan(
          method,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'http.request.method': method,
              'url.template': route,
              'server.address': url.hostname,
              'oneatlas.correlation_id': correlationId,
              ...(url.port !== '' && { 'server.port': Number(url.port) }),
            },
          },
          callContext,
        );
        propagator.inject(trace.setSpan(callContext, exchange), headers, defaultTextMapSetter);
      },
      answered(status) {
        endExchange(status);
        if (status === 429) wait = startWait(true);
      },
      failed(code) {
        endExchange(undefined, code);
      },
      end(errorCode) {
        wait?.end();
        endExchange(undefined, errorCode);
        if (errorCode !== undefined) {
          call.setAttribute('error.type', errorCode);
          call.setStatus({ code: SpanStatusCode.ERROR, message: errorCode });
        }
        call.end();
      },
    };
  }
}
