import type { Detection } from '../model/finding.js';
import type { Store } from './store.js';

/**
 * The detections `--fail-on` should consider: those no active mute covers at `now`. Muted detections stay in
 * the report; they just do not fail the build.
 */
export async function unmutedDetections(
  store: Store,
  detections: readonly Detection[],
  now = new Date(),
): Promise<Detection[]> {
  const muted = await store.mutedDetectionIds(detections, now);
  return detections.filter((d) => !muted.has(d.id));
}
