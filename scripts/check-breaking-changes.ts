/**
 * The breaking-change guard: compares the schema the server builds with the SDL of the last release
 * (the newest `## x.y.z` of CHANGELOG.md, kept as releases/schema-x.y.z.graphql), lists every breaking
 * change, and fails unless each one is recorded under "## Unreleased" → "### Breaking changes".
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildGatewaySchema } from '../src/schema/build-schema.js';
import {
  breakingChanges,
  describeChange,
  lastReleasedVersion,
  releasedSchemaPath,
  unrecordedBreakingChanges,
} from './schema-contract.js';

const changelog = await readFile('CHANGELOG.md', 'utf8');
const version = lastReleasedVersion(changelog);
const releasedSdl = await readFile(releasedSchemaPath(version), 'utf8');
const currentSdl = printSubgraphSchema(await buildGatewaySchema());

const breaking = await breakingChanges(releasedSdl, currentSdl);
const unrecorded = new Set(unrecordedBreakingChanges(breaking, changelog));

for (const change of breaking) {
  process.stdout.write(`${unrecorded.has(change) ? 'UNRECORDED' : 'recorded  '} ${describeChange(change)}\n`);
}
if (unrecorded.size > 0) {
  process.stderr.write(
    `${unrecorded.size} breaking change(s) since ${version} are not in CHANGELOG.md. Record each under ` +
      '"## Unreleased" → "### Breaking changes" with its coordinate in backticks, e.g. "- `Tasking.fetchedAt` removed: …",\n' +
      'or make the change compatible (deprecate before removing, add arguments and input fields as optional).\n',
  );
  process.exit(1);
}
process.stdout.write(`No unrecorded breaking changes since ${version} (${breaking.length} recorded).\n`);
