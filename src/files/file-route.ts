import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FilesConfig } from '../config.js';
import type { BinaryHead, BinaryTransfer } from '../datasources/http/exchange.js';
import { type RequestLimits, RequestScope } from '../datasources/http/request-scope.js';
import type { NeoApi } from '../datasources/oneatlas/neo-api.js';
import type { SearchApi } from '../datasources/oneatlas/search-api.js';
import { UpstreamError } from '../datasources/upstream-errors.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type FileGrant, FileLinkRefused, type FileLinks } from './file-links.js';

/** What the route needs of the gateway (`src/gateway.ts`). */
export interface FileRouteServices {
  /** Each credential's APIs, by the credential id a link names. */
  credentials: ReadonlyMap<string, { searchApi: SearchApi; neoApi: NeoApi }>;
  fileLinks: FileLinks;
  files: FilesConfig;
  logger: Logger;
}

/** A plain Node handler, so any HTTP layer can mount it: `GET /files/<link>`. */
export type FileRoute = (request: IncomingMessage, response: ServerResponse) => void;

/** The HTTP status of each refusal; the body says the documented code. */
const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UPSTREAM_BUSY]: 503,
  [ErrorCode.UPSTREAM_RATE_LIMITED]: 503,
  [ErrorCode.UPSTREAM_TIMEOUT]: 504,
  [ErrorCode.REQUEST_DEADLINE_EXCEEDED]: 504,
};

/** What a browser may do with a file served from the gateway's own origin: show it, never run it. */
const SAFE_FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  // The link is a credential for a few minutes: no shared cache keeps the file behind it.
  'Cache-Control': 'private, no-store',
};

/**
 * Streams the file a signed link names, fetched from OneAtlas with the link's credential, in that
 * credential's queue (INTERACTIVE, paced and budgeted like every upstream call) and within the size
 * and time bounds. Refusals answer `{errors: [{message, extensions: {code, requestId}}]}` like
 * GraphQL's; a failure after the first byte can only cut the response short.
 */
export function createFileRoute(
  { credentials, fileLinks, files, logger }: FileRouteServices,
  /** Each file request's upstream-call budget and deadline, as for GraphQL requests. */
  requestLimits: RequestLimits,
): FileRoute {
  return (request, response) => {
    const offered = response.getHeader('x-request-id');
    const requestId = typeof offered === 'string' ? offered : randomUUID();
    const refuse = (error: GatewayError) => answerError(response, requestId, error);
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      refuse(
        new GatewayError(ErrorCode.BAD_USER_INPUT, 'Files are fetched with GET.', { http: { status: 405 } }),
      );
      return;
    }
    let grant: FileGrant;
    try {
      grant = fileLinks.verify(linkOf(request.url ?? ''));
    } catch (error) {
      if (!(error instanceof FileLinkRefused)) throw error;
      refuse(new GatewayError(ErrorCode.UNAUTHENTICATED, error.message));
      return;
    }
    const services = credentials.get(grant.credentialId);
    if (services === undefined) {
      refuse(new GatewayError(ErrorCode.UNAUTHENTICATED, 'This file link is not one the gateway gave out.'));
      return;
    }
    const scope = new RequestScope({ requestId, callerKey: grant.requestedBy, ...requestLimits });
    response.once('close', () => scope.close());
    let bytes = 0;
    const transfer: BinaryTransfer = {
      maxBytes: files.maxBytes,
      timeoutMs: files.timeoutMs,
      sink: {
        start: (head) => startFile(response, grant, head),
        write: (chunk) => {
          bytes += chunk.byteLength;
          response.write(chunk);
        },
      },
    };
    const fetched =
      grant.kind === 'quotation-pdf'
        ? services.neoApi.forRequest(scope).quotationPdf(grant.id, transfer)
        : services.searchApi.forRequest(scope).imageFile(grant.scope, grant.id, grant.kind, transfer);
    const line = {
      requestId,
      kind: grant.kind,
      requestedBy: grant.requestedBy,
      credentialId: grant.credentialId,
    };
    fetched.then(
      () => {
        response.end();
        logger.info({ ...line, bytes }, 'file served');
      },
      (error: unknown) => {
        if (response.headersSent) {
          // The status line is gone: cutting the connection is the only way to say the file is incomplete.
          response.destroy();
          logger.warn({ ...line, bytes, err: error }, 'file cut short');
        } else if (error instanceof GatewayError) {
          refuse(error);
          logger.info({ ...line, code: error.extensions.code }, 'file refused');
        } else {
          logger.error({ ...line, err: error }, 'file route failed');
          refuse(new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
        }
      },
    );
  };
}

/** The last path segment: `/files/<link>` as mounted, or `/<link>` under a router that strips its mount path. */
function linkOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}

const FALLBACK_TYPE: Record<FileGrant['kind'], string> = {
  quicklook: 'image/jpeg',
  download: 'application/octet-stream',
  'quotation-pdf': 'application/pdf',
};

function startFile(response: ServerResponse, grant: FileGrant, head: BinaryHead): void {
  // Upstream ids only, in a quoted filename: nothing a client chose, nothing that can break the header.
  const name = grant.id.replace(/[^A-Za-z0-9._-]/g, '_');
  const disposition =
    grant.kind === 'quicklook'
      ? 'inline'
      : `attachment; filename="${grant.kind === 'quotation-pdf' ? `${name}.pdf` : name}"`;
  response.writeHead(200, {
    ...SAFE_FILE_HEADERS,
    'Content-Type': head.contentType ?? FALLBACK_TYPE[grant.kind],
    'Content-Disposition': disposition,
    ...(head.contentLength !== null && { 'Content-Length': String(head.contentLength) }),
  });
}

function answerError(response: ServerResponse, requestId: string, error: GatewayError): void {
  const code = String(error.extensions.code);
  const explicit = error.extensions.http as { status?: number } | undefined;
  const retryAfter = error.extensions.retryAfterSeconds;
  const status =
    explicit?.status ??
    STATUS_BY_CODE[code] ??
    (error instanceof UpstreamError || code === ErrorCode.FILE_TOO_LARGE ? 502 : 500);
  const body = JSON.stringify({
    errors: [
      {
        message: error.message,
        extensions: {
          code,
          requestId,
          ...(typeof retryAfter === 'number' && { retryAfterSeconds: retryAfter }),
        },
      },
    ],
  });
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(typeof retryAfter === 'number' && { 'Retry-After': String(retryAfter) }),
  });
  response.end(body);
}
