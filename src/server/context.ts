import type { Store } from '../store/index.js';

/** What every route gets: the store and the clock (injectable so tests pin "now"). */
export interface RouteContext {
  store: Store;
  now(): Date;
}
