import { addNode, connect, createDocument, serializeDocument, setObjective, type GraphDocument } from '../../src/document';

/**
 * A graph of `n` nodes for timing: a Tensor source and a chain of Add nodes, each adding the source to the previous
 * result (so node k holds k·x and every value changes when x does), ending in a Sum that is the objective. Editing
 * the source recomputes every node: the worst case for an edit.
 */
export function chainGraph(n: number, size = 16, perRow = 20): string {
  let doc: GraphDocument = createDocument({ title: `${n}-node chain` });
  const pos = (i: number) => ({ x: (i % perRow) * 260, y: Math.floor(i / perRow) * 190 });
  doc = addNode(doc, { kind: 'tensor', id: 'src', position: pos(0), params: { values: Array.from({ length: size }, (_, i) => (i - size / 2) / 4), shape: [size] } });
  let prev = 'src';
  for (let i = 1; i < n - 1; i++) {
    const id = `n${i}`;
    doc = addNode(doc, { kind: 'add', id, position: pos(i) });
    doc = connect(doc, { node: prev, port: 'out' }, { node: id, port: 'a' });
    doc = connect(doc, { node: 'src', port: 'out' }, { node: id, port: 'b' });
    prev = id;
  }
  doc = addNode(doc, { kind: 'sum', id: 'total', position: pos(n - 1) });
  doc = connect(doc, { node: prev, port: 'out' }, { node: 'total', port: 'x' });
  doc = setObjective(doc, { node: 'total', port: 'out' });
  return serializeDocument(doc);
}
