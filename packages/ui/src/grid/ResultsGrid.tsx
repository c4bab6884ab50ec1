import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable,
  type ColumnFiltersState, type Row, type SortingState, type VisibilityState, type Table,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellText, type GridRow } from '../results/rows.ts';
import { CellInspector, type InspectedCell } from './CellInspector.tsx';
import { containsText, gridColumns } from './columns.ts';

const ROW_HEIGHT = 30;

function ColumnMenu({ table }: { table: Table<GridRow> }) {
  return (
    <details className="column-menu">
      <summary>Columns</summary>
      {table.getAllLeafColumns().map((c) => (
        <label key={c.id}>
          <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {String(c.columnDef.header)}
        </label>
      ))}
    </details>
  );
}

/** The header: sort buttons, column filters, resize handles. Re-drawn when sorting, filters or the columns change,
 *  never while the rows scroll (the scroller takes it as a finished element). */
const GridHead = memo(function GridHead({ table, width }: { table: Table<GridRow>; width: number; sorting: SortingState; filters: ColumnFiltersState; layout: string }) {
  return (
    <div className="grid-head" style={{ width }}>
      {table.getHeaderGroups()[0]!.headers.map((h) => (
        <div key={h.id} className="grid-th" style={{ width: h.getSize() }} role="columnheader">
          <button className="sort" onClick={h.column.getToggleSortingHandler()} title="Sort">
            {flexRender(h.column.columnDef.header, h.getContext())}
            {{ asc: ' ▲', desc: ' ▼' }[h.column.getIsSorted() as string] ?? ''}
          </button>
          <input
            className="col-filter" aria-label={`Filter ${String(h.column.columnDef.header)}`} placeholder="filter"
            value={(h.column.getFilterValue() as string) ?? ''} onChange={(e) => h.column.setFilterValue(e.target.value)}
          />
          <div className="resizer" onMouseDown={h.getResizeHandler()} onTouchStart={h.getResizeHandler()} />
        </div>
      ))}
    </div>
  );
});

interface GridRowProps {
  row: Row<GridRow>;
  index: number;
  start: number;
  width: number;
  /** The visible columns and their widths ("id:size,..."): the cells are drawn again when it changes. */
  layout: string;
  onInspect: (cell: InspectedCell) => void;
}

/** One row. While scrolling, a row that stays in view is not drawn again: only the rows coming into view are. */
const GridRowView = memo(function GridRowView({ row, index, start, width, onInspect }: GridRowProps) {
  return (
    <div className="grid-tr" role="row" data-index={index} style={{ transform: `translateY(${start}px)`, width }}>
      {row.getVisibleCells().map((c) => {
        const text = cellText(c.getValue());
        return (
          <div
            key={c.id} className="grid-td" role="gridcell" style={{ width: c.column.getSize() }} title="Click to inspect"
            onClick={() => onInspect({ column: String(c.column.columnDef.header), row: index, text })}
          >
            {text.length > 300 ? `${text.slice(0, 300)}…` : text}
          </div>
        );
      })}
    </div>
  );
});

/**
 * The scrolling part: owns the virtualizer, so a scroll re-renders only this (the visible rows), never the toolbar,
 * the header or the table's models. Rows have one fixed height, so nothing is measured while scrolling.
 */
function GridScroller({ rows, head, width, layout, onInspect }: { rows: Array<Row<GridRow>>; head: ReactNode; width: number; layout: string; onInspect: (cell: InspectedCell) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div className="grid" ref={scroller} data-testid="results-grid" role="grid" aria-rowcount={rows.length}>
      {head}
      <div className="grid-body" style={{ height: virtualizer.getTotalSize(), width }}>
        {virtualizer.getVirtualItems().map((v) => (
          <GridRowView key={rows[v.index]!.id} row={rows[v.index]!} index={v.index} start={v.start} width={width} layout={layout} onInspect={onInspect} />
        ))}
      </div>
    </div>
  );
}

/** The rows of a run: virtualised (only the visible rows are in the DOM), sortable, filterable, resizable. */
export function ResultsGrid({ rows, columns, tools }: { rows: GridRow[]; columns: string[]; tools?: (shownRows: () => GridRow[]) => ReactNode }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [inspected, setInspected] = useState<InspectedCell | null>(null);
  const defs = useMemo(() => gridColumns(columns), [columns]);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: { sorting, columnFilters: filters, globalFilter, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    onGlobalFilterChange: setGlobalFilter,
    onColumnVisibilityChange: setVisibility,
    globalFilterFn: containsText,
    columnResizeMode: 'onChange',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const shown = table.getRowModel().rows;
  const width = table.getTotalSize();
  const layout = table.getVisibleLeafColumns().map((c) => `${c.id}:${c.getSize()}`).join(',');

  return (
    <div className="grid-wrap">
      <div className="row grid-tools">
        <input aria-label="Filter all columns" placeholder="Filter…" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} />
        <ColumnMenu table={table} />
        <span className="muted" data-testid="grid-count">{shown.length.toLocaleString('en')} of {rows.length.toLocaleString('en')} rows</span>
        <span className="spacer" />
        {tools?.(() => shown.map((r) => r.original))}
      </div>
      <GridScroller
        rows={shown} width={width} layout={layout} onInspect={setInspected}
        head={<GridHead table={table} width={width} sorting={sorting} filters={filters} layout={layout} />}
      />
      {inspected && <CellInspector cell={inspected} onClose={() => setInspected(null)} />}
    </div>
  );
}
