import { describe, expect, it } from 'vitest';
import {
  accountContractFromWire,
  deliveryTypesFromWire,
  marketsFromWire,
} from '../../../../src/datasources/oneatlas/wire/catalogue.mapping.js';
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

describe("a contract's markets (/properties)", () => {
  it('maps markets, their labels and secondary markets given as codes or {id, label}', () => {
    expect(
      marketsFromWire({
        markets: [
          { id: 'NQUAL', label: 'Not qualified', secondaryMarket: [] },
          { id: 'AGRI', secondaryMarket: ['CROP', { id: 'FOREST', label: 'Forestry' }, { id: 'VINE' }] },
          { id: 'ENERGY', label: null, secondaryMarket: null },
        ],
      }),
    ).toEqual([
      { id: 'NQUAL', label: 'Not qualified', secondaryMarkets: [] },
      {
        id: 'AGRI',
        label: 'AGRI',
        secondaryMarkets: [
          { id: 'CROP', label: 'CROP' },
          { id: 'FOREST', label: 'Forestry' },
          { id: 'VINE', label: 'VINE' },
        ],
      },
      { id: 'ENERGY', label: 'ENERGY', secondaryMarkets: [] },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['no markets', { properties: [] }, 'answer.markets'],
    ['a market without id', { markets: [{ label: 'x' }] }, 'answer.markets[0].id'],
    ['an empty market id', { markets: [{ id: '' }] }, 'answer.markets[0].id'],
    ['a numeric label', { markets: [{ id: 'A', label: 3 }] }, 'answer.markets[0].label'],
    ['secondary markets as text', { markets: [{ id: 'A', secondaryMarket: 'B' }] }, 'secondaryMarket'],
    [
      'a secondary market without id',
      { markets: [{ id: 'A', secondaryMarket: [{}] }] },
      'secondaryMarket[0].id',
    ],
  ])('refuses %s as MALFORMED_RESPONSE', (_case, answer, where) => {
    const error = malformed(() => marketsFromWire(answer));
    expect(error.upstreamCode).toBe(MALFORMED_RESPONSE);
    expect(error.message).toContain(where);
  });
});

describe("a contract's delivery types (/deliveryTypes)", () => {
  it('types network and MEDIA, keeping the upstream id, and any other as OTHER', () => {
    expect(
      deliveryTypesFromWire({
        deliveryTypes: [
          { deliveryTypeId: 'network', label: 'Network' },
          { deliveryTypeId: 'MEDIA' },
          { deliveryTypeId: 'ftp', label: 'FTP' },
        ],
      }),
    ).toEqual([
      { method: 'NETWORK', id: 'network', label: 'Network' },
      { method: 'MEDIA', id: 'MEDIA', label: 'MEDIA' },
      { method: 'OTHER', id: 'ftp', label: 'FTP' },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['no list', {}, 'answer.deliveryTypes'],
    ['a type without id', { deliveryTypes: [{ label: 'x' }] }, 'answer.deliveryTypes[0].deliveryTypeId'],
    ['a numeric label', { deliveryTypes: [{ deliveryTypeId: 'network', label: 1 }] }, '[0].label'],
  ])('refuses %s as MALFORMED_RESPONSE', (_case, answer, where) => {
    const error = malformed(() => deliveryTypesFromWire(answer));
    expect(error.upstreamCode).toBe(MALFORMED_RESPONSE);
    expect(error.message).toContain(where);
  });
});
