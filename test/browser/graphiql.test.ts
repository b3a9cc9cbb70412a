import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/graphiql/page.js';
import { GRAPHIQL_TABS } from '../../src/graphiql/tabs.js';
import { SimulatedClock, sharedTestStack } from '../support/gateway.js';

/**
 * Debian's chromium, as the CI installs it (.ci/run). Playwright adds --headless and a fresh
 * temporary --user-data-dir itself; the rest keep Chromium from calling Google's services, which
 * this machine's closed network refuses, and which would show up as requests off the machine.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = '/tmp/graphiql.png';

// The real gateway on the simulator, as `npm start` runs it: on the simulator's clock.
const clock = new SimulatedClock();
const stack = sharedTestStack({ now: clock.now });
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

/** The default query's answer, straight from the gateway: what the result pane must show. */
async function expectedAnswer(): Promise<{ contracts: Array<{ id: string; name: string }> }> {
  const response = await fetch(`${stack().gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: DEFAULT_QUERY }),
  });
  const body = (await response.json()) as { data: { contracts: Array<{ id: string; name: string }> } };
  return body.data;
}

it('runs the default query in GraphiQL, loading nothing from off the machine', async () => {
  const expected = await expectedAnswer();
  const firstContract = expected.contracts[0];
  expect(firstContract, 'the gateway must answer at least one contract').toBeDefined();

  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  // Chromium reports CSP violations as console errors too; this records them explicitly.
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  await page.goto(`${stack().gatewayUrl}/graphql`);
  const queryEditor = page.locator('.graphiql-query-editor .CodeMirror');
  await expect.poll(() => queryEditor.textContent()).toContain('query Overview');

  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response');
  await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain(firstContract?.name ?? '');
  expect(await result.textContent()).toContain('"contracts"');

  expect(await page.evaluate('window.cspViolations')).toEqual([]);
  await page.screenshot({ path: SCREENSHOT });
  await page.close();

  // data: URLs are GraphiQL's embedded fonts and icons: they never leave the page.
  const network = requests.filter((url) => !url.startsWith('data:'));
  const origin = new URL(stack().gatewayUrl).origin;
  expect(network.length).toBeGreaterThan(0);
  expect(network.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(network).toContain(`${origin}/graphql`);
  expect(problems).toEqual([]);
});

/** A frontend's dev server: a page on another origin (another port) of this machine. */
async function startFrontendServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>frontend</title><p>a tasking screen</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // localhost, not 127.0.0.1: the gateway's URL uses the address, so the page's origin differs in host and port.
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

it('runs a query from a page on another origin, credentials and preflight included', async () => {
  const { server, origin } = await startFrontendServer();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const answer = await page.evaluate(
      async ({ url, query }) => {
        const response = await fetch(url, {
          method: 'POST',
          // A JSON body and an Authorization header make the browser send a preflight first.
          headers: {
            'content-type': 'application/json',
            authorization: 'Bearer ignored-in-development-mode',
          },
          credentials: 'include',
          body: JSON.stringify({ query }),
        });
        return {
          status: response.status,
          requestId: response.headers.get('x-request-id'),
          body: await response.json(),
        };
      },
      { url: `${stack().gatewayUrl}/graphql`, query: '{ contracts { id } }' },
    );
    await page.close();
    expect(answer.status).toBe(200);
    expect(answer.requestId).toMatch(/\S/);
    expect(answer.body).toEqual(await expectedContractIds());
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

async function expectedContractIds(): Promise<unknown> {
  const { data } = await stack().graphql('{ contracts { id } }');
  return { data };
}

/** Opens GraphiQL, runs its Attempts tab as it opens, and answers the result pane's text. */
async function runAttemptsTab(page: Page): Promise<string> {
  await page.goto(`${stack().gatewayUrl}/graphql`);
  const tabs = page.locator('.graphiql-tab');
  await expect.poll(() => tabs.count()).toBe(GRAPHIQL_TABS.length);
  expect(await tabs.allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('Catalogue'), expect.stringContaining('Attempts')]),
  );

  await tabs.filter({ hasText: 'Attempts' }).locator('button').first().click();
  await expect
    .poll(() => page.locator('.graphiql-query-editor .CodeMirror').textContent())
    .toContain('query Attempts');
  // GraphiQL learns the tab's operation name from the editor 100 ms after the text changes; run earlier
  // (a loaded machine) and it sends the previous tab's name. Its saved tab state shows when it knows.
  await expect
    .poll(
      () =>
        page.evaluate(
          "(({ tabs, activeTabIndex }) => tabs?.[activeTabIndex]?.operationName)(JSON.parse(localStorage.getItem('graphiql:tabState') ?? '{}'))",
        ),
      { timeout: 10_000 },
    )
    .toBe('Attempts');
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response');
  await expect.poll(() => result.textContent(), { timeout: 10_000 }).toMatch(/segmentKey|"errors"/);
  return (await result.textContent()) ?? '';
}

it('opens with one tab per workflow step, each ready to run: the passes tab answers with segment keys', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const answer = await runAttemptsTab(page);
  expect(answer).toContain('segmentKey');
  expect(answer).not.toContain('"errors"');
  await page.close();
});

it('decides from the decision tab as it opens: the run button offers Accept and Refuse, and Refuse refuses the seeded segment', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(`${stack().gatewayUrl}/graphql`);
  const tabs = page.locator('.graphiql-tab');
  await expect.poll(() => tabs.count()).toBe(GRAPHIQL_TABS.length);
  await tabs.filter({ hasText: 'Accept' }).locator('button').first().click();
  await expect
    .poll(() => page.locator('.graphiql-query-editor .CodeMirror').textContent())
    .toContain('mutation Refuse');

  // GraphiQL offers the choice only once it has parsed the editor (100 ms after the text changes); on a
  // loaded machine an earlier click runs what it knew before, so click until the choice is offered.
  const choices = page.getByRole('menuitem');
  await expect
    .poll(
      async () => {
        if ((await choices.count()) === 0) await page.locator('.graphiql-execute-button').click();
        return choices.allTextContents();
      },
      { timeout: 10_000 },
    )
    .toEqual(['Accept', 'Refuse']);
  await choices.filter({ hasText: 'Refuse' }).click();
  const result = page.locator('.graphiql-response');
  await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('"refuseSegment"');
  expect(await result.textContent()).toContain('"Refused"');
  await page.close();
});

// Last: the clock stays moved for the rest of the file.
it('starts the tabs’ windows on the simulator’s clock: after the walkthrough moves it 10 days ahead, the passes tab still finds passes', async () => {
  await clock.advance(stack(), 10 * 86_400);
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const answer = await runAttemptsTab(page);
  expect(answer).toContain('segmentKey');
  expect(answer).not.toContain('"errors"');
  await page.close();
});
