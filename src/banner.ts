/** Airbus' OneAtlas hosts all live under this domain; any other URL is something else, however it answers. */
const AIRBUS_DOMAIN = '.oneatlas.airbus.com';

export interface BannerFacts {
  graphqlUrl: string;
  /** No tenants file: every caller is trusted. */
  developmentMode: boolean;
  /** The order API each OneAtlas credential talks to; `id` null for development mode's one credential. */
  upstreams: ReadonlyArray<{ id: string | null; orderUrl: string }>;
  /** The embedded simulator, when this process started one. */
  simulator: { url: string; stateFile: string } | null;
}

/** What `npm start` prints once it listens: what it talks to, named for what it is. */
export function startupBanner(facts: BannerFacts): string {
  const { simulator } = facts;
  const lines: string[] = [];
  if (facts.developmentMode) {
    lines.push(
      '*** DEVELOPMENT MODE: no GATEWAY_TENANTS_FILE, so every caller is trusted with every role and contract of the simulator. Never expose this gateway. ***',
    );
  }
  lines.push(`oneatlas-gateway: GraphQL and GraphiQL at ${facts.graphqlUrl}`);
  for (const { id, orderUrl } of facts.upstreams) {
    lines.push(
      `  ${id === null ? 'OneAtlas' : `credential "${id}"`}: ${describeUpstream(orderUrl, simulator?.url)}`,
    );
  }
  if (simulator !== null) {
    const used = facts.upstreams.some(({ orderUrl }) => isServedBy(orderUrl, simulator.url));
    lines.push(
      `  embedded OneAtlas simulator: ${simulator.url}${used ? '' : ' (no credential uses it)'}, state in ${simulator.stateFile}`,
      `  its control API: ${simulator.url}/__simulator/ (see docs/simulator.md)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function describeUpstream(orderUrl: string, simulatorUrl: string | undefined): string {
  if (simulatorUrl !== undefined && isServedBy(orderUrl, simulatorUrl)) {
    return `the embedded OneAtlas simulator (${orderUrl})`;
  }
  if (isAirbus(orderUrl)) return `Airbus OneAtlas (${orderUrl}): real orders cost real money`;
  return `${orderUrl} (not Airbus: a OneAtlas-compatible upstream such as a standalone simulator)`;
}

function isServedBy(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`);
}

export function isAirbus(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' && hostname.endsWith(AIRBUS_DOMAIN);
}
