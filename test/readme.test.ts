import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import { SAMPLE_LEGACY_OPTIONS, SAMPLE_NEO_OPTIONS } from '../src/simulator/samples.js';
import { type Replica, startReplica } from './support/replicas.js';

/**
 * The README's examples, then the workflow and Neo guides' walkthroughs that continue them, run
 * exactly as printed against `npm start` on the simulator: every shell block (but the install and
 * start commands themselves), in order, in one shell, with only the addresses they print
 * (localhost:4000, the simulator's 127.0.0.1:4010) swapped for this run's ports.
 */

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const SCHEMA = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
const README_GATEWAY = 'http://localhost:4000';
const README_SIMULATOR = 'http://127.0.0.1:4010';

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** The workflow guide's walkthrough continues the README's shell session, and the Neo guide's continues that. */
const WORKFLOW_GUIDE = readFileSync(new URL('../docs/workflow.md', import.meta.url), 'utf8');
const NEO_GUIDE = readFileSync(new URL('../docs/neo.md', import.meta.url), 'utf8');
const ERRORS_GUIDE = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
/** The blocks that need a running gateway: the install, start and test commands are how it got here. */
const EXAMPLES = [README, WORKFLOW_GUIDE, NEO_GUIDE]
  .flatMap(shellBlocks)
  .filter((block) => !/^npm /m.test(block));

let folder: string;
let gateway: Replica;
let simulatorUrl: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'readme-'));
  gateway = await startReplica({ GATEWAY_DATA_DIR: join(folder, 'data') });
  const banner = /embedded OneAtlas simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(gateway.output());
  simulatorUrl = banner?.[1] ?? '';
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('the README', () => {
  it('has examples that talk to the gateway and to the simulator', () => {
    expect(EXAMPLES.length).toBeGreaterThan(3);
    expect(EXAMPLES.join('\n')).toContain(README_GATEWAY);
    expect(EXAMPLES.join('\n')).toContain(`${README_SIMULATOR}/__simulator/clock/advance`);
  });

  it('runs every example as printed: no error but the late cancel it shows, two orders placed, one acquisition accepted and one refused, Neo quotations accepted, a coverage item accepted into the imagery, a cancel before and after the deadline, a stop', async () => {
    expect(simulatorUrl).toMatch(/^http:/);
    const script = EXAMPLES.join('\n')
      .replaceAll(README_GATEWAY, gateway.url)
      .replaceAll(README_SIMULATOR, simulatorUrl);
    const { stdout } = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd: folder,
      timeout: 120_000,
    });
    const answers = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { data?: Record<string, unknown>; errors?: unknown });
    // The one refusal the README shows: a cancel past the Neo deadline.
    const refusals = answers.filter((answer) => answer.errors !== undefined);
    expect(
      refusals.map((answer) => (answer.errors as { extensions?: { code?: string } }[])[0]?.extensions?.code),
    ).toEqual(['CANCELLATION_DEADLINE_PASSED']);
    const fields = answers.flatMap((answer) => Object.entries(answer.data ?? {}));
    const answersOf = (name: string) => fields.filter(([field]) => field === name).map(([, value]) => value);
    expect(answersOf('contracts')).toEqual([
      expect.arrayContaining([expect.objectContaining({ id: 'CTR21000411' })]),
    ]);
    expect(answersOf('createOrder')).toEqual([
      expect.objectContaining({ status: 'PLACED' }),
      expect.objectContaining({ status: 'PLACED' }),
    ]);
    const [accepted] = answersOf('acceptSegment') as Array<{ id: string; status: string }>;
    const [refused] = answersOf('refuseSegment') as Array<{ id: string; status: string }>;
    expect(accepted?.status).toBe('Validated');
    expect(refused?.status).toBe('Refused');
    expect(refused?.id).not.toBe(accepted?.id);
    // The Neo discovery: a Neo mission's feasibility, and a price on the Neo contract.
    expect(answersOf('feasibility')).toEqual([[expect.objectContaining({ mission: 'PLEIADES_NEO' })]]);
    expect(answersOf('price')).toHaveLength(2);
    expect(answersOf('acceptQuotation')).toEqual([
      expect.objectContaining({ status: 'PLACED' }),
      expect.objectContaining({ status: 'PLACED' }),
    ]);
    expect(answersOf('cancelOrderItem')).toEqual([
      expect.objectContaining({ action: 'CANCEL_ORDER_ITEM', state: 'DONE' }),
    ]);
    expect(answersOf('stopOrderItem')).toEqual([
      expect.objectContaining({ action: 'STOP_ORDER_ITEM', state: 'DONE' }),
    ]);
    expect(answersOf('acceptCoverage')).toEqual([expect.objectContaining({ status: 'VALIDATED' })]);
    expect(answersOf('imagery')).toEqual([
      expect.objectContaining({ edges: [expect.objectContaining({ node: expect.anything() })] }),
    ]);
  }, 150_000);

  it('lists every query and mutation of the schema, one line each', () => {
    const rootFields = ['Query', 'Mutation'].flatMap((type) => {
      const body = new RegExp(`type ${type}[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(SCHEMA)?.[1] ?? '';
      return [...body.matchAll(/^ {2}(\w+)[(:]/gm)].map((match) => match[1]);
    });
    expect(rootFields.length).toBeGreaterThan(10);
    const listed = README.slice(
      README.indexOf('## Queries and mutations'),
      README.indexOf('## Configuration'),
    );
    for (const field of rootFields) expect(listed, field).toContain(`\`${field}\``);
  });

  it("prints the production options of the code's samples (src/simulator/samples.ts), so both change together", () => {
    const printed = (markdown: string, variable: string) =>
      JSON.parse(new RegExp(`^${variable}='(.*)'$`, 'm').exec(markdown)?.[1] ?? 'null') as unknown;
    expect(printed(README, 'OPTIONS')).toEqual(SAMPLE_LEGACY_OPTIONS);
    expect(printed(NEO_GUIDE, 'NEO_OPTIONS')).toEqual(SAMPLE_NEO_OPTIONS);
  });

  it('lists every error code a client can receive, as does the error guide', () => {
    // Apollo answers PERSISTED_QUERY_NOT_SUPPORTED only when persisted queries are turned off; they are on.
    const apolloCodes = Object.values(ApolloServerErrorCode).filter(
      (code) => code !== ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
    );
    const codes = [...Object.values(ErrorCode), ...apolloCodes];
    const listed = README.slice(README.indexOf('## Error codes'), README.indexOf('## Architecture'));
    for (const code of codes) {
      expect(listed, code).toContain(`| \`${code}\``);
      expect(ERRORS_GUIDE, code).toContain(`| \`${code}\``);
    }
  });
});
