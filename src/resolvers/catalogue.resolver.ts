import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { visibleContracts } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import * as domain from '../domain/catalogue.js';
import type { Polygon } from '../domain/geo.js';
import { ContractArgs } from '../schema/args.js';
import { OptionsAoiInput, optionsAoisOf } from '../schema/catalogue.inputs.js';
import { Contract, DeliveryType, Market, ProductionOption, ProductType } from '../schema/catalogue.types.js';
import { GeoJSONPolygonScalar } from '../schema/scalars/index.js';
import { checkedText, INPUT_LIMITS } from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';

@Resolver(() => Contract)
export class CatalogueResolver {
  @Query(() => [Contract], { description: "The contracts the caller's tenant may use." })
  async contracts(@Ctx() { orderApi, caller }: GatewayContext): Promise<domain.Contract[]> {
    return visibleContracts(caller, await orderApi.contracts());
  }

  @FieldResolver(() => ID, { nullable: true })
  async workspaceId(
    @Root() contract: domain.Contract,
    @Ctx() { dataApi }: GatewayContext,
  ): Promise<string | null> {
    // Only a contract without its own (SPOT/Pléiades) asks /me, once per credential and TTL.
    if (contract.workspaceId !== null) return contract.workspaceId;
    return domain.workspaceOfContract(contract, await dataApi.me());
  }

  @FieldResolver(() => [Market], {
    description:
      'The markets an order on this contract may name: `primaryMarket` (required) from `id`, `secondaryMarket` from its `secondaryMarkets`. Read once per request, kept like the catalogue.',
  })
  markets(@Root() contract: domain.Contract, @Ctx() { loaders }: GatewayContext): Promise<domain.Market[]> {
    return loaders.marketsOf.load(contract.id);
  }

  @FieldResolver(() => [DeliveryType], {
    description:
      "How this contract's imagery can be delivered. Read once per request, kept like the catalogue.",
  })
  deliveryTypes(
    @Root() contract: domain.Contract,
    @Ctx() { loaders }: GatewayContext,
  ): Promise<domain.DeliveryType[]> {
    return loaders.deliveryTypesOf.load(contract.id);
  }

  @Query(() => [ProductType], { description: 'What can be ordered on a contract.' })
  productTypes(
    @Ctx() { orderApi, caller }: GatewayContext,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
  ): Promise<domain.ProductType[]> {
    return orderApi.productTypes(contractInScope(caller, contractId));
  }

  @Query(() => [ProductionOption], {
    description: 'Production options of a product type for an AOI, to build the order form from.',
  })
  productionOptions(
    @Ctx() { orderApi, caller }: GatewayContext,
    @Arg('productTypeId', () => String, { description: 'Product type, from `productTypes`.' })
    productTypeId: string,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Arg('aoi', () => GeoJSONPolygonScalar, {
      nullable: true,
      description:
        'Area of interest, AOI id 1 (options such as `dem_1` are per AOI). Required unless `aois` is given.',
    })
    aoi?: Polygon | null,
    @Arg('aois', () => [OptionsAoiInput], {
      nullable: true,
      description:
        'The AOIs of an order with several (`OrderInput.aois`), instead of `aoi`: per-AOI options come once per AOI, suffixed with its id (`dem_2`, `projection_2`).',
    })
    aois?: OptionsAoiInput[] | null,
  ): Promise<domain.ProductionOption[]> {
    return orderApi.productionOptions({
      contractId: contractInScope(caller, contractId),
      productTypeId: checkedText('productTypeId', productTypeId, INPUT_LIMITS.productTypeId),
      aois: optionsAoisOf(aoi, aois),
    });
  }
}
