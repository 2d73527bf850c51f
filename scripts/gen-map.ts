// Regenerates server/public-site/map/mg-map.json from ../shared/data/geo/municipios-mg.geojson:
// the 853 municipal boundaries projected to a plane, simplified as one topology (each border between
// two neighbours is one arc, simplified once, so neighbours keep sharing it: no gaps, no slivers),
// rounded to whole map units and written as SVG path data, plus the 28 regional units' outlines
// (merged from their municipalities per src/domain/municipality.ts) and the state's border.
// Usage: npm run gen:map [-- path/to/municipios-mg.geojson]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, merge, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { allMunicipalities, findMunicipality, REGIONALS } from '../src/domain/municipality.ts';
import { MAP_WIDTH, type MapArtefact } from '../server/public-site/map/map-artefact.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.argv[2] ?? resolve(root, '../shared/data/geo/municipios-mg.geojson'));
const out = resolve(root, 'server/public-site/map/mg-map.json');
/** Smallest triangle (Visvalingam weight, in square map units) a point must make to be kept. */
const MIN_AREA = Number(process.env.MAP_MIN_AREA ?? 20);

const geo = JSON.parse(readFileSync(source, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
const codes = new Set(allMunicipalities().map((m) => m.code));
const seen = new Set(geo.features.map((f) => String(f.properties.id)));
if (geo.features.length !== 853 || seen.size !== 853 || [...codes].some((c) => !seen.has(c))) {
  throw new Error(`${source}: expected the 853 IBGE codes of src/domain, got ${seen.size}`);
}

// Equirectangular projection at the state's mean latitude: true enough for a thematic map.
let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
const eachPoint = (fn: (p: number[]) => void) => {
  for (const f of geo.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const p of ring) fn(p);
  }
};
eachPoint(([lon, lat]) => {
  minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
});
const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
const scale = MAP_WIDTH / ((maxLon - minLon) * kx);
const height = Math.ceil((maxLat - minLat) * scale);
eachPoint((p) => {
  const [lon, lat] = p;
  p[0] = (lon - minLon) * kx * scale;
  p[1] = (maxLat - lat) * scale;
});

for (const f of geo.features) (f as { id?: string }).id = String(f.properties.id);
const topo = topology({ m: geo }) as unknown as Topology<{ m: GeometryCollection<{ id: string }> }>;
const pre = presimplify(topo as never);
// A ring must keep at least three corners: where the threshold would leave fewer (tiny
// municipalities such as Santa Cruz de Minas), keep the strongest interior point of each of its arcs.
const weighted = pre.arcs as unknown as number[][][];
const kept = (arc: number[][]) => arc.slice(1, -1).filter((p) => p[2] >= MIN_AREA).length;
for (const g of (pre.objects.m as unknown as GeometryCollection).geometries) {
  const rings = g.type === 'Polygon' ? g.arcs : g.type === 'MultiPolygon' ? g.arcs.flat() : [];
  for (const ring of rings as number[][]) {
    const arcs = ring.map((i) => weighted[i < 0 ? ~i : i]);
    if (arcs.reduce((n, a) => n + 1 + kept(a), 0) >= 4) continue;
    for (const arc of arcs) {
      const inner = arc.slice(1, -1);
      if (inner.length) inner.reduce((a, b) => (b[2] > a[2] ? b : a))[2] = Infinity;
    }
  }
}
const simple = simplify(pre, MIN_AREA) as unknown as typeof topo;

// Round every arc to whole units and drop repeated points; an arc is shared, so both neighbours
// get the very same rounded points.
simple.arcs = simple.arcs.map((arc) => {
  const pts: [number, number][] = [];
  for (const [x, y] of arc) {
    const p: [number, number] = [Math.round(x), Math.round(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  return pts.length > 1 ? pts : [pts[0], pts[0]];
});

/** SVG path data, relative moves after the first point of each ring. */
function pathOf(rings: number[][][]): string {
  let d = '';
  for (const ring of rings) {
    const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
    if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
    if (pts.length < 3) continue;
    d += `M${pts[0][0]} ${pts[0][1]}l`;
    for (let i = 1; i < pts.length; i++) {
      const dx = pts[i][0] - pts[i - 1][0];
      const dy = pts[i][1] - pts[i - 1][1];
      d += `${i > 1 && dx >= 0 ? ' ' : ''}${dx}${dy >= 0 ? ' ' : ''}${dy}`;
    }
    d += 'z';
  }
  return d;
}
const ringsOf = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

const collection = simple.objects.m;
const municipalities: Record<string, string> = {};
const features = feature(simple, collection);
for (const f of features.features) {
  const d = pathOf(ringsOf(f.geometry as Polygon | MultiPolygon));
  if (!d) throw new Error(`municipality ${f.id} vanished in the simplification: keep more points`);
  municipalities[String(f.id)] = d;
}

const regionals: Record<string, string> = {};
for (const name of REGIONALS) {
  const members = collection.geometries.filter((g) => findMunicipality(String(g.id))?.regional === name);
  regionals[name] = pathOf(ringsOf(merge(simple, members as never)));
}

/** Path data of a mesh's lines, without the arcs the rounding shrank to a point. */
const lines = (m: { coordinates: number[][][] }) =>
  m.coordinates
    .map((l) => l.filter((p, i) => i === 0 || p[0] !== l[i - 1][0] || p[1] !== l[i - 1][1]))
    .filter((l) => l.length > 1)
    .map((l) => `M${l[0][0]} ${l[0][1]}` + l.slice(1).map((p, i) => `l${p[0] - l[i][0]} ${p[1] - l[i][1]}`).join(''))
    .join('');
const artefact: MapArtefact = {
  source: 'IBGE via tbrugz/geodata-br (CC0), simplified by scripts/gen-map.ts',
  width: MAP_WIDTH,
  height,
  municipalities,
  regionals,
  /** borders between two regional units (each once), for outlining every unit at one go */
  regionalBorders: lines(mesh(simple, collection as never, (a, b) => a !== b && findMunicipality(String(a.id))?.regional !== findMunicipality(String(b.id))?.regional)),
  border: lines(mesh(simple, collection as never, (a, b) => a === b)),
};

mkdirSync(dirname(out), { recursive: true });
const json = JSON.stringify(artefact);
writeFileSync(out, json + '\n');
const points = simple.arcs.reduce((n, a) => n + a.length, 0);
console.log(`${out}: ${json.length} B, ${gzipSync(json, { level: 9 }).length} B gzip; ${simple.arcs.length} arcs, ${points} points; ${MAP_WIDTH}×${height}`);
