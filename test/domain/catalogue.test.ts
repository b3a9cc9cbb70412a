import { describe, expect, it } from 'vitest';
import { contractsFromWire } from '../../src/datasources/oneatlas/wire/catalogue.mapping.js';
import { workspaceOfContract } from '../../src/domain/catalogue.js';

/** What `/me` says of the API key's own contract. */
const account = { contractId: 'CTR-OWN', workspaceId: 'WS-OWN', workspaceName: 'Own' };
const legacy = { name: 'Legacy', currency: 'EUR', backendSource: 'legacy' };

describe('the workspace of a contract', () => {
  it('is never read from a field Airbus does not send on a SPOT/Pléiades contract', () => {
    const [contract] = contractsFromWire({
      contracts: [{ ...legacy, contractId: 'CTR-OTHER', workspaceId: 'WS-SIMULATOR-ONLY' }],
    });
    expect(contract?.workspaceId).toBeNull();
  });

  it("is a Neo contract's own delivery workspace, whatever /me says", () => {
    const [contract] = contractsFromWire({
      contracts: [
        {
          ...legacy,
          contractId: 'CTR-OWN',
          backendSource: 'neo',
          delivery: [{ deliveryPlatformId: 'oneatlas', deliveryWorkspace: 'WS-NEO' }],
        },
      ],
    });
    expect(contract && workspaceOfContract(contract, account)).toBe('WS-NEO');
  });

  it("is /me's workspace for the API key's own SPOT/Pléiades contract only, never another's", () => {
    const [own, other] = contractsFromWire({
      contracts: [
        { ...legacy, contractId: 'CTR-OWN' },
        { ...legacy, contractId: 'CTR-OTHER' },
      ],
    });
    expect(own && workspaceOfContract(own, account)).toBe('WS-OWN');
    expect(other && workspaceOfContract(other, account)).toBeNull();
    expect(own && workspaceOfContract(own, null)).toBeNull();
  });
});
