import { describe, expect, it } from 'vitest';
import { contractsFromWire } from '../../src/datasources/oneatlas/wire/catalogue.mapping.js';
import { deliveryWorkspaceOf } from '../../src/domain/catalogue.js';

const defaults = { contractId: 'CTR-DEFAULT', workspaceId: 'WS-DEFAULT' };
const legacy = { name: 'Legacy', currency: 'EUR', backendSource: 'legacy' };

describe('the workspace of a contract', () => {
  it('is never read from a field Airbus does not send on a SPOT/Pléiades contract', () => {
    const [contract] = contractsFromWire({
      contracts: [{ ...legacy, contractId: 'CTR-OTHER', workspaceId: 'WS-SIMULATOR-ONLY' }],
    });
    expect(contract?.workspaceId).toBeNull();
  });

  it("is a Neo contract's own delivery workspace", () => {
    const [contract] = contractsFromWire({
      contracts: [
        {
          ...legacy,
          contractId: 'CTR-NEO',
          backendSource: 'neo',
          delivery: [{ deliveryPlatformId: 'oneatlas', deliveryWorkspace: 'WS-NEO' }],
        },
      ],
    });
    expect(contract && deliveryWorkspaceOf(contract, defaults)).toBe('WS-NEO');
  });

  it('is the configured one for the default SPOT/Pléiades contract only', () => {
    const [own, other] = contractsFromWire({
      contracts: [
        { ...legacy, contractId: 'CTR-DEFAULT' },
        { ...legacy, contractId: 'CTR-OTHER' },
      ],
    });
    expect(own && deliveryWorkspaceOf(own, defaults)).toBe('WS-DEFAULT');
    expect(other && deliveryWorkspaceOf(other, defaults)).toBeNull();
  });
});
