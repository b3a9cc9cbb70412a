/**
 * The production options of an order checked against the rules the upstream publishes for its product
 * type (`/options`, API notes §2.1 and §5), so that a wrong option is refused with its name and rule
 * rather than with the upstream's bare INVALID_OPTION. Pure: the caller reads the rules.
 *
 * Only what the rules certainly forbid is refused; the upstream stays the authority on the rest. So a
 * condition that does not parse, or that reads an option the order does not set, counts as unknown: it
 * neither makes an option required nor forbids a value. (Assuming the upstream's defaults there could
 * refuse an order the upstream would take.)
 */
import type { ProductionOption } from './catalogue.js';
import type { KeyValue } from './order.js';

/** What the options are for: the product type (for messages) and the AOI ids per-AOI options end with. */
export interface OptionsSubject {
  productTypeId: string;
  /** `dem_1`, `projection_2`: the suffix is an AOI id of the order (notes §2.1). */
  aoiIds: readonly number[];
}

/** Why an option is refused, for a form to react to without parsing the message. */
export const OptionProblemReason = {
  /** The product has no option of that name. */
  UNKNOWN_OPTION: 'UNKNOWN_OPTION',
  /** The option is given twice (maybe once with and once without its AOI suffix). */
  GIVEN_TWICE: 'GIVEN_TWICE',
  /** The value is not one of the option's values. */
  NOT_ALLOWED: 'NOT_ALLOWED',
  /** A numeric option with a value that is not a number. */
  NOT_A_NUMBER: 'NOT_A_NUMBER',
  /** A numeric option outside its range. */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** A mandatory option, or one mandatory under a condition that holds, is missing. */
  REQUIRED: 'REQUIRED',
  /** The value is allowed only under a condition on another option, which does not hold. */
  CONDITION_NOT_MET: 'CONDITION_NOT_MET',
} as const;
export type OptionProblemReason = (typeof OptionProblemReason)[keyof typeof OptionProblemReason];

/**
 * One thing wrong with an order's production options, with what a form needs to fix it: the option's
 * name, its allowed values or range, and the upstream's published default.
 */
export interface OptionProblem {
  /** The option's name as the product publishes it (`dem_1`); the name as written when it has none. */
  option: string;
  reason: OptionProblemReason;
  /** A sentence for people, naming the option as the client wrote it. */
  message: string;
  /** The values of a list option; empty for a numeric option or an unknown name. */
  allowedValues: string[];
  range: { min: number; max: number } | null;
  defaultValue: string | null;
}

/** A condition of the mini-DSL `optionName:(v1|v2)`: it holds when that option is set to one of the values. */
export interface OptionCondition {
  option: string;
  values: string[];
}

const CONDITION = /^\s*([\w.-]+)\s*:\s*\(([^()]*)\)\s*$/;

/** Parses `optionName:(v1|v2)`; null for anything else (which the checks then leave to the upstream). */
export function parseCondition(text: string): OptionCondition | null {
  const match = CONDITION.exec(text);
  if (match === null) return null;
  const [, option = '', alternatives = ''] = match;
  const values = alternatives
    .split('|')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return values.length === 0 ? null : { option, values };
}

/** Written back from its parts, so a message never carries upstream text verbatim. */
function describe(condition: OptionCondition): string {
  return `${condition.option}:(${condition.values.join('|')})`;
}

interface Chosen {
  /** As the client wrote it (`dem` or `dem_1`), for messages. */
  key: string;
  value: string;
}

/**
 * Every rule the chosen options break, all at once so that a form can mark each wrong field in one
 * round trip; empty when they keep every rule. Names and values are checked first, in the client's
 * order; then, in the upstream's order of its options, what depends on other options: mandatory
 * options, options mandatory under a condition, and values allowed only under a condition. An option
 * whose name or value is wrong does not take part in conditions. A per-AOI option may be sent without
 * its suffix (`dem` for `dem_1`), as the guide's samples do: it then stands for every AOI's.
 */
