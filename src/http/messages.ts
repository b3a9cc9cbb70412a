import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal of the HTTP request itself (its body), answered with `status` before any GraphQL work. */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The path of a request target, without its query string (a GET's holds the whole GraphQL document). */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The `?…` part of a request target, or ''. */
export function searchOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? '' : url.slice(query);
}

/** Adds `field` to the response's Vary header, keeping what is there. */
export function vary(response: ServerResponse, field: string): void {
  const current = response.getHeader('Vary');
  const fields = typeof current === 'string' && current !== '' ? current.split(/\s*,\s*/) : [];
  if (!fields.some((existing) => existing.toLowerCase() === field.toLowerCase())) fields.push(field);
  response.setHeader('Vary', fields.join(', '));
}

/**
 * The media type in `offers` the Accept header ranks first: highest q, then the most specific
 * range that matched, then the order of `offers` (so no Accept header picks the first offer).
 */
export function preferredMediaType(
  accept: string | undefined,
  offers: readonly string[],
): string | undefined {
  const ranges = (accept === undefined || accept.trim() === '' ? '*/*' : accept).split(',').map(parseRange);
  let best: { offer: string; q: number; specificity: number } | undefined;
  for (const offer of offers) {
    const [type, subtype] = offer.split('/');
    let match: { q: number; specificity: number } | undefined;
    for (const range of ranges) {
      const specificity =
        range.type === type && range.subtype === subtype
          ? 2
          : range.type === type && range.subtype === '*'
            ? 1
            : range.type === '*' && range.subtype === '*'
              ? 0
              : -1;
      if (specificity > (match?.specificity ?? -1)) match = { q: range.q, specificity };
    }
    if (match === undefined || match.q <= 0) continue;
    if (
      best === undefined ||
      match.q > best.q ||
      (match.q === best.q && match.specificity > best.specificity)
    ) {
      best = { offer, ...match };
    }
  }
  return best?.offer;
}

function parseRange(range: string): { type: string; subtype: string; q: number } {
  const [mediaType = '', ...parameters] = range.split(';');
  const [type = '', subtype = ''] = mediaType.trim().toLowerCase().split('/');
  const quality = parameters
    .map((parameter) => parameter.trim())
    .find((parameter) => parameter.startsWith('q='));
  const q = quality === undefined ? 1 : Number(quality.slice(2));
  return { type, subtype, q: Number.isFinite(q) ? q : 0 };
}

/**
 * The request body parsed as JSON when its content type is application/json, else undefined (Apollo
 * then refuses the POST itself). Over `limitBytes`: HttpRequestError 413; the rest is read and dropped,
 * so the client still gets the answer on its connection.
 */
export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return Promise.resolve(undefined);
  // Built only for a refusal: an Error captures its stack, which every accepted request would pay for.
  const tooLarge = () => new HttpRequestError(413, `The request body is larger than ${limitBytes} bytes.`);
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData).off('end', onEnd).resume();
      reject(tooLarge());
    };
    const onEnd = () => {
      const text = chunks.length === 1 ? String(chunks[0]) : Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpRequestError(400, 'The request body is not valid JSON.'));
      }
    };
    request.on('data', onData).on('end', onEnd).once('error', reject);
  });
}
