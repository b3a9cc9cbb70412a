import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { DEFAULT_QUERY, GRAPHIQL_CONTENT_SECURITY_POLICY, renderGraphiqlPage } from './page.js';

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

/**
 * GraphiQL for browsers at `endpoint` (a GET that prefers text/html; every other request falls
 * through to the GraphQL handler), and its assets from npm packages on our own origin.
 * Asset URLs carry a hash of their content, so they can be cached for a year and still change
 * on an upgrade.
 */
export async function createGraphiqlRouter(endpoint: string): Promise<express.Router> {
  const assets = await Promise.all(SOURCES.map(loadAsset));
  const assetsByUrl = new Map(assets.map((asset) => [asset.url, asset]));
  const urls = (contentType: string) =>
    assets.filter((asset) => asset.contentType === contentType).map((asset) => asset.url);
  const page = renderGraphiqlPage(endpoint, DEFAULT_QUERY, {
    stylesheets: urls(CSS),
    scripts: urls(JAVASCRIPT),
  });

  const router = express.Router();
  router.get(endpoint, (request, response, next) => {
    // The same URL answers HTML or JSON depending on Accept; caches must keep them apart.
    response.vary('Accept');
    const preferred = request.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (preferred !== 'text/html') {
      next();
      return;
    }
    response
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': GRAPHIQL_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(page);
  });
  router.get(`${ASSETS_PATH}/*asset`, (request, response, next) => {
    const asset = assetsByUrl.get(request.path);
    if (asset === undefined) {
      next();
      return;
    }
    response
      .set({
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(asset.body);
  });
  return router;
}

async function loadAsset(source: AssetSource): Promise<Asset> {
  const body = await readFile(source.file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { url: `${ASSETS_PATH}/${hash}/${source.name}`, contentType: source.contentType, body };
}
