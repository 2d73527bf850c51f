// The committed map (npm run gen:map): every municipality drawn, neighbours share their borders
// exactly after simplification (no gaps, no overlaps), small enough to send to a phone.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allMunicipalities, REGIONALS } from '../../../src/domain/municipality.ts';
import { loadMap, MAP_FILE, pathRings } from '../../../server/public-site/map/map-artefact.ts';

const rings = pathRings;
const area = (r: [number, number][]) => r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0) / 2;
/** Undirected edge key; `closed` adds the closing edge back to the first point. */
function edges(r: [number, number][], closed: boolean): string[] {
  const out: string[] = [];
  const n = closed ? r.length : r.length - 1;
  for (let i = 0; i < n; i++) {
    const a = `${r[i][0]},${r[i][1]}`;
    const b = `${r[(i + 1) % r.length][0]},${r[(i + 1) % r.length][1]}`;
    out.push(a < b ? `${a} ${b}` : `${b} ${a}`);
  }
  return out;
}
/** Open polylines of `M x y l dx dy l dx dy…` (the border meshes). */
function lines(d: string): [number, number][][] {
  return d.split('M').filter(Boolean).map((part) => {
    const [start, ...moves] = part.split('l');
    const pts: [number, number][] = [start.split(' ').map(Number) as [number, number]];
    for (const mv of moves) {
      const [dx, dy] = mv.split(' ').map(Number);
      const [x, y] = pts[pts.length - 1];
      pts.push([x + dx, y + dy]);
    }
    return pts;
  });
}

describe('map artefact', () => {
  const map = loadMap();

  it('draws every one of the 853 IBGE codes, each with a real area', () => {
    const codes = allMunicipalities().map((m) => m.code).sort();
    expect(codes).toHaveLength(853);
    expect(Object.keys(map.municipalities).sort()).toEqual(codes);
    for (const code of codes) {
      const total = rings(map.municipalities[code]).reduce((s, r) => s + Math.abs(area(r)), 0);
      expect(total, code).toBeGreaterThan(0);
    }
  });

  it('leaves no gap between neighbours: each border edge belongs to two municipalities or to the state border', () => {
    const uses = new Map<string, number>();
    for (const d of Object.values(map.municipalities)) {
      for (const r of rings(d)) for (const e of edges(r, true)) uses.set(e, (uses.get(e) ?? 0) + 1);
    }
    const border = new Set(lines(map.border).flatMap((l) => edges(l, false)));
    expect(border.size).toBeGreaterThan(100);
    const wrong = [...uses].filter(([e, n]) => !(n === 2 && !border.has(e)) && !(n === 1 && border.has(e)));
    expect(wrong).toEqual([]);
    // …and the state border is exactly the set of edges used once.
    expect([...border].filter((e) => uses.get(e) !== 1)).toEqual([]);
    const shared = [...uses.values()].filter((n) => n === 2).length;
    expect(shared).toBeGreaterThan(border.size);
  });

  it('outlines the 28 regional units, and their borders run along municipal borders', () => {
    expect(Object.keys(map.regionals).sort()).toEqual([...REGIONALS].sort());
    const municipal = new Set(Object.values(map.municipalities).flatMap((d) => rings(d).flatMap((r) => edges(r, true))));
    for (const [name, d] of Object.entries(map.regionals)) {
      const rs = rings(d);
      expect(rs.length, name).toBeGreaterThan(0);
      for (const r of rs) expect(edges(r, true).filter((e) => !municipal.has(e)), name).toEqual([]);
    }
    expect(lines(map.regionalBorders).flatMap((l) => edges(l, false)).filter((e) => !municipal.has(e))).toEqual([]);
  });

  it('is at most 80 KB gzip', () => {
    const size = gzipSync(readFileSync(MAP_FILE), { level: 9 }).length;
    console.log(`map artefact: ${(size / 1024).toFixed(1)} KB gzip`);
    expect(size).toBeLessThanOrEqual(80 * 1024);
  });
});
