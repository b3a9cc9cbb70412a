import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import {
  ALPHA_GATEWAY_KEY,
  BETA_CONTRACT,
  BETA_GATEWAY_KEY,
  BETA_ONEATLAS_KEY,
  capturedLogger,
  createSigner,
  postAs,
  twoTenants,
} from '../support/callers.js';
import {
  type GraphQLResponse,
  sharedTestStack,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';

/**
 * The file route: quicklooks, downloads and quotation PDFs reach a client through short-lived links
 * the gateway signs, streamed with the gateway's OneAtlas token, which the client never sees.
 */

const IMAGES = `query I($first: Int) {
  imagery(first: $first) { edges { node { id quicklookUrl downloadUrl } } }
}`;
const QUOTE = 'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { id exportUrl } }';

type ImagesData = {
  imagery: { edges: { node: { id: string; quicklookUrl: string | null; downloadUrl: string | null } }[] };
};

/** The bytes OneAtlas (the simulator) serves at `path`, fetched directly with its own token. */
async function upstreamBytes(simulator: RunningSimulator, url: string): Promise<Buffer> {
  const token = await fetch(simulator.endpoints.authUrl, {
    method: 'POST',
    body: new URLSearchParams({ apikey: simulator.apiKey, client_id: 'IDP', grant_type: 'api_key' }),
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const response = await fetch(url, { headers: { authorization: `Bearer ${token.access_token}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function upstreamImageLinks(
  simulator: RunningSimulator,
): Promise<{ quicklook: string; download: string }> {
  const token = await fetch(simulator.endpoints.authUrl, {
    method: 'POST',
    body: new URLSearchParams({ apikey: simulator.apiKey, client_id: 'IDP', grant_type: 'api_key' }),
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const page = await fetch(
    `${simulator.endpoints.searchUrl}/opensearch?workspaceid=${simulator.workspaceId}`,
    {
      headers: { authorization: `Bearer ${token.access_token}` },
    },
  ).then(
    (response) => response.json() as Promise<{ features: { _links: Record<string, { href: string }> }[] }>,
  );
  const links = page.features[0]?._links ?? {};
  return { quicklook: links.quicklook?.href ?? '', download: links.download?.href ?? '' };
}

describe('file links in development mode', () => {
  const logs = capturedLogger();
  const stack = sharedTestStack({ logger: logs.logger });
  let image: ImagesData['imagery']['edges'][number]['node'];

  beforeAll(async () => {
    const response = await stack().graphql<ImagesData>(IMAGES, { first: 1 });
    expect(response.errors).toBeUndefined();
    const first = response.data?.imagery.edges[0]?.node;
    if (first === undefined) throw new Error('the seeded workspace holds no image');
    image = first;
  });

  const get = (link: string | null, init?: RequestInit) => fetch(`${stack().gatewayUrl}${link}`, init);

  it('gives out opaque gateway paths: no OneAtlas URL, key or token in them', () => {
    for (const link of [image.quicklookUrl, image.downloadUrl]) {
      expect(link).toMatch(/^\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(link).not.toContain(stack().simulator.url.replace(/^https?:\/\//, ''));
      expect(link).not.toContain(stack().simulator.apiKey);
    }
  });

  it('streams the quicklook, a valid PNG, byte for byte what OneAtlas serves, with no credentials', async () => {
    const response = await get(image.quicklookUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes).toEqual(
      await upstreamBytes(stack().simulator, (await upstreamImageLinks(stack().simulator)).quicklook),
    );
  });

  it('streams the download binary-safe: every byte value intact, as an attachment', async () => {
    const response = await get(image.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${image.id}"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(new Set(bytes).size).toBe(256);
    expect(bytes).toEqual(
      await upstreamBytes(stack().simulator, (await upstreamImageLinks(stack().simulator)).download),
    );
  });

  it('streams a Pléiades Neo quotation as a PDF', async () => {
    const quoted = await stack().graphql<{ requestQuotation: { id: string; exportUrl: string } }>(QUOTE, {
      input: neoOrderInput(`files-${randomUUID()}`),
    });
    expect(quoted.errors).toBeUndefined();
    const quotation = quoted.data?.requestQuotation;
    const response = await get(quotation?.exportUrl ?? null);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${quotation?.id}.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes).toEqual(
      await upstreamBytes(
        stack().simulator,
        `${stack().simulator.endpoints.orderUrl}/quotations/${quotation?.id}/export`,
      ),
    );
  });

  it.each([
    ['no link', '/files/'],
    ['a made-up link', '/files/abc.def'],
    [
      'an altered link',
      () => image.downloadUrl?.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`),
    ],
    [
      'a link to another image',
      () => {
        const [payload = '', signature = ''] = (image.downloadUrl ?? '').slice('/files/'.length).split('.');
        const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
        fields[4] = 'another-image';
        return `/files/${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
      },
    ],
  ])('refuses %s with 401 UNAUTHENTICATED, before any upstream call', async (_case, link) => {
    const before = (await stack().control<{ requests: unknown[] }>('GET', '/requests')).requests.length;
    const response = await get(typeof link === 'function' ? (link() ?? '') : link);
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      requestId: expect.any(String),
    });
    expect((await stack().control<{ requests: unknown[] }>('GET', '/requests')).requests.length).toBe(before);
  });

  it('answers 404 NOT_FOUND for a file OneAtlas no longer holds, naming no upstream URL', async () => {
    await stack().control('POST', '/reset');
    // A fresh quotation id the simulator does not know: the reset forgot every quotation.
    const quoted = await stack().graphql<{ requestQuotation: { exportUrl: string } }>(QUOTE, {
      input: neoOrderInput(`files-${randomUUID()}`),
    });
    await stack().control('POST', '/reset');
    const response = await get(quoted.data?.requestQuotation.exportUrl ?? null);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    expect(text).not.toContain(stack().simulator.url);
  });

  it('refuses other methods with 405', async () => {
    const response = await get(image.quicklookUrl, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('keeps the link, a credential while it lives, out of the log', () => {
    const token = image.downloadUrl?.slice('/files/'.length) ?? '';
    expect(logs.lines.some((line) => line.includes('"path":"/files/…"'))).toBe(true);
    expect(logs.lines.filter((line) => line.includes(token))).toEqual([]);
  });
});

describe('file links within their bounds', () => {
  let simulator: RunningSimulator;
  let gateway: TestGateway;
  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
  });

  it('refuses an expired link, and a file larger than FILE_MAX_BYTES with 502 FILE_TOO_LARGE', async () => {
    simulator = await startSimulator({ orderApiMaxRps: 1000 });
    gateway = await startTestGateway(simulator, { files: { linkTtlMs: 1_000, maxBytes: 1_000 } });
    const response = await postAs<ImagesData>(gateway.url, undefined, IMAGES, { first: 1 });
    const node = response.data?.imagery.edges[0]?.node;
    const tooLarge = await fetch(`${gateway.url}${node?.downloadUrl}`);
    expect(tooLarge.status).toBe(502);
    expect(await tooLarge.json()).toMatchObject({ errors: [{ extensions: { code: 'FILE_TOO_LARGE' } }] });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await fetch(`${gateway.url}${node?.quicklookUrl}`);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as GraphQLResponse).errors?.[0]?.message).toContain('expired');
  });
});

describe('file links and tenants', () => {
  let simulator: RunningSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator({ orderApiMaxRps: 1000, otherApiKeys: [BETA_ONEATLAS_KEY] });
    gateway = await startTestGateway(simulator, { callers: twoTenants(simulator, await createSigner()) });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it("gives no link for another tenant's workspace or contract", async () => {
    const alphaImages = await postAs<ImagesData>(gateway.url, `ApiKey ${ALPHA_GATEWAY_KEY}`, IMAGES, {
      first: 1,
    });
    expect(alphaImages.data?.imagery.edges[0]?.node.quicklookUrl).toMatch(/^\/files\//);
    const betaImages = await postAs(
      gateway.url,
      `ApiKey ${BETA_GATEWAY_KEY}`,
      'query { imagery(workspaceId: "' +
        simulator.workspaceId +
        '", first: 1) { edges { node { quicklookUrl } } } }',
    );
    expect(betaImages.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const alphaQuote = await postAs(gateway.url, `ApiKey ${ALPHA_GATEWAY_KEY}`, QUOTE, {
      input: { ...neoOrderInput(`files-${randomUUID()}`), contractId: BETA_CONTRACT },
    });
    expect(alphaQuote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(BETA_CONTRACT).toBe(SEEDED_NEO_CONTRACT_ID);
  });

  it('fetches with the credential of the tenant the link was given to', async () => {
    const alphaImages = await postAs<ImagesData>(gateway.url, `ApiKey ${ALPHA_GATEWAY_KEY}`, IMAGES, {
      first: 1,
    });
    const response = await fetch(`${gateway.url}${alphaImages.data?.imagery.edges[0]?.node.quicklookUrl}`);
    expect(response.status).toBe(200);
  });
});
