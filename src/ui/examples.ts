/** The bundled examples: every file in `assets/examples/`, bundled as text and read like any opened file. */
const assets = import.meta.glob('../../assets/examples/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface Example { file: string; title: string; text: string }

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

export const EXAMPLES: Example[] = collect(assets);
