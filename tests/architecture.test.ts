// Imports only point down the arrow: ui → photos → db → domain ← server; sync → db; sw → sync.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  db: ['db', 'domain'],
  sync: ['sync', 'db', 'domain'],
  photos: ['photos', 'db', 'domain'],
  sw: ['sw', 'sync', 'db', 'domain'],
  ui: ['ui', 'photos', 'sync', 'db', 'domain'],
  server: ['server', 'domain'],
};

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });

function layerOf(file: string): string | undefined {
  const rel = relative(root, file).split('/');
  if (rel[0] === 'server') return 'server';
  if (rel[0] === 'src' && rel.length > 2) return rel[1];
  return undefined;
}

describe('architecture', () => {
  const files = [...walk(join(root, 'src')), ...(statSafe(join(root, 'server')) ? walk(join(root, 'server')) : [])];

  it('has no import that points up the arrow', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from || !ALLOWED[from]) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const target = layerOf(resolve(dirname(file), m[1] ?? m[2]) + '/x');
        if (target && !ALLOWED[from].includes(target)) wrong.push(`${relative(root, file)} → ${m[1] ?? m[2]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps domain free of Dexie, fetch and the DOM', () => {
    for (const file of files.filter((f) => layerOf(f) === 'domain')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]dexie['"]|\bfetch\(|\bdocument\.|\bwindow\./);
    }
  });
});

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
