import { describe, expect, it } from 'vitest';
import {
  cleanUpstreamMessage,
  UPSTREAM_MESSAGE_MAX_LENGTH,
  upstreamCodeOf,
  upstreamErrorFromResponse,
} from '../../../src/datasources/oneatlas/errors.js';
import {
  parseRetryAfterSeconds,
  UpstreamError,
  upstreamMalformedError,
  upstreamTimeoutError,
  upstreamUnreachableError,
} from '../../../src/datasources/upstream-errors.js';
import { GatewayError } from '../../../src/errors.js';

describe('upstreamErrorFromResponse', () => {
  it('reads {errorCode, message} of the order API as a rejection with its code and its message', () => {
    const error = upstreamErrorFromResponse(
      'order',
      400,
      JSON.stringify({ errorCode: 'E2203', message: 'Unable to access workspace 1234.' }),
      null,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.code).toBe('UPSTREAM_REJECTED');
    expect(error.message).toBe('OneAtlas rejected the request (E2203).');
    expect(error.status).toBe(400);
    expect(error.upstreamCode).toBe('E2203');
    expect(error.extensions).toEqual({
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'E2203',
      upstreamMessage: 'Unable to access workspace 1234.',
      upstreamStatus: 400,
    });
  });

  it('reads {code} of a 500 as unavailable', () => {
    const error = upstreamErrorFromResponse('order', 500, '{"code":"UNEXPECTED_SERVER_ERROR"}', null);
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.upstreamCode).toBe('UNEXPECTED_SERVER_ERROR');
    expect(error.message).toBe('The OneAtlas order API failed (UNEXPECTED_SERVER_ERROR).');
  });

  it('reads {errors:[{code, locator}]} and keeps the first code and locator', () => {
    const error = upstreamErrorFromResponse(
      'order',
      500,
      JSON.stringify({
        errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', locator: 'UNKNOWN' }, { code: 'OTHER' }],
      }),
      null,
    );
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.upstreamCode).toBe('ERR_NO_SENSOR_AVAILABLE');
    expect(error.locator).toBe('UNKNOWN');
  });

  it('reads the token endpoint shape: a refused key is an auth failure with our own message', () => {
    const body = JSON.stringify({
      correlationId: 'c0ffee',
      hint: 'check the api key abc123',
      internalCode: 'INVALID_API_KEY',
      message: 'Invalid api key abc123',
      timestamp: 1700000000,
    });
    for (const status of [400, 401, 403]) {
      const error = upstreamErrorFromResponse('auth', status, body, null);
      expect(error.code).toBe('UPSTREAM_AUTH_FAILED');
      expect(error.message).toBe('OneAtlas refused the configured API key.');
      expect(error.upstreamCode).toBe('INVALID_API_KEY');
      expect(error.message).not.toContain('abc123');
    }
  });

  it('treats a 5xx of the token endpoint as unavailable, not as a refused key', () => {
    const error = upstreamErrorFromResponse('auth', 503, '', null);
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas token endpoint failed (HTTP 503).');
  });

  it('maps the 401 {message} of the order API to an auth failure without quoting it', () => {
    const error = upstreamErrorFromResponse(
      'order',
      401,
      '{"message":"Authentication failed (cause: Token expired)"}',
      null,
    );
    expect(error.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(error.upstreamCode).toBeUndefined();
    expect(error.message).toBe("OneAtlas refused the gateway's credentials (HTTP 401).");
  });

  it('maps 403 of the APIs to an auth failure', () => {
    expect(upstreamErrorFromResponse('search', 403, '{}', null).code).toBe('UPSTREAM_AUTH_FAILED');
  });

  it.each([
    [400, 'UPSTREAM_REJECTED'],
    [409, 'UPSTREAM_REJECTED'],
    [422, 'UPSTREAM_REJECTED'],
    [405, 'UPSTREAM_REJECTED'],
    [404, 'NOT_FOUND'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [502, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ])('maps a non-JSON %i body to %s', (status, code) => {
    const error = upstreamErrorFromResponse('order', status, '<html><body>Bad Gateway</body></html>', null);
    expect(error.code).toBe(code);
    expect(error.upstreamCode).toBeUndefined();
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).not.toContain('Bad Gateway');
  });

  it('tolerates an empty body, JSON null and a JSON array', () => {
    for (const body of ['', 'null', '[1,2]', '"text"']) {
      const error = upstreamErrorFromResponse('order', 400, body, null);
      expect(error.code).toBe('UPSTREAM_REJECTED');
      expect(error.message).toBe('OneAtlas rejected the request (HTTP 400).');
    }
  });

  it('names the missing contract from "CIS contract \'…\' not found." as NOT_FOUND', () => {
    for (const status of [400, 404]) {
      const error = upstreamErrorFromResponse(
        'order',
        status,
        JSON.stringify({ errorCode: 'E2203', message: "CIS contract 'CTR21000411' not found." }),
        null,
      );
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe("CIS contract 'CTR21000411' was not found.");
      expect(error.upstreamCode).toBe('E2203');
    }
  });

  it('does not echo a contract "id" that is not an identifier', () => {
    const error = upstreamErrorFromResponse(
      'order',
      400,
      JSON.stringify({ message: "CIS contract 'x <script>' not found." }),
      null,
    );
    expect(error.code).toBe('UPSTREAM_REJECTED');
    expect(error.message).not.toContain('script');
  });

  it('maps a plain 404 to NOT_FOUND', () => {
    const error = upstreamErrorFromResponse('order', 404, '{"errorCode":"E404"}', null);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('OneAtlas does not know the requested resource (E404).');
  });

  it('drops an upstream "code" that is prose rather than a code', () => {
    const error = upstreamErrorFromResponse('order', 400, '{"code":"token eyJhbGci leaked here"}', null);
    expect(error.upstreamCode).toBeUndefined();
    expect(error.extensions).toEqual({ code: 'UPSTREAM_REJECTED', upstreamStatus: 400 });
  });

  it.each([
    ['an API key', { errorCode: 'Xq7vN2pLk9RtY4wZ8bC3mD6fH1jS5gA0' }],
    ['an upper-case key', { code: 'AKIAIOSFODNN7EXAMPLE' }],
    ['a bearer token', { code: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' }],
    ['a hex digest', { internalCode: '9f86d081884c7d659a2feaa0c55ad015' }],
    ['a lower-case word', { errorCode: 'secret' }],
    ['a dotted path', { code: 'com.airbus.internal:Failure' }],
    ['over 64 characters', { code: `ERR_${'_LONG'.repeat(16)}` }],
  ])('never relays %s as upstreamCode', (_, body) => {
    const error = upstreamErrorFromResponse('order', 400, JSON.stringify(body), null);
    expect(error.upstreamCode).toBeUndefined();
    expect(error.extensions.upstreamCode).toBeUndefined();
    expect(error.message).toBe('OneAtlas rejected the request (HTTP 400).');
  });

  it.each([
    'E2203',
    'ERR_NO_SENSOR_AVAILABLE',
    'UNEXPECTED_SERVER_ERROR',
    'INVALID_API_KEY',
    'ERR_MIN_AOI_AREA',
    'invalid_grant',
  ])('relays the documented code %s', (code) => {
    expect(upstreamCodeOf(code)).toBe(code);
  });

  it('maps 429 to rate limited with retryAfterSeconds from delay-seconds', () => {
    const error = upstreamErrorFromResponse('order', 429, '', '600');
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(600);
    expect(error.message).toBe('OneAtlas is rate limiting the gateway; retry in 600 s.');
  });

  it('maps 429 with an HTTP-date Retry-After to the seconds left', () => {
    const error = upstreamErrorFromResponse('order', 429, '', new Date(Date.now() + 120_000).toUTCString());
    const seconds = error.extensions.retryAfterSeconds;
    expect(typeof seconds).toBe('number');
    expect(seconds).toBeGreaterThanOrEqual(118);
    expect(seconds).toBeLessThanOrEqual(121);
  });

  it('maps 429 without Retry-After to rate limited without retryAfterSeconds', () => {
    const error = upstreamErrorFromResponse('search', 429, '', null);
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.extensions).not.toHaveProperty('retryAfterSeconds');
  });
});

describe('parseRetryAfterSeconds', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterSeconds(' 30 ', now)).toBe(30);
    expect(parseRetryAfterSeconds('0', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfterSeconds('Wed, 01 Jan 2025 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfterSeconds('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterSeconds(null, now)).toBeUndefined();
    expect(parseRetryAfterSeconds('', now)).toBeUndefined();
    expect(parseRetryAfterSeconds('soon', now)).toBeUndefined();
    expect(parseRetryAfterSeconds('-5', now)).toBeUndefined();
  });
});

