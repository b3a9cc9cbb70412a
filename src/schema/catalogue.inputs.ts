import { Field, InputType, Int } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import { InputProblems } from '../domain/input-problems.js';
import { MAX_AOIS, SINGLE_AOI_ID } from '../domain/order.js';
import { refuseIfAny } from '../errors.js';
import { GeoJSONPolygonScalar } from './scalars/index.js';
import { AOI_IDS, checkedAoiList } from './validation.js';

@InputType({
  description: `An AOI of an order with several (\`OrderInput.aois\`), for its production options: per-AOI options come suffixed with its id.`,
})
export class OptionsAoiInput {
  @Field(() => Int, {
    description: `The AOI's id, as in \`OrderAoiInput.id\` (${AOI_IDS.min}–${AOI_IDS.max}).`,
  })
  id!: number;

  @Field(() => GeoJSONPolygonScalar, { description: 'The area.' })
  geometry!: Polygon;
}

/** The AOIs to read production options for: the one `aoi` (id 1), or the order's several `aois`. */
export function optionsAoisOf(
  aoi: Polygon | null | undefined,
  aois: readonly OptionsAoiInput[] | null | undefined,
): { id: number; geometry: Polygon }[] {
  const problems = new InputProblems();
  if ((aoi == null) === (aois == null)) {
    problems.add({ field: 'aoi', message: `give either aoi or aois (at most ${MAX_AOIS})` });
  } else if (aois != null) {
    checkedAoiList('aois', aois, problems);
  }
  refuseIfAny(problems);
  return (
    aois?.map(({ id, geometry }) => ({ id, geometry })) ?? (aoi ? [{ id: SINGLE_AOI_ID, geometry: aoi }] : [])
  );
}
