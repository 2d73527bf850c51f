// Imports only point down the arrow: ui → photos → db → domain ← server; sync → db; sw → sync.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyChunk } from '../vite.config';

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

  it('names Dexie tables only inside src/db (everything else calls its named queries and commands)', () => {
    const tables = [...readFileSync(join(root, 'src/db/database.ts'), 'utf8').matchAll(/^\s+(\w+)!: Table</gm)].map((m) => m[1]);
    expect(tables).toEqual(expect.arrayContaining(['reports', 'actions', 'photos', 'outbox', 'settings', 'journal']));
    const reach = new RegExp(`\\b(?:db|tx|database)\\.(?:${tables.join('|')})\\b|\\.table\\(`);
    const wrong = files
      .filter((f) => relative(root, f).startsWith('src/') && !relative(root, f).startsWith('src/db/'))
      .flatMap((f) => codeOf(readFileSync(f, 'utf8')).split('\n').flatMap((line, i) => (reach.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [])));
    expect(wrong).toEqual([]);
  });

  it('keeps user sentences out of sync, db, photos and domain (they store codes; texts live in src/ui/messages.ts)', () => {
    // Allowed, with the reason: zod validation messages the endpoint shares, and data files.
    const ALLOWED_TEXT: Record<string, string> = {
      'src/domain/action.ts': 'validation messages (shared with the endpoint)',
      'src/domain/report.ts': 'validation messages and field labels (shared with the endpoint)',
      'src/domain/photo.ts': 'validation messages and the "Foto 2.1" label',
      'src/domain/api.ts': 'validation messages (shared with the endpoint)',
      'src/domain/zod-pt.ts': 'the Portuguese zod fallback messages (shared with the endpoint)',
      'src/domain/vocabulary.ts': 'data: the pt-BR option lists',
      'src/domain/municipalities-data.ts': 'data: municipality names',
      'src/domain/period.ts': 'data: month names',
      'src/domain/deadline-settings.ts': 'validation messages (shared with the endpoint)',
      'src/domain/push.ts': 'validation messages (shared with the endpoint)',
      'src/domain/access.ts': 'validation messages (shared with the endpoint)',
      'src/domain/accounts-api.ts': 'validation messages (shared with the endpoint)',
      'src/domain/campaigns.ts': 'data: the campaign calendar (issue #15)',
      'src/domain/partner.ts': 'validation messages (shared with the endpoint)',
      'src/domain/partner-registry.ts': 'validation messages and the LGPD purpose of the partner sign-up (shared with the endpoint)',
      'src/domain/material-upload.ts': 'validation messages (shared with the endpoint)',
      'src/domain/highlight.ts': 'validation messages and the image-use consent sentence (shared with the endpoint)',
    };
    const offenders: string[] = [];
    const used = new Set<string>();
    for (const file of files.filter((f) => /^src\/(sync|db|photos|domain)\//.test(relative(root, f)))) {
      const rel = relative(root, file);
      const hits = portugueseLiterals(readFileSync(file, 'utf8'));
      if (hits.length && ALLOWED_TEXT[rel]) used.add(rel);
      else offenders.push(...hits.map((h) => `${rel}: ${h}`));
    }
    expect(offenders).toEqual([]);
    // the allowance does not outlive its reason
    expect([...used].sort()).toEqual(Object.keys(ALLOWED_TEXT).sort());
  });

  it('recognises a Portuguese sentence and ignores comments and identifiers', () => {
    expect(portugueseLiterals("const m = 'Sem conexão com a regional.'; // não")).toEqual(["'Sem conexão com a regional.'"]);
    expect(portugueseLiterals('throw new Error(`Tente de novo ${n}`);')).toEqual(['`Tente de novo ${n}`']);
    expect(portugueseLiterals("/* ação */ const code = 'offline'; // Sessão expirada")).toEqual([]);
  });

  it('puts the reviewer console, src/ui/review/, in its own lazy chunk and nothing else there', () => {
    const ui = files.filter((f) => relative(root, f).startsWith('src/ui/'));
    const review = ui.filter((f) => relative(root, f).startsWith('src/ui/review/'));
    expect(review.length).toBeGreaterThan(8);
    expect(review.filter((f) => lazyChunk(f) !== 'review').map((f) => relative(root, f))).toEqual([]);
    expect(ui.filter((f) => !review.includes(f) && lazyChunk(f) === 'review').map((f) => relative(root, f))).toEqual([]);
    expect(lazyChunk(join(root, 'src/ui/screens/ReportEditor.tsx'))).toBe('editor');
    expect(lazyChunk(join(root, 'src/ui/App.tsx'))).toBeNull(); // first-load module
  });

  it('puts the administrators\' screens, src/ui/admin/, in their own lazy chunk (#13)', () => {
    const admin = files.filter((f) => relative(root, f).startsWith('src/ui/admin/'));
    expect(admin.length).toBeGreaterThan(8);
    expect(admin.filter((f) => lazyChunk(f) !== 'admin').map((f) => relative(root, f))).toEqual([]);
    expect(lazyChunk(join(root, 'src/domain/accounts-api.ts'))).toBe('admin');
    expect(lazyChunk(join(root, 'src/ui/screens/RedeemAccess.tsx'))).toBe('editor');
  });

  it('keeps agent code from importing the reviewer console or the admin screens (only App.tsx loads the console, lazily)', () => {
    const wrong: string[] = [];
    const consoleCode = (rel: string) => rel.startsWith('src/ui/review') || rel.startsWith('src/ui/admin');
    for (const file of files.filter((f) => /^src\/ui\//.test(relative(root, f)) && !consoleCode(relative(root, f)))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(import\(\s*|from\s+)['"](\.[^'"]+)['"]/g)) {
        const target = relative(root, resolve(dirname(file), m[2]));
        if (!consoleCode(target)) continue;
        if (relative(root, file) === 'src/ui/App.tsx' && m[1].startsWith('import(')) continue;
        wrong.push(`${relative(root, file)} → ${m[2]}`);
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

/** Source without comments (string contents kept, so `'https://…'` survives). */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** String and template literals that read as Portuguese: an accented letter, or a common pt-BR word. */
function portugueseLiterals(text: string): string[] {
  const literals = codeOf(text).match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
  return literals.filter((l) => /[áàâãéêíóôõúüçÁÀÂÃÉÊÍÓÔÕÚÇ]|\b(?:[Tt]ente|[Ee]ntre|[Ee]nvie|[Ff]oto|[Rr]elat[oó]rio|[Aa]guarde|[Ll]ibere)\b/.test(l));
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
