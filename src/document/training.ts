import type { TrainingSetup } from './schema';
import { registry } from '../kinds';
import type { GraphNode, Problem } from './types';

const isData = (n: GraphNode | undefined): boolean => n !== undefined && registry.get(n.kind)?.data !== undefined;

/**
 * Checks what the schema cannot: that the training set-up's feeds name two different Tensor nodes (or one Data set), and that frozen
 * parameters name existing nodes. Problems carry their JSON paths; returns whether all is well. (Whether the shapes
 * fit is a matter of the graph, which may be mid-edit: training reports it, as evaluation reports a shape error.)
 */
export function checkTraining(training: TrainingSetup, byId: ReadonlyMap<string, GraphNode>, problems: Problem[]): boolean {
  const before = problems.length;
  for (const name of ['x', 'y'] as const) {
    const id = training.feeds[name];
    const node = byId.get(id);
    const path = `$.training.feeds.${name}`;
    if (!node) problems.push({ path, message: `there is no node '${id}'` });
    else if (node.kind !== 'tensor' && !isData(node)) problems.push({ path, message: `node '${id}' is a ${node.kind}; data feeds a Tensor or a data node (a Data set)` });
  }
  const xNode = byId.get(training.feeds.x), yNode = byId.get(training.feeds.y);
  if ((isData(xNode) || isData(yNode)) && training.feeds.x !== training.feeds.y) {
    problems.push({ path: '$.training.feeds', message: `a data node feeds both x and y: both must name node '${isData(xNode) ? xNode!.id : yNode!.id}'` });
  } else if (training.feeds.x === training.feeds.y && !isData(xNode)) problems.push({ path: '$.training.feeds.y', message: `x and y are both fed into node '${training.feeds.x}'; they need a node each` });
  training.frozen.forEach((f, i) => {
    if (!byId.has(f.node)) problems.push({ path: `$.training.frozen[${i}].node`, message: `there is no node '${f.node}'` });
  });
  return problems.length === before;
}
