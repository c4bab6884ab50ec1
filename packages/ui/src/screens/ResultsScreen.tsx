import { useEffect } from 'react';
import { ResultsGrid } from '../grid/ResultsGrid.tsx';
import { EXPORT_FORMATS } from '../results/export-format.ts';
import { useNav } from '../stores/nav-store.ts';
import { useResults } from '../stores/results-store.ts';
import { useRuns } from '../stores/runs-store.ts';

/** A run's rows in the grid, with export of what the filters show. */
export function ResultsScreen({ runId }: { runId?: string | undefined }) {
  const { rows, columns, loading, error, exporting, load, exportRows } = useResults();
  const current = useResults((s) => s.runId);
  const { runs, refresh } = useRuns();
  const go = useNav((s) => s.go);
  useEffect(() => {
    if (runId && runId !== current) void load(runId);
  }, [runId, current, load]);
  useEffect(() => {
    if (!runId) void refresh();
  }, [runId, refresh]);

  if (!runId) {
    return (
      <section>
        <h1>Results</h1>
        <p>Choose a run:</p>
        <ul>{runs.map((r) => <li key={r.runId}><button className="link" onClick={() => go({ screen: 'results', id: r.runId })}>{r.name} · {r.runId}</button></li>)}</ul>
      </section>
    );
  }
  return (
    <section className="results">
      <div className="row">
        <h1>Results <span className="muted mono">{runId}</span></h1>
        {loading && <span className="muted">loading… {rows.length.toLocaleString('en')} rows</span>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <ResultsGrid
        rows={rows}
        columns={columns}
        tools={(shown) =>
          EXPORT_FORMATS.map((f) => (
            <button key={f} disabled={exporting !== null || rows.length === 0} onClick={() => void exportRows(shown(), f)}>
              {exporting === f ? 'Exporting…' : `Export ${f.toUpperCase()}`}
            </button>
          ))
        }
      />
    </section>
  );
}
