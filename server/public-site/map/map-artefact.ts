// The committed map of Minas Gerais (npm run gen:map writes mg-map.json): SVG path data in a plane
// MAP_WIDTH units wide, read once per process.
import { readFileSync } from 'node:fs';

export const MAP_WIDTH = 2000;

export interface MapArtefact {
  source: string;
  width: number;
  height: number;
  /** IBGE code → path data of the municipality (fill-rule evenodd: holes are enclaves) */
  municipalities: Record<string, string>;
  /** regional unit → path data of its merged outline */
  regionals: Record<string, string>;
  /** lines between two regional units, each once */
  regionalBorders: string;
  /** the state's border */
  border: string;
}

export const MAP_FILE = new URL('./mg-map.json', import.meta.url);

let cached: MapArtefact | undefined;

export function loadMap(): MapArtefact {
  cached ??= JSON.parse(readFileSync(MAP_FILE, 'utf8')) as MapArtefact;
  return cached;
}

/** Absolute rings of path data written as `M x y l dx dy … z` (the generator's form). */
export function pathRings(d: string): [number, number][][] {
  return d.split('z').filter(Boolean).map((part) => {
    const m = /^M(-?\d+) (-?\d+)l(.*)$/.exec(part);
    if (!m) throw new Error(`unexpected path data: ${part.slice(0, 40)}`);
    const nums = m[3].match(/-?\d+/g)?.map(Number) ?? [];
    const pts: [number, number][] = [[Number(m[1]), Number(m[2])]];
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const [x, y] = pts[pts.length - 1];
      pts.push([x + nums[i], y + nums[i + 1]]);
    }
    return pts;
  });
}

/** [minX, minY, width, height] of path data. */
export function pathBox(d: string): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of pathRings(d)) for (const [x, y] of ring) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return [x0, y0, x1 - x0, y1 - y0];
}
