import type { DocumentProblem } from './document-files';

/**
 * INTERIM until the document layer's `parseDocument` lands on this branch: checks only that the text is JSON with an
 * object at the top. Replaced by an adapter over `src/document` (every schema problem with its JSON path).
 */
export function validateDocumentText(text: string): DocumentProblem[] {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path: '$', message: 'must be a JSON object' }];
    return [];
  } catch (error) {
    return [{ path: '$', message: `is not JSON (${(error as Error).message})` }];
  }
}
