import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakingChanges,
  lastReleasedVersion,
  releasedSchemaPath,
  sdlDifferences,
  unrecordedBreakingChanges,
} from '../../scripts/schema-contract.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';

/**
 * The schema contract: the committed SDL and generated operations match what the server builds,
 * and no breaking change ships unrecorded. Both checks are also proven to fail when they should.
 */

const run = promisify(execFile);

/** A codegen run builds the schema in a fresh Node: seconds, more on a busy machine. */
const CODEGEN_TIMEOUT_MS = 90_000;

/** Runs scripts/check-generated.ts as `npm test` does, in its own Node with the tsx loader (codegen needs it). */
async function checkGenerated(...args: string[]): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/check-generated.ts',
      ...args,
    ]);
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const BASE_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    "One tasking."
    tasking(id: ID!): Tasking
  }
  type Tasking @key(fields: "id") {
    id: ID!
    status: String!
    fetchedAt: String!
  }
`;

describe('SDL drift', () => {
  it('ignores order and formatting', () => {
    const reordered = /* GraphQL */ `
      type Tasking @key(fields: "id") { fetchedAt: String!, status: String!, id: ID! }
      type Query { "One tasking." tasking(id: ID!): Tasking }
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    `;
    expect(sdlDifferences(BASE_SDL, reordered)).toEqual([]);
  });

  it.each([
    ['a removed @key', BASE_SDL.replace('@key(fields: "id")', ''), '+ type Tasking {'],
    ['a removed field', BASE_SDL.replace('fetchedAt: String!', ''), '- fetchedAt: String!'],
    ['a changed description', BASE_SDL.replace('One tasking.', 'A tasking.'), '+ """A tasking."""'],
    [
      'a changed federation link',
      BASE_SDL.replace('v2.3', 'v2.9'),
      '+ schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"]) {',
    ],
  ])('reports %s', (_what, current, expectedLine) => {
    expect(sdlDifferences(BASE_SDL, current)).toContain(expectedLine);
  });
});

describe('the drift check on the repository', () => {
  let staleDir: string;

  beforeAll(async () => {
    staleDir = await mkdtemp(join(tmpdir(), 'gateway-stale-'));
  });

  afterAll(async () => {
    await rm(staleDir, { recursive: true, force: true });
  });

  it(
    'passes: schema.graphql and operations/documents.generated.ts are current',
    async () => {
      const { exitCode, output } = await checkGenerated();
      expect(output).toContain('Generated files are current');
      expect(exitCode).toBe(0);
    },
    CODEGEN_TIMEOUT_MS,
  );

  it(
    'fails naming each stale file when the committed copies lag behind',
    async () => {
      const committedSdl = await readFile('schema.graphql', 'utf8');
      await writeFile(
        join(staleDir, 'schema.graphql'),
        committedSdl.replace(/\n\s*@key\(fields: "id"\)/g, ''),
      );
      await cp('operations', join(staleDir, 'operations'), { recursive: true });
      await writeFile(join(staleDir, 'operations', 'documents.generated.ts'), '// generated long ago\n');

      const { exitCode, output } = await checkGenerated('--against', staleDir);
      expect(exitCode).toBe(1);
      expect(output).toContain('run `npm run codegen`');
      expect(output).toContain('schema.graphql differs from the built schema:');
      expect(output).toMatch(/^\s+\+ type Contract @key\(fields: "id"\) \{$/m);
      expect(output).toMatch(/^\s+\+ type Tasking implements TaskingLine @key\(fields: "id"\) \{$/m);
      expect(output).toContain('operations/documents.generated.ts differs from what codegen generates');
    },
    CODEGEN_TIMEOUT_MS,
  );
});

describe('breaking-change guard', () => {
  const changelogWith = (breakingLines: string) =>
    `# Changelog\n\n## Unreleased\n\n### Breaking changes\n\n${breakingLines}\n\n### Added\n\n- \`Tasking.fetchedAt\` is nice\n\n## 0.3.0\n\n## 0.2.0\n`;

  it('ignores additions and reports removals and @key removals as breaking', async () => {
    const withAdditions = BASE_SDL.replace('status: String!', 'status: String!\n    progress: Float');
    expect(await breakingChanges(BASE_SDL, withAdditions)).toEqual([]);

    const withoutField = await breakingChanges(BASE_SDL, BASE_SDL.replace('fetchedAt: String!', ''));
    expect(withoutField.map((change) => change.path)).toEqual(['Tasking.fetchedAt']);

    const withoutKey = await breakingChanges(BASE_SDL, BASE_SDL.replace('@key(fields: "id")', ''));
    expect(withoutKey.map((change) => change.path)).toEqual(['Tasking.@key']);
  });

  it('accepts a breaking change only when the Unreleased "Breaking changes" names its coordinate', async () => {
    const changes = await breakingChanges(BASE_SDL, BASE_SDL.replace('fetchedAt: String!', ''));
    expect(unrecordedBreakingChanges(changes, changelogWith('None.'))).toEqual(changes);
    // Named elsewhere (under "Added") does not count.
    expect(unrecordedBreakingChanges(changes, changelogWith('- `Tasking.status` renamed'))).toEqual(changes);
    expect(unrecordedBreakingChanges(changes, changelogWith('- `Tasking.fetchedAt` removed: use …'))).toEqual(
      [],
    );
  });

  it('compares with the newest release of the changelog', () => {
    expect(lastReleasedVersion(changelogWith('None.'))).toBe('0.3.0');
    expect(releasedSchemaPath('0.3.0')).toBe('releases/schema-0.3.0.graphql');
    expect(() => lastReleasedVersion('# Changelog\n\n## Unreleased\n')).toThrow(/names no release/);
  });

  it('passes on the repository: every breaking change since the last release is recorded', async () => {
    const changelog = await readFile('CHANGELOG.md', 'utf8');
    const releasedSdl = await readFile(releasedSchemaPath(lastReleasedVersion(changelog)), 'utf8');
    const currentSdl = printSubgraphSchema(await buildGatewaySchema());
    const unrecorded = unrecordedBreakingChanges(await breakingChanges(releasedSdl, currentSdl), changelog);
    expect(unrecorded.map((change) => change.message)).toEqual([]);
  });
});
