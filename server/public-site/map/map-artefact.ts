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
