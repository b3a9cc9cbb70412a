import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildASTSchema, type GraphQLSchema, lexicographicSortSchema, parse } from 'graphql';

/**
 * The checks that keep the committed schema contract honest: drift between the committed SDL and
 * the schema the server builds, and breaking changes since the last release. Pure functions over SDL
 * text, so tests can feed them stale or broken input; the scripts next to this file run them on the
 * repository.
 */

/**
 * A subgraph SDL as a schema: `@key` and `@link` are used without being defined there (a router
 * knows them), so the SDL is taken as valid rather than validated against graphql-js's directives.
 */
export function schemaFromSdl(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

/** One canonical print (types, fields and arguments sorted, directives and descriptions kept). */
function canonicalSdl(sdl: string): string {
  return printSchemaWithDirectives(lexicographicSortSchema(schemaFromSdl(sdl)));
}

/**
 * How the committed SDL differs from the current one, as `-`/`+` lines of their canonical prints;
 * empty when they describe the same schema, however each is ordered or formatted.
 */
export function sdlDifferences(committedSdl: string, currentSdl: string): string[] {
  const committed = canonicalSdl(committedSdl).split('\n');
  const current = canonicalSdl(currentSdl).split('\n');
  const inCurrent = new Set(current);
  const inCommitted = new Set(committed);
  return [
    ...committed.filter((line) => !inCurrent.has(line)).map((line) => `- ${line.trim()}`),
    ...current.filter((line) => !inCommitted.has(line)).map((line) => `+ ${line.trim()}`),
  ];
}

/**
 * Whether a change breaks a client or the supergraph. graphql-inspector judges plain GraphQL; for a
 * subgraph, taking a `@key` off a type is breaking too (every subgraph that references the entity
 * stops composing), though inspector rates it only dangerous.
 */
export function isBreaking(change: Change): boolean {
  if (change.criticality.level === CriticalityLevel.Breaking) return true;
  return change.type === ChangeType.DirectiveUsageObjectRemoved && change.meta.removedDirectiveName === 'key';
}

export async function breakingChanges(releasedSdl: string, currentSdl: string): Promise<Change[]> {
  const changes = await diff(schemaFromSdl(releasedSdl), schemaFromSdl(currentSdl));
  return changes.filter(isBreaking);
}

const UNRELEASED_HEADING = /^## Unreleased\s*$/m;
const BREAKING_HEADING = /^### Breaking changes\s*$/m;
const RELEASE_HEADING = /^## (\d+\.\d+\.\d+)\b/m;

/**
 * The `### Breaking changes` section under `## Unreleased`: where each breaking change since the last
 * release must be written down before it can ship.
 */
function unreleasedBreakingSection(changelog: string): string {
  const unreleased = changelog.split(UNRELEASED_HEADING)[1]?.split(/^## /m)[0] ?? '';
  return unreleased.split(BREAKING_HEADING)[1]?.split(/^### /m)[0] ?? '';
}

/**
 * The breaking changes the changelog does not record. A change counts as recorded when its schema
 * coordinate, e.g. `Tasking.fetchedAt` or `Tasking.@key`, appears in backticks in the Unreleased
 * section's "Breaking changes".
 */
export function unrecordedBreakingChanges(changes: readonly Change[], changelog: string): Change[] {
  const section = unreleasedBreakingSection(changelog);
  return changes.filter((change) => change.path === undefined || !section.includes(`\`${change.path}\``));
}

/** The version of the newest release in the changelog, whose SDL is kept as `releases/schema-<version>.graphql`. */
export function lastReleasedVersion(changelog: string): string {
  const version = RELEASE_HEADING.exec(changelog)?.[1];
  if (version === undefined) throw new Error('CHANGELOG.md names no release (a "## x.y.z" heading)');
  return version;
}

export function releasedSchemaPath(version: string): string {
  return `releases/schema-${version}.graphql`;
}

/** One line per change: what a developer reads to fix it. */
export function describeChange(change: Change): string {
  return `\`${change.path ?? '(schema)'}\`: ${change.message}`;
}
