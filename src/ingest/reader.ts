import type { InputError } from '../model/input.js';

/** What every reader's `transform` returns besides its records: the count for the summary and the errors. */
export interface TransformedBase {
  /** Records read (users + groups + roles + policies, rows, instances, …), for `inputs[].records`. */
  records: number;
  errors: InputError[];
}
