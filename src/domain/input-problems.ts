/**
 * What is wrong with a client's input, found before anything is sent upstream. Every check before the
 * upstream records its findings in one `InputProblems`, so that the client learns them all in one
 * answer (`extensions.problems` of one BAD_USER_INPUT) rather than one per round trip.
 */

/** One thing wrong with the input, with what a form needs to fix it. */
export interface InputProblem {
  /** The input's path, as the client wrote it: `input.window`, `input.options`, `input.items[1].aoiId`. */
  field: string;
  /** A sentence for people; the error's message carries it too. */
  message: string;
  /** The values the field may take, when they are a known list (an option's values, a contract's markets). */
  allowedValues?: string[];
  /** The value the upstream takes when the field is left out, when it publishes one. */
  defaultValue?: string | null;
  /** A production option's problem: the option's name as the product publishes it (`dem_1`). */
  option?: string;
  /** A production option's problem: why, as a code (`REQUIRED`, `NOT_ALLOWED`…, see OptionProblemReason). */
  reason?: string;
  /** A numeric production option's range. */
  range?: { min: number; max: number } | null;
}

/** The problems found so far in one input, in the order they were found. */
export class InputProblems {
  private readonly found: InputProblem[] = [];

  add(problem: InputProblem): void {
    this.found.push(problem);
  }

  get list(): readonly InputProblem[] {
    return this.found;
  }

  get isEmpty(): boolean {
    return this.found.length === 0;
  }

  /**
   * Whether `field` or anything inside it has a problem (`input.options` covers `input.options[2].key`):
   * a later check that reads a broken field stays quiet rather than add a confusing second problem.
   */
  has(field: string): boolean {
    return this.found.some(
      (problem) =>
        problem.field === field ||
        problem.field.startsWith(`${field}.`) ||
        problem.field.startsWith(`${field}[`),
    );
  }
}

/**
 * An acquisition window must still be open: nothing can be acquired in one that has ended (notes §2.4:
 * "Tasking dates are always in the future"), yet the upstream prices, orders and judges such a window.
 * `now` is the clock the gateway judges by (the upstream's, where the gateway follows one).
 */
export function endedWindowProblem(field: string, end: Date, now: number): InputProblem | undefined {
  if (end.getTime() > now) return undefined;
  return {
    field: `${field}.end`,
    message: `has passed (${end.toISOString()}): an acquisition window must end in the future`,
  };
}
