import type { DescribeNotebookInstanceCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DescribeNotebookInstanceCommand, paginateListNotebookInstances } from '@aws-sdk/client-sagemaker';
import { toCliJson } from './aws-json.js';

/**
 * Get: every notebook instance (`ListNotebookInstances`, every page), each described
 * (`DescribeNotebookInstance`: the list omits the role).
 */
export async function getNotebookInstances(
  sagemaker: SageMakerClient,
  pageSize?: number,
): Promise<DescribeNotebookInstanceCommandOutput[]> {
  const names: string[] = [];
  for await (const page of paginateListNotebookInstances({ client: sagemaker, pageSize }, {})) {
    for (const n of page.NotebookInstances ?? [])
      if (n.NotebookInstanceName) names.push(n.NotebookInstanceName);
  }
  const out: DescribeNotebookInstanceCommandOutput[] = [];
  for (const name of names) {
    out.push(await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })));
  }
  return out;
}

/** Transform: a JSON list of `aws sagemaker describe-notebook-instance` outputs. */
export function transformNotebookInstances(
  described: readonly DescribeNotebookInstanceCommandOutput[],
): unknown[] {
  return described.map(toCliJson);
}