describe('network failure helpers', () => {
  it('reports a timeout with the configured bound', () => {
    const error = upstreamTimeoutError('order', 15_000);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toBe('The OneAtlas order API did not answer within 15 s.');
    expect(error.status).toBeUndefined();
    expect(upstreamTimeoutError('search', 250).message).toBe(
      'The OneAtlas search API did not answer within 250 ms.',
    );
  });

  it('reports an unreachable upstream and keeps the system code for logs only', () => {
    const error = upstreamUnreachableError('auth', 'ECONNREFUSED');
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas token endpoint could not be reached.');
    expect(error.networkCause).toBe('ECONNREFUSED');
    expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('reports a malformed answer as unavailable', () => {
    const error = upstreamMalformedError('search', 200);
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas search API sent a malformed answer.');
  });
});

describe('the upstream message relayed for a 4xx about the input', () => {
  const WORKSPACE = '0e4b3f5a-6c1d-4b8e-9a47-5d2f1c3b7a10';
  const KEY = 'Xq7vN2pLk9RtY4wZ8bC3mD6fH1jS5gA0Xq7vN2pLk9RtY4wZ8bC3mD6f';
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

  it.each([400, 404, 409, 422])('is relayed, cleaned, for HTTP %i', (status) => {
    const body = JSON.stringify({
      errorCode: 'E2203',
      message: `Unable to access workspace '${WORKSPACE}'.`,
    });
    expect(upstreamErrorFromResponse('order', status, body, null).extensions.upstreamMessage).toBe(
      `Unable to access workspace '${WORKSPACE}'.`,
    );
  });

  it("is read from the guide's errors[] shape too", () => {
    const body = JSON.stringify({ errors: [{ code: 'ERR_MIN_AOI_AREA', locator: 'AOI', message: '24.5' }] });
    expect(upstreamErrorFromResponse('order', 400, body, null).extensions.upstreamMessage).toBe('24.5');
  });

  it.each([
    ['a 5xx', 'order', 500],
    ['a 401', 'order', 401],
    ['a 403', 'order', 403],
    ['a 429', 'order', 429],
    ['the token endpoint', 'auth', 400],
  ] as const)('is never relayed for %s', (_, upstream, status) => {
    const body = JSON.stringify({ code: 'E1', message: 'Internal detail of the failure' });
    expect(upstreamErrorFromResponse(upstream, status, body, null).extensions).not.toHaveProperty(
      'upstreamMessage',
    );
  });

  it.each([
    ['a URL', 'See https://internal.airbus.example/api/v1/x?apikey=abc for details', 'See [url] for details'],
    ['a bearer token', `Token Bearer ${JWT} expired`, 'Token [credentials] expired'],
    ['a bare JWT', `token ${JWT} refused`, 'token [token] refused'],
    ['a header', `Header Authorization: Basic${KEY} refused`, 'Header Authorization: [redacted] refused'],
    ['a key parameter', `Invalid apikey=${KEY}`, 'Invalid apikey=[redacted]'],
    ['a JSON-ish key field', `Invalid "api_key": "${KEY}"`, 'Invalid "api_key": "[redacted]'],
    [
      'a short key after its name',
      'token tok-B with key k-77ab rejected',
      'token [redacted] with key [redacted] rejected',
    ],
    ['a long opaque value', `segmentKey ${KEY} is stale`, 'segmentKey [redacted] is stale'],
    ['control characters', 'bad\u0000\u001b[31m value\n\u202eend', 'bad [31m value end'],
  ])('drops %s', (_, message, cleaned) => {
    expect(cleanUpstreamMessage(message)).toBe(cleaned);
  });

  it(`is at most ${UPSTREAM_MESSAGE_MAX_LENGTH} characters, whatever the upstream sends`, () => {
    const cleaned = cleanUpstreamMessage('word '.repeat(200_000));
    expect(cleaned?.length).toBe(UPSTREAM_MESSAGE_MAX_LENGTH);
    expect(cleaned?.endsWith('…')).toBe(true);
    expect(cleanUpstreamMessage(' \u0000 ')).toBeUndefined();
  });
});
