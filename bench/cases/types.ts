/** One line of the benchmark table. `peer` and `ratio` are null where there is no peer. */
export interface BenchRow {
  case: string;
  metric: string;
  iamrisk: number;
  peer: number | null;
  /** peer / iamrisk: how many times faster (or smaller) iamrisk is. */
  ratio: number | null;
  unit: string;
  note?: string;
}

export interface BenchOptions {
  /** Smaller samples, and the 10k scan skipped, for a fast smoke run. */
  quick: boolean;
}

/** A benchmark case: one file under bench/cases/, registered in bench/run.ts. */
export interface BenchCase {
  name: string;
  description: string;
  /** Skipped by `--quick`. */
  isSlow?: boolean;
  run(opts: BenchOptions): Promise<BenchRow[]>;
}
