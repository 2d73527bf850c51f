// The CSV rules live in src/domain/csv.ts (the administrators' screens write CSV files too).
export { BOM, CSV_SEPARATOR, csvCell, csvDocument, csvLine } from '../../src/domain/csv.ts';
