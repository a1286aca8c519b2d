/**
 * The bundled examples. Files in `assets/examples/` (the document layer's) come first; the editor's own stand-ins
 * in `src/store/doc-api/examples/` fill in while those are not there.
 */
const assets = import.meta.glob('../../assets/examples/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const local = import.meta.glob('../store/doc-api/examples/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Example { file: string; title: string; text: string }

function collect(files: Record<string, string>): Example[] {
  return Object.entries(files).map(([path, text]) => {
    const file = path.split('/').pop()!;
    let title = file;
    try {
      const t = (JSON.parse(text) as { title?: unknown }).title;
      if (typeof t === 'string' && t) title = t;
    } catch {
      // A broken example still shows up; opening it reports its problems.
    }
    return { file, title, text };
  }).sort((a, b) => a.file.localeCompare(b.file));
}

export const EXAMPLES: Example[] = (() => {
  const a = collect(assets);
  return a.length ? a : collect(local);
})();
