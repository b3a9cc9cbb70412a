import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathOf, preferredMediaType, vary } from '../http/messages.js';
import { DEFAULT_QUERY, GRAPHIQL_CONTENT_SECURITY_POLICY, renderGraphiqlPage } from './page.js';
import { GRAPHIQL_TABS } from './tabs.js';

const require = createRequire(import.meta.url);

const ASSETS_PATH = '/graphiql/assets';
const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface AssetSource {
  name: string;
  file: string;
  contentType: string;
}

interface Asset {
  url: string;
  contentType: string;
  body: Buffer;
}

/**
 * The only files served under ASSETS_PATH: nothing else from node_modules or src is reachable.
 * graphiql and react do not export their UMD builds, so paths are resolved from their package.json.
 */
const SOURCES: readonly AssetSource[] = [
  { name: 'graphiql.min.css', file: packageFile('graphiql', 'graphiql.min.css'), contentType: CSS },
  { name: 'page.css', file: fileURLToPath(new URL('./page.css', import.meta.url)), contentType: CSS },
  { name: 'react.js', file: packageFile('react', 'umd/react.production.min.js'), contentType: JAVASCRIPT },
  {
    name: 'react-dom.js',
    file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
    contentType: JAVASCRIPT,
  },
  { name: 'graphiql.js', file: packageFile('graphiql', 'graphiql.min.js'), contentType: JAVASCRIPT },
  { name: 'boot.js', file: fileURLToPath(new URL('./boot.js', import.meta.url)), contentType: JAVASCRIPT },
];

function packageFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** Answers the request when it is GraphiQL's (true), else leaves it to the next handler (false). */
export type GraphiqlHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

interface Graphiql {
  page(now: Date): string;
  assetsByUrl: ReadonlyMap<string, Asset>;
}

/**
 * GraphiQL for browsers at `endpoint` (a GET that prefers text/html; every other request falls
 * through to the GraphQL handler), and its assets from npm packages on our own origin.
 * Asset URLs carry a hash of their content, so they can be cached for a year and still change
 * on an upgrade. The assets (a few MB) are read on the first browser visit, not at start-up:
 * a gateway only machines call never holds them. The page is rendered per visit with `now`, the
 * gateway's clock, which the tabs' search windows start from.
 */
export function createGraphiqlHandler(endpoint: string, now: () => number = Date.now): GraphiqlHandler {
  let loaded: Promise<Graphiql> | undefined;
  const graphiql = () => {
    loaded ??= loadGraphiql(endpoint).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = pathOf(request);
    if (path === endpoint) {
      // The same URL answers HTML or JSON depending on Accept; caches must keep them apart.
      vary(response, 'Accept');
      if (preferredMediaType(request.headers.accept, PAGE_OR_GRAPHQL) !== 'text/html') return false;
      send(response, (await graphiql()).page(new Date(now())), {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': GRAPHIQL_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
      });
      return true;
    }
    if (!path.startsWith(`${ASSETS_PATH}/`)) return false;
    const asset = (await graphiql()).assetsByUrl.get(path);
    if (asset === undefined) return false;
    send(response, asset.body, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    return true;
  };
}

/** What a GET of the endpoint may want: GraphQL's answers first, so only a browser's Accept gets the page. */
const PAGE_OR_GRAPHQL = ['application/json', 'application/graphql-response+json', 'text/html'];

function send(response: ServerResponse, body: string | Buffer, headers: Record<string, string>): void {
  response.writeHead(200, {
    ...headers,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

async function loadGraphiql(endpoint: string): Promise<Graphiql> {
  const assets = await Promise.all(SOURCES.map(loadAsset));
  const urls = (contentType: string) =>
    assets.filter((asset) => asset.contentType === contentType).map((asset) => asset.url);
  return {
    page: (now) =>
      renderGraphiqlPage(
        endpoint,
        DEFAULT_QUERY,
        GRAPHIQL_TABS,
        { stylesheets: urls(CSS), scripts: urls(JAVASCRIPT) },
        now,
      ),
    assetsByUrl: new Map(assets.map((asset) => [asset.url, asset])),
  };
}

async function loadAsset(source: AssetSource): Promise<Asset> {
  const body = await readFile(source.file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { url: `${ASSETS_PATH}/${hash}/${source.name}`, contentType: source.contentType, body };
}