export function findOptionProblems(
  rules: readonly ProductionOption[],
  options: readonly KeyValue[],
  subject: OptionsSubject,
): OptionProblem[] {
  const byName = new Map(rules.map((rule) => [rule.name, rule]));
  /** The rule a key names; an unsuffixed per-AOI key (`dem`) names that option of every AOI. */
  const rulesFor = (key: string): ProductionOption[] => {
    const exact = byName.get(key);
    if (exact !== undefined) return [exact];
    return subject.aoiIds.flatMap((id) => byName.get(`${key}_${id}`) ?? []);
  };
  const ruleFor = (key: string) => rulesFor(key)[0];
  const problems: OptionProblem[] = [];

  const chosen = new Map<string, Chosen>();
  const written = new Set<string>();
  const choose = (rule: ProductionOption, key: string, value: string): void => {
    const earlier = chosen.get(rule.name);
    if (earlier !== undefined || written.has(rule.name)) {
      const message =
        earlier === undefined || earlier.key === key
          ? `"${key}" is given twice`
          : `"${earlier.key}" and "${key}" are the same option; give it once`;
      problems.push(problemOf(rule, OptionProblemReason.GIVEN_TWICE, message));
      chosen.delete(rule.name);
      return;
    }
    written.add(rule.name);
    const problem = valueProblem(rule, value);
    if (problem !== null) {
      problems.push(problemOf(rule, problem.reason, `"${key}" ${problem.text}`));
      return;
    }
    chosen.set(rule.name, { key, value });
  };
  for (const { key, value } of options) {
    const named = rulesFor(key);
    if (named.length === 0) problems.push(unknownOption(key, rules, subject, ruleFor));
    for (const rule of named) choose(rule, key, value);
  }

  /** true or false when the condition can be judged; null when it reads an option that is not set. */
  const holds = (condition: OptionCondition): boolean | null => {
    const rule = ruleFor(condition.option);
    const given = rule === undefined ? undefined : chosen.get(rule.name);
    return given === undefined ? null : condition.values.includes(given.value);
  };
  const conditionOf = (text: string | null) => (text === null ? null : parseCondition(text));

  for (const rule of rules) {
    const given = chosen.get(rule.name);
    if (given === undefined) {
      // Given but wrong: already named above.
      if (written.has(rule.name)) continue;
      const condition = conditionOf(rule.condition);
      if (rule.mandatory === 'ALWAYS') {
        problems.push(
          problemOf(
            rule,
            OptionProblemReason.REQUIRED,
            `"${rule.name}" is required for ${subject.productTypeId}`,
          ),
        );
      } else if (
        rule.mandatory === 'WHEN_CONDITION_HOLDS' &&
        condition !== null &&
        holds(condition) === true
      ) {
        problems.push(
          problemOf(
            rule,
            OptionProblemReason.REQUIRED,
            `"${rule.name}" is required for ${subject.productTypeId} when ${describe(condition)}`,
          ),
        );
      }
      continue;
    }
    const allowed = rule.values.find((candidate) => candidate.id === given.value);
    const condition = conditionOf(allowed?.condition ?? null);
    if (condition !== null && holds(condition) === false) {
      problems.push(
        problemOf(
          rule,
          OptionProblemReason.CONDITION_NOT_MET,
          `"${given.key}"="${given.value}" requires ${describe(condition)}`,
        ),
      );
    }
  }
  return problems;
}

function problemOf(rule: ProductionOption, reason: OptionProblemReason, message: string): OptionProblem {
  return {
    option: rule.name,
    reason,
    message,
    allowedValues: rule.values.map((value) => value.id),
    range: rule.range,
    defaultValue: rule.defaultValue,
  };
}

/** Why `value` is not a value of `rule`, or null when it is. */
function valueProblem(
  rule: ProductionOption,
  value: string,
): { reason: OptionProblemReason; text: string } | null {
  if (rule.values.length > 0 && !rule.values.some((candidate) => candidate.id === value)) {
    return {
      reason: OptionProblemReason.NOT_ALLOWED,
      text: `must be one of ${rule.values.map((candidate) => candidate.id).join(', ')}`,
    };
  }
  if (rule.type === 'double' || rule.range !== null) {
    const number = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(number))
      return { reason: OptionProblemReason.NOT_A_NUMBER, text: 'must be a number' };
    if (rule.range !== null && (number < rule.range.min || number > rule.range.max)) {
      return {
        reason: OptionProblemReason.OUT_OF_RANGE,
        text: `must be between ${rule.range.min} and ${rule.range.max}`,
      };
    }
  }
  return null;
}

/** A name the product does not have; a per-AOI option with another AOI's suffix gets its right name. */
function unknownOption(
  key: string,
  rules: readonly ProductionOption[],
  subject: OptionsSubject,
  ruleFor: (key: string) => ProductionOption | undefined,
): OptionProblem {
  const unknown = (message: string): OptionProblem => ({
    option: key,
    reason: OptionProblemReason.UNKNOWN_OPTION,
    message,
    allowedValues: [],
    range: null,
    defaultValue: null,
  });
  const base = /^(.+)_\d+$/.exec(key)?.[1];
  const perAoi = base === undefined ? undefined : ruleFor(base);
  if (perAoi !== undefined && perAoi.name !== base) {
    return unknown(
      `"${key}" is not an option of ${subject.productTypeId}: per-AOI options end with the AOI id, here "${perAoi.name}"`,
    );
  }
  const names = rules.map((rule) => rule.name).join(', ');
  return unknown(
    `"${key}" is not an option of ${subject.productTypeId}${names === '' ? '' : ` (its options: ${names})`}`,
  );
}
