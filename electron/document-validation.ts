import { parseDocument } from '../src/document';
import type { DocumentProblem } from './document-files';

/**
 * The document layer's own validation, as main needs it: every problem with its JSON path, or none. Main runs it on
 * every file before the renderer sees it and on every text before it is written, so a file that does not validate
 * is never opened and content that does not validate is never saved. (Older versions that migrate are valid.)
 */
export function validateDocumentText(text: string): DocumentProblem[] {
  const result = parseDocument(text);
  return result.ok ? [] : result.problems.map((p) => ({ path: p.path, message: p.message }));
}
