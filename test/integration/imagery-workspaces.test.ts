/**
 * Which workspaces a tenant's `imagery` may read: its configured one and each of its contracts'
 * delivery workspaces (`Contract.workspaceId`: a Neo contract's own, a SPOT/Pléiades one's from `/me`).
 * Alpha has the legacy contract and its workspace configured; beta the Neo contract and no workspace;
 * gamma, on beta's OneAtlas key (whose `/me` is CTR21000587), a legacy and a Neo contract and none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  SEEDED_LEGACY_WORKSPACE_ID,
  SEEDED_NEO_WORKSPACE_ID,
  SEEDED_SECOND_LEGACY_CONTRACT_ID,
  SEEDED_SECOND_LEGACY_WORKSPACE_ID,
} from '../../src/simulator/seed.js';
import { upstreamRequests } from '../safety/support.js';
import {
  BETA_CONTRACT,
  createSigner,
  postAs,
  type Signer,
  startTwoAccountSimulator,
  twoTenants,
  withSharingTenant,
} from '../support/callers.js';
import {
  controlsOf,
  type GraphQLResponse,
  sharedTestStack,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

const IMAGERY = 'query I($w: ID) { imagery(workspaceId: $w) { totalCount } }';
const UNKNOWN_WORKSPACE = '00000000-1111-4222-8333-444444444444';

/** What a client sees of a refusal: its errors' codes, messages, fields and choices; none when it was answered. */
function refusal({ errors }: GraphQLResponse) {
  return errors?.map(({ message, extensions }) => ({
    code: extensions?.code,
    message,
    field: extensions?.field,
    allowedValues: (extensions?.problems as { allowedValues?: string[] }[] | undefined)?.[0]?.allowedValues,
  }));
}

describe('imagery under a tenants file', () => {
  let simulator: RunningSimulator;
  let gateway: TestGateway;
  let signer: Signer;

  beforeAll(async () => {
    signer = await createSigner();
    simulator = await startTwoAccountSimulator();
    const gamma = [SEEDED_SECOND_LEGACY_CONTRACT_ID, BETA_CONTRACT];
    gateway = await startTestGateway(simulator, {
      callers: withSharingTenant(twoTenants(simulator, signer), 'beta', 'gamma', gamma),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
  });

  /** Asks `tenant`'s imagery of `workspaceId` (none: the default); the refusal, and the workspaces searched upstream. */
  async function imageryAs(tenant: string, workspaceId?: string) {
    const since = (await upstreamRequests(controlsOf(simulator))).length;
    const authorization = `Bearer ${await signer.token(tenant, ['read'])}`;
    const response = await postAs(gateway.url, authorization, IMAGERY, { w: workspaceId });
    const searched = (await upstreamRequests(controlsOf(simulator)))
      .slice(since)
      .filter((call) => call.path.endsWith('/opensearch'))
      .map((call) => call.query.workspaceid);
    return { refusal: refusal(response), searched };
  }

  it("reads a Neo tenant's own Neo workspace, named or by default", async () => {
    expect(await imageryAs('beta', SEEDED_NEO_WORKSPACE_ID)).toEqual({
      refusal: undefined,
      searched: [SEEDED_NEO_WORKSPACE_ID],
    });
    expect(await imageryAs('beta')).toEqual({ refusal: undefined, searched: [SEEDED_NEO_WORKSPACE_ID] });
  });

  it("reads each of a tenant's contracts' workspaces: the legacy one from /me and the Neo one", async () => {
    expect(await imageryAs('gamma', SEEDED_SECOND_LEGACY_WORKSPACE_ID)).toEqual({
      refusal: undefined,
      searched: [SEEDED_SECOND_LEGACY_WORKSPACE_ID],
    });
    expect(await imageryAs('gamma', SEEDED_NEO_WORKSPACE_ID)).toEqual({
      refusal: undefined,
      searched: [SEEDED_NEO_WORKSPACE_ID],
    });
  });

  it('refuses any other workspace as FORBIDDEN, known or not, without searching it', async () => {
    const forbidden = {
      refusal: [{ code: 'FORBIDDEN', message: 'Not allowed for this caller.', field: undefined }],
      searched: [],
    };
    expect(await imageryAs('beta', SEEDED_LEGACY_WORKSPACE_ID)).toEqual(forbidden);
    expect(await imageryAs('beta', UNKNOWN_WORKSPACE)).toEqual(forbidden);
    expect(await imageryAs('gamma', SEEDED_LEGACY_WORKSPACE_ID)).toEqual(forbidden);
    expect(await imageryAs('alpha', SEEDED_NEO_WORKSPACE_ID)).toEqual(forbidden);
    expect(await imageryAs('alpha', UNKNOWN_WORKSPACE)).toEqual(forbidden);
    // What is refused is the workspace, not the tenant: gamma still reads its own.
    expect((await imageryAs('gamma', SEEDED_NEO_WORKSPACE_ID)).refusal).toBeUndefined();
  });

  it('without a workspace, reads the configured one, else the only one of its contracts, else asks which', async () => {
    expect(await imageryAs('alpha')).toEqual({ refusal: undefined, searched: [SEEDED_LEGACY_WORKSPACE_ID] });
    expect(await imageryAs('beta')).toEqual({ refusal: undefined, searched: [SEEDED_NEO_WORKSPACE_ID] });
    expect(await imageryAs('gamma')).toEqual({
      refusal: [
        {
          code: 'BAD_USER_INPUT',
          message: `workspaceId: is required: no default workspace is configured, and your contracts deliver to more than one: one of ${SEEDED_SECOND_LEGACY_WORKSPACE_ID}, ${SEEDED_NEO_WORKSPACE_ID} (see Contract.workspaceId)`,
          field: 'workspaceId',
          allowedValues: [SEEDED_SECOND_LEGACY_WORKSPACE_ID, SEEDED_NEO_WORKSPACE_ID],
        },
      ],
      searched: [],
    });
  });
});

describe('imagery in development mode without ONEATLAS_WORKSPACE_ID', () => {
  const stack = sharedTestStack({ oneAtlas: (config) => ({ ...config, workspaceId: undefined }) });

  it("names the workspaces of the credential's contracts when none is given", async () => {
    const response = await stack().graphql(IMAGERY, {});
    expect(refusal(response)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('workspaceId: is required: no default workspace is configured'),
        field: 'workspaceId',
        allowedValues: [SEEDED_LEGACY_WORKSPACE_ID, SEEDED_NEO_WORKSPACE_ID],
      },
    ]);
  });
});
