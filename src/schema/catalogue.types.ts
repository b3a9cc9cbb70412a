import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import type * as domain from '../domain/catalogue.js';
import { DeliveryMethod } from '../domain/enums.js';

const OptionRequirement = {
  ALWAYS: 'ALWAYS',
  NEVER: 'NEVER',
  WHEN_CONDITION_HOLDS: 'WHEN_CONDITION_HOLDS',
} as const;
registerEnumType(OptionRequirement, {
  name: 'OptionRequirement',
  description:
    'Whether a production option must be given (upstream `mandatory`: "true", "false", "constraint").',
});

// An entity: CIS contract ids are unique across OneAtlas, so other subgraphs can reference one by id.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A OneAtlas contract the credential can use.' })
export class Contract implements domain.Contract {
  @Field(() => ID, { description: 'CIS contract id, e.g. CTR21000411.' })
  id!: string;

  @Field(() => String, { description: 'Contract name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Customer id.' })
  customerId!: string | null;

  @Field(() => String, { description: 'Currency.' })
  currency!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Remaining credit, verbatim from the upstream (a decimal string).',
  })
  creditRemaining!: string | null;

  @Field(() => String, { nullable: true, description: 'Contract type.' })
  contractType!: string | null;

  @Field(() => String, { description: '`legacy` (SPOT & Pléiades orders) or `neo` (Pléiades Neo).' })
  backendSource!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Workspace where delivered imagery lands, and the only one an order on this contract may name: a Neo contract's own (`delivery` in the contract list); for a SPOT/Pléiades contract, which carries none in the list, the one OneAtlas `/me` gives when it is the API key's own contract, else null (unknown).",
  })
  workspaceId!: string | null;
}

@ObjectType({ description: 'A secondary market of a market.' })
export class SecondaryMarket implements domain.SecondaryMarket {
  @Field(() => String, { description: 'Code to send as `OrderInput.secondaryMarket`.' })
  id!: string;

  @Field(() => String, { description: 'Label (the code when the upstream gives none).' })
  label!: string;
}

@ObjectType({ description: "A market of a contract: what the imagery is for (OneAtlas' `primaryMarket`)." })
export class Market implements domain.Market {
  @Field(() => String, {
    description: 'Code to send as `OrderInput.primaryMarket`, which every order needs, e.g. NQUAL.',
  })
  id!: string;

  @Field(() => String, { description: 'Label (the code when the upstream gives none).' })
  label!: string;

  @Field(() => [SecondaryMarket], { description: 'Its secondary markets, if any.' })
  secondaryMarkets!: SecondaryMarket[];
}

@ObjectType({ description: "One way a contract's imagery can be delivered." })
export class DeliveryType implements domain.DeliveryType {
  @Field(() => DeliveryMethod, { description: 'The delivery method.' })
  method!: DeliveryMethod;

  @Field(() => String, { description: 'The upstream `deliveryTypeId`, verbatim (`network`, `MEDIA`).' })
  id!: string;

  @Field(() => String, { description: 'Label (the id when the upstream gives none).' })
  label!: string;
}

@ObjectType({ description: 'A product that can be ordered on a contract.' })
export class ProductType implements domain.ProductType {
  @Field(() => ID, { description: 'productTypeId, e.g. PleiadesTaskingOneDay; use it in OrderInput.' })
  id!: string;

  @Field(() => String, { description: 'Label.' })
  label!: string;

  @Field(() => String, { description: 'tasking or archive.' })
  source!: string;

  @Field(() => String, { description: 'Sensor.' })
  sensor!: string;

  @Field(() => String, { description: 'Offer, e.g. oneday.' })
  target!: string;

  @Field(() => Float, { description: 'Minimum invoiced area, km².' })
  minimumOrderAreaKm2!: number;

  @Field(() => String, { nullable: true, description: 'Link to the product description.' })
  descriptionUrl!: string | null;
}

@ObjectType({ description: 'One allowed value of a list option.' })
export class ProductionOptionValue implements domain.ProductionOptionValue {
  @Field(() => String, { description: 'Value to send.' })
  id!: string;

  @Field(() => String, { description: 'Label.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When the value is allowed, in the upstream DSL `option:(v1|v2)`.',
  })
  condition!: string | null;
}

@ObjectType({ description: 'Numeric bounds of a double option.' })
export class OptionRange {
  @Field(() => Float, { description: 'Minimum.' })
  min!: number;

  @Field(() => Float, { description: 'Maximum.' })
  max!: number;
}

@ObjectType({ description: 'A production option of a product type, to build an order form from.' })
export class ProductionOption implements domain.ProductionOption {
  @Field(() => String, { description: 'Key to send in OrderInput.options; a `_1` suffix is the AOI id.' })
  name!: string;

  @Field(() => String, { description: 'Label.' })
  label!: string;

  @Field(() => String, { description: 'Category, e.g. production_option.' })
  category!: string;

  @Field(() => String, { description: 'list or double.' })
  type!: string;

  @Field(() => OptionRequirement, { description: 'Whether it must be given.' })
  mandatory!: domain.ProductionOption['mandatory'];

  @Field(() => String, {
    nullable: true,
    description: 'When it applies, in the upstream DSL `option:(v1|v2)`.',
  })
  condition!: string | null;

  @Field(() => String, { nullable: true, description: 'Default value.' })
  defaultValue!: string | null;

  @Field(() => [ProductionOptionValue], { description: 'Allowed values of a list option.' })
  values!: ProductionOptionValue[];

  @Field(() => OptionRange, { nullable: true, description: 'Bounds of a double option.' })
  range!: OptionRange | null;

  @Field(() => Boolean, { description: 'Hidden in Airbus UIs.' })
  hidden!: boolean;
}
