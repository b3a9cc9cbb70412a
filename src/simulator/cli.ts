/**
 * `npm run simulator`: the simulator standalone.
 * --port / SIMULATOR_PORT (default 4010), --state-file / SIMULATOR_STATE_FILE, SIMULATOR_MAX_RPS.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    process.stderr.write(`oneatlas-simulator: ${name} must be a non-negative number, got '${value}'\n`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'state-file': { type: 'string' } },
  });
  const simulator = await startSimulator({
    port: positiveNumber(values.port ?? process.env.SIMULATOR_PORT, 'port') ?? 4010,
    stateFile: values['state-file'] ?? (process.env.SIMULATOR_STATE_FILE || undefined),
    orderApiMaxRps: positiveNumber(process.env.SIMULATOR_MAX_RPS, 'SIMULATOR_MAX_RPS'),
  });
  process.stdout.write(
    [
      `OneAtlas simulator listening on ${simulator.url}`,
      `  API key:     ${simulator.apiKey}`,
      `  contract:    ${simulator.contractId} (workspace ${simulator.workspaceId})`,
      `  token URL:   ${simulator.endpoints.authUrl}`,
      `  control API: ${simulator.url}/__simulator/`,
      '',
    ].join('\n'),
  );
  const shutdown = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `oneatlas-simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
