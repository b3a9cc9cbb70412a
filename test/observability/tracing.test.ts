import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TracingConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRequestTrace, startTracing } from '../../src/observability/tracing.js';
import { postGraphQL, sharedTestStack } from '../support/gateway.js';
import { grantedToken, StubUpstream, stubOrderClient } from '../support/stub-upstream.js';

/** Spans kept in memory instead of exported: the tree the gateway built, checked link by link. */

const TRACING: TracingConfig = {
  endpoint: 'http://127.0.0.1:9/v1/traces',
  headers: { 'x-collector-key': 'collector-SECRET' },
  serviceName: 'oneatlas-gateway-test',
  sampleRatio: 1,
};

/** What the Router sends: its trace, and the span the gateway's request is a child of. */
const ROUTER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const ROUTER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${ROUTER_TRACE_ID}-${ROUTER_SPAN_ID}-01`;

const exporter = new InMemorySpanExporter();
let stopTracing: () => Promise<void>;

beforeAll(async () => {
  stopTracing = await startTracing(TRACING, createLogger('silent'), { exportTo: exporter });
});

afterAll(async () => {
  await stopTracing();
});

afterEach(() => {
  exporter.reset();
});

const childrenOf = (spans: readonly ReadableSpan[], parent: ReadableSpan) =>
  spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

describe('tracing a GraphQL operation through to OneAtlas', () => {
  const stack = sharedTestStack();

  it('continues the Router’s trace: operation span, upstream call, its wait and its exchange', async () => {
    const response = await fetch(`${stack().gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: TRACEPARENT },
      body: JSON.stringify({ query: 'query Contracts { contracts { id } }' }),
    });
    expect(response.status).toBe(200);
    const spans = exporter.getFinishedSpans();

    const operation = spans.find((span) => span.kind === SpanKind.SERVER);
    expect(operation?.name).toBe('query Contracts');
    expect(operation?.spanContext().traceId).toBe(ROUTER_TRACE_ID);
    expect(operation?.parentSpanContext?.spanId).toBe(ROUTER_SPAN_ID);
    expect(operation?.attributes).toMatchObject({
      'graphql.operation.name': 'Contracts',
      'graphql.operation.type': 'query',
      'http.response.status_code': 200,
    });
    if (operation === undefined) return;

    const [call, ...others] = childrenOf(spans, operation);
    expect(others).toEqual([]);
    expect(call?.name).toBe('OneAtlas GET /contracts');
    expect(call?.attributes).toMatchObject({ 'oneatlas.api': 'order', 'oneatlas.priority': 'interactive' });
    if (call === undefined) return;
    const parts = childrenOf(spans, call);
    expect(parts.map((span) => span.name).sort()).toEqual(['GET', 'scheduler wait']);
    const exchange = parts.find((span) => span.kind === SpanKind.CLIENT);
    expect(exchange?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'url.template': '/contracts',
    });
    for (const span of spans) expect(span.spanContext().traceId).toBe(ROUTER_TRACE_ID);
  });

  it('starts a trace of its own without a traceparent, and marks an operation that failed', async () => {
    const answer = await postGraphQL(stack().gatewayUrl, 'query Contracts { contracts { noSuchField } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const operation = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER);
    expect(operation?.parentSpanContext).toBeUndefined();
    expect(operation?.attributes).toMatchObject({ 'graphql.error.code': 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('what an upstream call sends and records', () => {
  let stub: StubUpstream;

  beforeAll(async () => {
    stub = await StubUpstream.start();
  });

  afterAll(async () => {
    await stub.close();
  });

  it('propagates the exchange span’s context in traceparent, and nothing secret in any attribute', async () => {
    stub.on('POST', '/token', grantedToken('tok-SECRET'));
    stub.on('GET', '/api/v1/contracts/CTR-CUSTOMER-7/taskings', { body: { taskings: [] } });
    const client = stubOrderClient(stub, { logger: createLogger('silent'), apiKey: 'key-SECRET' });
    const trace = startRequestTrace({ traceparent: TRACEPARENT });
    await new Promise<void>((resolve, reject) =>
      trace?.run(() => {
        client
          .request({
            method: 'GET',
            path: '/contracts/CTR-CUSTOMER-7/taskings',
            query: { customerRef: 'acme' },
          })
          .then(() => resolve(), reject);
      }),
    );
    trace?.end(200);

    const spans = exporter.getFinishedSpans();
    const exchange = spans.find((span) => span.kind === SpanKind.CLIENT);
    const sent = stub.requests.find((request) => request.path.endsWith('/taskings'));
    expect(sent?.headers.traceparent).toBe(`00-${ROUTER_TRACE_ID}-${exchange?.spanContext().spanId}-01`);
    expect(spans.find((span) => span.name.startsWith('OneAtlas'))?.name).toBe(
      'OneAtlas GET /contracts/{id}/taskings',
    );
    const recorded = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
    for (const secret of ['SECRET', 'CTR-CUSTOMER-7', 'acme', 'Bearer'])
      expect(recorded).not.toContain(secret);
  });
});

describe('tracing off', () => {
  it('loads no OpenTelemetry code: the SDK is imported by tracing-sdk.ts alone, and that one only on demand', () => {
    const folder = join(import.meta.dirname, '../../src');
    const sources = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    const loading = sources.filter((file) =>
      /^import (?!type )[^;]*from '@opentelemetry\//m.test(readFileSync(join(folder, file), 'utf8')),
    );
    expect(loading).toEqual([join('observability', 'tracing-sdk.ts')]);
    const importers = sources.filter((file) =>
      readFileSync(join(folder, file), 'utf8').includes('tracing-sdk.js'),
    );
    expect(importers).toEqual([join('observability', 'tracing.ts')]);
    expect(readFileSync(join(folder, 'observability/tracing.ts'), 'utf8')).toMatch(
      /await import\('\.\/tracing-sdk\.js'\)/,
    );
    expect(readFileSync(join(folder, 'observability/tracing.ts'), 'utf8')).not.toMatch(
      /^import [^;]*tracing-sdk/m,
    );
  });
});
