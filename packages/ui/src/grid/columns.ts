import type { ColumnDef, FilterFn } from '@tanstack/react-table';
import { cellText, type GridRow } from '../results/rows.ts';

/** Case-insensitive "contains" over a cell's text. */
export const containsText: FilterFn<GridRow> = (row, columnId, value) => {
  const needle = String(value ?? '').toLowerCase();
  return needle === '' || cellText(row.getValue(columnId)).toLowerCase().includes(needle);
};

/** Numbers sort as numbers, everything else by its text. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true });
}

export function gridColumns(dataColumns: readonly string[]): ColumnDef<GridRow>[] {
  const data: ColumnDef<GridRow>[] = dataColumns.map((name) => ({
    id: `data.${name}`,
    header: name,
    accessorFn: (r) => r.data[name],
    size: 200,
    minSize: 60,
    filterFn: containsText,
    sortingFn: (a, b, id) => compareValues(a.getValue(id), b.getValue(id)),
  }));
  return [
    { id: '$seq', header: '#', accessorFn: (r) => r.seq, size: 80, minSize: 50, sortingFn: 'basic', filterFn: containsText },
    ...data,
    { id: '$url', header: 'url', accessorFn: (r) => r.url, size: 260, minSize: 80, filterFn: containsText },
    { id: '$tier', header: 'tier', accessorFn: (r) => r.tier, size: 80, minSize: 50, filterFn: containsText },
  ];
}
