import { describe, expect, it } from 'vitest';
import { startupBanner } from '../src/banner.js';
import { AIRBUS_ORDER_URL } from '../src/config.js';

const GRAPHQL_URL = 'http://localhost:4000/graphql';
const SIMULATOR = { url: 'http://127.0.0.1:4010', stateFile: 'data/simulator-state.json' };

describe('the start-up banner', () => {
  it('names the embedded simulator, its control API and its state in development mode', () => {
    const banner = startupBanner({
      graphqlUrl: GRAPHQL_URL,
      developmentMode: true,
      upstreams: [{ id: null, orderUrl: `${SIMULATOR.url}/api/v1` }],
      simulator: SIMULATOR,
    });
    expect(banner.split('\n')).toEqual([
      expect.stringMatching(/^\*\*\* DEVELOPMENT MODE/),
      `oneatlas-gateway: GraphQL and GraphiQL at ${GRAPHQL_URL}`,
      '  OneAtlas: the embedded OneAtlas simulator (http://127.0.0.1:4010/api/v1)',
      '  embedded OneAtlas simulator: http://127.0.0.1:4010, state in data/simulator-state.json',
      '  its control API: http://127.0.0.1:4010/__simulator/ (see docs/simulator.md)',
      '',
    ]);
  });

  it('calls only Airbus hosts Airbus, and says when no credential uses the embedded simulator', () => {
    const banner = startupBanner({
      graphqlUrl: GRAPHQL_URL,
      developmentMode: false,
      upstreams: [
        { id: 'prod', orderUrl: AIRBUS_ORDER_URL },
        { id: 'staging', orderUrl: 'http://127.0.0.1:4020/api/v1' },
        { id: 'lookalike', orderUrl: 'https://order.api.oneatlas.airbus.com.example.net/api/v1' },
      ],
      simulator: SIMULATOR,
    });
    expect(banner).not.toContain('DEVELOPMENT MODE');
    expect(banner).toContain(`credential "prod": Airbus OneAtlas (${AIRBUS_ORDER_URL})`);
    expect(banner).toContain('credential "staging": http://127.0.0.1:4020/api/v1 (not Airbus');
    expect(banner).toContain(
      'credential "lookalike": https://order.api.oneatlas.airbus.com.example.net/api/v1 (not Airbus',
    );
    expect(banner).toContain('embedded OneAtlas simulator: http://127.0.0.1:4010 (no credential uses it)');
  });
});
