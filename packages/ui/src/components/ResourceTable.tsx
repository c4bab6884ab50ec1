import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';

/** One column of a resource list: a header and what a row shows under it. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface Props<T> {
  /** The table's accessible name, e.g. "Schedules". */
  label: string;
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string;
  /** What an empty list says. */
  empty: string;
}

/** The list every settings screen shows (schedules, proxies, keys...): @tanstack/react-table over plain columns. */
export function ResourceTable<T>({ label, rows, columns, rowKey, empty }: Props<T>) {
  const defs = useMemo<Array<ColumnDef<T>>>(() => columns.map((c, i) => ({ id: `${i}-${c.header}`, header: c.header, cell: ({ row }) => c.cell(row.original) })), [columns]);
  const table = useReactTable({ data: rows, columns: defs, getCoreRowModel: getCoreRowModel(), getRowId: rowKey });
  return (
    <table className="list resource-table" aria-label={label}>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => <th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</th>)}
          </tr>
        ))}
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="muted">{empty}</td>
          </tr>
        )}
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id} data-row={r.id}>
            {r.getVisibleCells().map((c) => <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A date as the list shows it ("—" for none). */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
