import { promises as fsp } from 'node:fs';
import type { HostFile } from '../src/platform/host';
import { writeFileAtomic } from './atomic-write';
import { displayName } from './argv';
import { MAX_DOCUMENT_BYTES } from './ipc-schemas';

/** One thing wrong with a document, where (a JSON path such as `$.graph.nodes[2].kind`) and what. */
export interface DocumentProblem {
  path: string;
  message: string;
}

/** Checks a document's text; an empty list means it is valid. Main passes the document layer's own parser. */
export type ValidateDocument = (text: string) => readonly DocumentProblem[];

export type ReadOutcome = { ok: true; file: HostFile } | { ok: false; problems: DocumentProblem[] };
export type WriteOutcome = { ok: true } | { ok: false; problems: DocumentProblem[] };

/** `$.graph.nodes[2].kind: unknown kind "foo"` — one line per problem, for dialogs and logs. */
export function formatProblems(problems: readonly DocumentProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

/**
 * Reads a document the user chose and validates it. Every problem is returned (not only the first), so the user can
 * fix the file in one go; a file that is not valid is never handed to the renderer.
 */
export async function readDocumentFile(file: string, validate: ValidateDocument): Promise<ReadOutcome> {
  let text: string;
  try {
    const stat = await fsp.stat(file);
    if (!stat.isFile()) return { ok: false, problems: [{ path: '$', message: 'is not a file' }] };
    if (stat.size > MAX_DOCUMENT_BYTES) {
      return { ok: false, problems: [{ path: '$', message: `is ${stat.size} bytes; the limit is ${MAX_DOCUMENT_BYTES}` }] };
    }
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }] };
  }
  // Editors on Windows sometimes add a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const problems = [...validate(text)];
  if (problems.length) return { ok: false, problems };
  return { ok: true, file: { name: displayName(file), path: file, text } };
}

/** Validates `text` and, only if it is valid, writes it atomically. Invalid content never reaches the disk. */
export async function writeDocumentFile(file: string, text: string, validate: ValidateDocument): Promise<WriteOutcome> {
  const problems = [...validate(text)];
  if (problems.length) return { ok: false, problems };
  await writeFileAtomic(file, text);
  return { ok: true };
}

/** Decodes a `data:image/png;base64,…` URL and checks the PNG signature; null if it is not a PNG. */
export function decodePngDataUrl(dataUrl: string): Uint8Array | null {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) return null;
  const bytes = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < signature.length || signature.some((b, i) => bytes[i] !== b)) return null;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
