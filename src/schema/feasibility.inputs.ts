import { Field, Float, ID, InputType } from 'type-graphql';
import type { TaskingSearch } from '../domain/feasibility.js';
import type { Polygon } from '../domain/geo.js';
import { endedWindowProblem, InputProblems } from '../domain/input-problems.js';
import { collectProblems, refuseIfAny } from '../errors.js';
import { TimeWindowInput } from './common.types.js';
import { AcquisitionMode, Mission, ProgType } from './enums.js';
import { GeoJSONPolygonScalar } from './scalars/index.js';
import { contractIdOrDefault, inRange, nonEmptyList, orderedWindow } from './validation.js';

@InputType({ description: 'Optical acquisition constraints.' })
export class OpticalInput {
  @Field(() => AcquisitionMode, { defaultValue: AcquisitionMode.MONO, description: 'Acquisition mode.' })
  acquisitionMode!: AcquisitionMode;

  @Field(() => Float, { nullable: true, description: 'Maximum cloud cover, % (0–100).' })
  maxCloudCover?: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum incidence angle, degrees (0–90).' })
  maxIncidenceAngle?: number | null;
}

@InputType({ description: 'Where, when and how to acquire: the question asked of feasibility and attempts.' })
export class TaskingSearchInput {
  @Field(() => ID, { nullable: true, description: 'CIS contract id; defaults to the configured contract.' })
  contractId?: string | null;

  @Field(() => [Mission], { description: 'Constellations to consider.' })
  missions!: Mission[];

  @Field(() => [ProgType], { description: 'Offers to consider.' })
  progTypes!: ProgType[];

  @Field(() => GeoJSONPolygonScalar, { description: 'Area of interest.' })
  aoi!: Polygon;

  @Field(() => TimeWindowInput, {
    description:
      'Acquisition window. `feasibility` needs both ends; `attempts` searches passes within 7 days of `start` (and before `end`, when given).',
  })
  window!: TimeWindowInput;

  @Field(() => OpticalInput, { nullable: true, description: 'Optical constraints; MONO when omitted.' })
  optical?: OpticalInput | null;
}

/**
 * `now`: the clock a window's end is judged by. Attempts keep a start in the past (the guide: it
 * "will be replace[d] by the current date"), but a window that has ended holds no pass to find.
 */
export function toTaskingSearch(
  input: TaskingSearchInput,
  defaultContractId: string,
  now: number,
): TaskingSearch {
  const problems = new InputProblems();
  const search = taskingSearchOf(input, defaultContractId, now, problems);
  refuseIfAny(problems);
  return search;
}

/** Feasibility judges a whole acquisition period: unlike `attempts`, its window needs an end. */
export function toFeasibilitySearch(
  input: TaskingSearchInput,
  defaultContractId: string,
  now: number,
): TaskingSearch {
  const problems = new InputProblems();
  if (!input.window.end) {
    problems.add({
      field: 'input.window.end',
      message: 'is required for feasibility (the period to judge ends somewhere)',
    });
  }
  const search = taskingSearchOf(input, defaultContractId, now, problems);
  refuseIfAny(problems);
  return search;
}

/** The search, with every problem of its input recorded in `problems` (a field with one holds a stand-in). */
function taskingSearchOf(
  input: TaskingSearchInput,
  defaultContractId: string,
  now: number,
  problems: InputProblems,
): TaskingSearch {
  const take = <T>(check: () => T, standIn: T): T => {
    const value = collectProblems(problems, check);
    return value === undefined ? standIn : value;
  };
  const { start, end } = input.window;
  if (end) take(() => orderedWindow('input.window', start, end), undefined);
  const ended =
    end && !problems.has('input.window') ? endedWindowProblem('input.window', end, now) : undefined;
  if (ended !== undefined) problems.add(ended);
  return {
    contractId: take(
      () => contractIdOrDefault(input.contractId, defaultContractId, 'input.contractId'),
      defaultContractId,
    ),
    missions: take(() => nonEmptyList('input.missions', input.missions), []),
    progTypes: take(() => nonEmptyList('input.progTypes', input.progTypes), []),
    aoi: input.aoi,
    window: { start, end: end ?? null },
    optical: {
      acquisitionMode: input.optical?.acquisitionMode ?? AcquisitionMode.MONO,
      maxCloudCover: take(
        () => inRange('input.optical.maxCloudCover', input.optical?.maxCloudCover, 0, 100),
        null,
      ),
      maxIncidenceAngle: take(
        () => inRange('input.optical.maxIncidenceAngle', input.optical?.maxIncidenceAngle, 0, 90),
        null,
      ),
    },
  };
}
