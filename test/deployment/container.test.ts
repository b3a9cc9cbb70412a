import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_METRICS_PORT,
  loadConfig,
  loadObservabilityConfig,
  loadStoresConfig,
} from '../../src/config.js';

/**
 * No image can be built or pulled on these machines, so this checks what can be checked without
 * Docker: the Dockerfile's stages and commands against package.json's scripts and the build's
 * output, and the compose example against the variables the gateway really reads.
 */

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  image: string;
  name: string;
  instructions: Instruction[];
}

/** Dockerfile instructions by stage: comments dropped, backslash continuations joined. */
function dockerfileStages(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name = ''] = rest;
      expect(as?.toUpperCase()).toBe('AS');
      stages.push({ image, name, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`${keyword} before any FROM`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const argsOf = (stage: Stage | undefined, keyword: string) =>
  (stage?.instructions ?? [])
    .filter((instruction) => instruction.keyword === keyword)
    .map(({ args }) => args);

/** The variables src/config.ts reads (`env.NAME`, or a name it checks in a list). */
function variablesConfigReads(): Set<string> {
  const source = read('src/config.ts');
  return new Set([
    ...[...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1] ?? ''),
    ...[...source.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] ?? ''),
  ]);
}

const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

describe('the Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const runtime = stages.at(-1);

  it('builds in stages from Node 20 slim images, the last one being what runs', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'deps', 'runtime']);
    for (const stage of stages)
      expect(stage.image).toMatch(/^node:20(\.\d+)*-[a-z]+-slim$|^node:20(\.\d+)*-slim$/);
  });

  it('compiles with npm run build, whose output holds dist/main.js', () => {
    const build = byName.get('build');
    expect(argsOf(build, 'RUN')).toContain('npm ci');
    expect(argsOf(build, 'RUN')).toContain('npm run build');
    expect(packageJson.scripts.build).toMatch(/tsc -[pb] tsconfig\.build\.json/);
    const buildConfig = JSON.parse(read('tsconfig.build.json')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(buildConfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    // Everything the build script reads is copied into the build stage.
    const copied = argsOf(build, 'COPY').flatMap((args) => args.split(/\s+/).slice(0, -1));
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src']) {
      expect(copied).toContain(file);
    }
  });

  it('installs the production dependencies alone for the image', () => {
    expect(argsOf(byName.get('deps'), 'RUN').some((run) => run.startsWith('npm ci --omit=dev'))).toBe(true);
    const fromStages = argsOf(runtime, 'COPY')
      .map((args) => /--from=(\S+)/.exec(args)?.[1])
      .filter((name) => name !== undefined);
    expect(fromStages.sort()).toEqual(['build', 'deps']);
    expect(argsOf(runtime, 'COPY')).toContain('--from=deps /app/node_modules ./node_modules');
    expect(argsOf(runtime, 'COPY')).toContain('--from=build /app/dist ./dist');
  });

  it('runs what npm start runs, as the exec form, so SIGTERM reaches node', () => {
    const [cmd] = argsOf(runtime, 'CMD');
    expect(JSON.parse(cmd ?? '')).toEqual((packageJson.scripts.start ?? '').split(' '));
    expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(read('src/main.ts')).toMatch(/process\.on\('SIGTERM'/);
  });

  it('runs as a non-root user, probes /healthz and exposes the GraphQL and metrics ports', () => {
    const [user] = argsOf(runtime, 'USER');
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/ CMD \[.*\/healthz/);
    const exposed = argsOf(runtime, 'EXPOSE').flatMap((args) => args.split(/\s+/).map(Number));
    expect(exposed).toContain(loadConfig({}).port);
    expect(exposed).toContain(DEFAULT_METRICS_PORT);
  });

  it('sets only variables the gateway reads, with values it accepts', () => {
    const env: Record<string, string> = {};
    for (const args of argsOf(runtime, 'ENV')) {
      for (const [, name = '', value = ''] of args.matchAll(/([A-Z_]+)=(\S+)/g)) env[name] = value;
    }
    expect(Object.keys(env).length).toBeGreaterThan(0);
    const known = variablesConfigReads();
    for (const name of Object.keys(env)) expect(known).toContain(name);
    expect(loadObservabilityConfig(env).metrics).toMatchObject({
      host: '0.0.0.0',
      port: DEFAULT_METRICS_PORT,
    });
  });

  it('gets its build context through a .dockerignore that keeps what the build copies', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const heavy of ['.git', 'node_modules', 'dist', 'test', 'data']) expect(ignored).toContain(heavy);
    const copied = stages.flatMap((stage) =>
      argsOf(stage, 'COPY')
        .filter((args) => !args.startsWith('--from'))
        .flatMap((args) => args.split(/\s+/).slice(0, -1)),
    );
    for (const file of copied) {
      expect(
        ignored.some(
          (pattern) => pattern === file || (pattern.startsWith('*') && file.endsWith(pattern.slice(1))),
        ),
      ).toBe(false);
    }
  });
});

describe('the compose example', () => {
  const compose = parseYaml(read('compose.yaml')) as {
    services: Record<
      string,
      { environment?: Record<string, string>; deploy?: { replicas?: number }; image?: string }
    >;
  };
  const gateway = compose.services.gateway;
  /** `${NAME:?message}` placeholders as an operator's environment would fill them. */
  const filled = (value: string) =>
    value.replace(/\$\{([A-Z_]+)[^}]*\}/g, (_, name: string) => `example-${name.toLowerCase()}`);

  it('runs Apollo Router, several gateway replicas, PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'postgres', 'redis', 'router']);
    expect(compose.services.router?.image).toMatch(/^ghcr\.io\/apollographql\/router:/);
    expect(gateway?.deploy?.replicas).toBeGreaterThan(1);
  });

  it('names only variables the gateway reads, its stores being the compose services', () => {
    const environment = gateway?.environment ?? {};
    const known = variablesConfigReads();
    for (const name of Object.keys(environment)) expect(known).toContain(name);
    const env = Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [name, filled(String(value))]),
    );
    const stores = loadStoresConfig(env);
    expect(new URL(stores.database?.url ?? '').hostname).toBe('postgres');
    expect(new URL(stores.redis?.url ?? '').hostname).toBe('redis');
    expect(loadObservabilityConfig(env).metrics?.host).toBe('0.0.0.0');
  });

  it('points the Router at the gateway service, forwarding credentials and trace context', () => {
    const supergraph = parseYaml(read('deploy/supergraph.yaml')) as {
      subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
    };
    const subgraph = supergraph.subgraphs.oneatlas;
    expect(new URL(subgraph?.routing_url ?? '').host).toBe(`gateway:${loadConfig({}).port}`);
    expect(existsSync(join(ROOT, 'deploy', subgraph?.schema.file ?? ''))).toBe(true);
    const router = read('deploy/router.yaml');
    const config = parseYaml(router) as {
      headers: { subgraphs: { oneatlas: { request: { propagate: { named: string } }[] } } };
      telemetry: { exporters: { tracing: { propagation: { trace_context: boolean } } } };
    };
    const propagated = config.headers.subgraphs.oneatlas.request.map((rule) => rule.propagate.named);
    expect(propagated).toEqual(expect.arrayContaining(['authorization', 'x-request-id']));
    expect(config.telemetry.exporters.tracing.propagation.trace_context).toBe(true);
  });
});
