export { analyzeEscalation } from './analyze.js';
export type { EscalationAnalysis } from './analyze.js';
export { techniqueCatalog, techniqueInfo } from './catalog.js';
export { PrivescEnv } from './env.js';
export type { Grant } from './env.js';
export { buildGraph } from './graph.js';
export { groupEscalations } from './groups.js';
export type { GroupEscalation } from './groups.js';
export type { GraphNode, PrivescGraph } from './graph.js';
export { isConditionalPath, pathsToAdmin, shortestPaths, toPathSteps } from './paths.js';
export { whoCan } from './who-can.js';
export type { WhoCanEntry } from './who-can.js';
export type {
  ComputeNode,
  Edge,
  Technique,
  TechniqueCategory,
  TechniqueFamily,
  TechniqueInfo,
} from './types.js';
