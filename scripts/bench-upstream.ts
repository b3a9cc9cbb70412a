/**
 * A bare OneAtlas-shaped upstream for `npm run bench`: the token endpoint, POST /api/v1/feasibility
 * and GET /api/v1/contracts, answering canned bodies from the guide as fast as node:http can, so the
 * bench measures the gateway and not a simulator. Prints its URL on stdout; loopback only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireContractsResponse } from '../src/datasources/oneatlas/wire/types.js';
import { feasibilityResponse } from '../test/fixtures/guide-samples.js';

const TOKEN = JSON.stringify({ access_token: 'bench-token', expires_in: 3600, token_type: 'Bearer' });
const FEASIBILITY = JSON.stringify(feasibilityResponse());
const CONTRACTS = JSON.stringify({
  contracts: [{ contractId: 'CTR-BENCH', name: 'Bench', currency: 'EUR', backendSource: 'legacy' }],
} satisfies WireContractsResponse);

const server = createServer((request, response) => {
  // The body is read whole, as a real server would, before answering.
  request.resume();
  request.on('end', () => {
    const path = (request.url ?? '').split('?')[0];
    const body =
      path === '/token'
        ? TOKEN
        : path === '/api/v1/feasibility'
          ? FEASIBILITY
          : path === '/api/v1/contracts'
            ? CONTRACTS
            : null;
    response.writeHead(body === null ? 404 : 200, { 'Content-Type': 'application/json' });
    response.end(body ?? '{"errorCode":"NOT_FOUND"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bench upstream at http://127.0.0.1:${port}\n`);
});
