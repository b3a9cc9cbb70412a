import { describe, expect, it } from 'vitest';
import { accountContractFromWire } from '../../../../src/datasources/oneatlas/wire/catalogue.mapping.js';
import { MALFORMED_RESPONSE, mapAnswer } from '../../../../src/datasources/oneatlas/wire/shape.js';
import { UpstreamError } from '../../../../src/datasources/upstream-errors.js';

/** What the notes give for the data API's `/me` (§2.1). */
const ME = {
  id: 'user-1',
  roles: ['ROLE_USER'],
  contract: {
    id: 'CTR21000411',
    offers: ['PleiadesTaskingOneDay'],
    balance: 1000,
    workspaceId: 'ws-1',
    workspaceName: 'My workspace',
    _links: {},
  },
  permissions: [],
};

/** The mapping's verdict on a malformed answer, as a client would get it. */
function malformed(map: () => unknown): UpstreamError {
  try {
    mapAnswer('search', map);
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('the answer was accepted');
}

describe("the data API's /me", () => {
  it("maps the key's own contract and its workspace", () => {
    expect(accountContractFromWire(ME)).toEqual({
      contractId: 'CTR21000411',
      workspaceId: 'ws-1',
      workspaceName: 'My workspace',
    });
  });

  it('reads an absent or null workspace as none known', () => {
    const { workspaceId: _, workspaceName: __, ...bare } = ME.contract;
    expect(accountContractFromWire({ contract: bare })).toMatchObject({ workspaceId: null });
    expect(accountContractFromWire({ contract: { ...bare, workspaceId: null } })).toMatchObject({
      workspaceId: null,
      workspaceName: null,
    });
  });

  it.each<[string, unknown, string]>([
    ['no contract', { id: 'user-1' }, 'answer.contract'],
    ['a contract without id', { contract: { workspaceId: 'ws-1' } }, 'answer.contract.id'],
    ['an empty contract id', { contract: { id: '' } }, 'answer.contract.id'],
    ['a numeric workspace', { contract: { id: 'C', workspaceId: 42 } }, 'answer.contract.workspaceId'],
    ['an empty workspace', { contract: { id: 'C', workspaceId: '' } }, 'answer.contract.workspaceId'],
    ['not an object', ['CTR21000411'], 'answer'],
  ])('refuses %s as MALFORMED_RESPONSE', (_case, answer, where) => {
    const error = malformed(() => accountContractFromWire(answer));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.upstreamCode).toBe(MALFORMED_RESPONSE);
    expect(error.message).toContain(where);
  });
});
