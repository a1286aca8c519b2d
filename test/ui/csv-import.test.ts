import { describe, expect, it } from 'vitest';
import { addNode, createDocument, parseDocument, serializeDocument, updateParams, type GraphDocument } from '../../src/document';
import { csvDataParams } from '../../src/kinds/csv-data';
import { createEditorStore } from '../../src/store/editor-store';
import { commitImport, unsavable } from '../../src/ui/inspector/CsvImport';
import type { Dataset } from '../../src/data';

/** A regression data set of n rows × d features; `value(i)` gives each stored number (short or long in a file). */
function table(n: number, d: number, value: (i: number) => number): Dataset {
  return {
    name: 'big.csv', task: 'regression', featureNames: Array.from({ length: d }, (_, j) => `f${j}`), targetName: 't', encoding: 'value',
    n, d, t: 1, x: Float64Array.from({ length: n * d }, (_, i) => value(i)), y: Float64Array.from({ length: n }, (_, i) => value(i)),
  };
}

const full = (value: (i: number) => number) => csvDataParams(table(250_000, 3, value)); // 750,000 + 250,000 = 1,000,000 values

describe('a CSV import keeps the document savable', () => {
  it('takes four full tables of short numbers, and refuses a fifth by the document’s 4,000,000 tensor values', () => {
    let doc: GraphDocument = createDocument();
    for (let k = 0; k < 4; k++) doc = addNode(doc, { id: `d${k}`, kind: 'csvData', position: { x: 0, y: 0 }, params: full(() => 0) });
    expect(unsavable(doc)).toBeNull();
    expect(parseDocument(serializeDocument(doc)).ok).toBe(true);
    const more = addNode(doc, { kind: 'csvData', position: { x: 0, y: 0 }, params: csvDataParams(table(10, 1, () => 0)) });
    expect(unsavable(more)).toMatch(/would hold 4,000,020 tensor values; a document may hold at most 4,000,000/);
    expect(parseDocument(serializeDocument(more)).ok).toBe(false);
  }, 60_000);

  it('refuses a table whose numbers would make the file longer than a document may be, changing nothing', () => {
    const long = (i: number) => i / 7; // 17 significant digits each: about 19 characters per value in the file
    const store = createEditorStore();
    expect(commitImport(store, (doc) => addNode(doc, { id: 'a', kind: 'csvData', position: { x: 0, y: 0 }, params: full(long) }))).toBeNull();
    const one = store.getState().doc;
    expect(parseDocument(serializeDocument(one)).ok).toBe(true);
    expect(commitImport(store, (doc) => addNode(doc, { id: 'b', kind: 'csvData', position: { x: 0, y: 0 }, params: full(long) })))
      .toMatch(/the document's file would be 3\d\.\d MB; a document file may be at most 32 MB/);
    expect(store.getState().doc).toBe(one);
    // Replacing the data of the node that holds it counts that node's values once, and is one undoable step.
    expect(commitImport(store, (doc) => updateParams(doc, 'a', full((i) => i)))).toBeNull();
    expect(store.getState().doc.nodes[0]!.params.y).toEqual(Array.from({ length: 250_000 }, (_, i) => i));
    store.getState().undo();
    expect(store.getState().doc).toBe(one);
  }, 60_000);
});
