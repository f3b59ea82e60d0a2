import type { CodeBuildClient, Project } from '@aws-sdk/client-codebuild';
import { BatchGetProjectsCommand, paginateListProjects } from '@aws-sdk/client-codebuild';
import { toCliJson } from './aws-json.js';

/** `BatchGetProjects` takes at most 100 names per call. */
export const BATCH_GET_PROJECTS_MAX = 100;

/** Get: every project name (`ListProjects`, every page), then the projects, 100 names per `BatchGetProjects`. */
export async function getProjects(codebuild: CodeBuildClient): Promise<Project[]> {
  const names: string[] = [];
  for await (const page of paginateListProjects({ client: codebuild }, {}))
    names.push(...(page.projects ?? []));
  const projects: Project[] = [];
  for (let i = 0; i < names.length; i += BATCH_GET_PROJECTS_MAX) {
    const batch = names.slice(i, i + BATCH_GET_PROJECTS_MAX);
    const out = await codebuild.send(new BatchGetProjectsCommand({ names: batch }));
    projects.push(...(out.projects ?? []));
  }
  return projects;
}

/** Transform: the `aws codebuild batch-get-projects` document. */
export function transformProjects(projects: readonly Project[]): { projects: unknown[] } {
  return { projects: projects.map(toCliJson) };
}
