import { useDesigner } from '../stores/designer-store.ts';

/** The proposed pagination: the user confirms it (or another option, or clicks the control on the page). */
export function PaginationPanel() {
  const { session, detectPagination, edit, setMode, mode } = useDesigner();
  if (!session?.items) return null;
  const p = session.pagination;
  return (
    <div className="panel" data-testid="pagination-panel">
      <h2>Pagination</h2>
      {!p && <button onClick={() => void detectPagination()}>Detect pagination</button>}
      {p && p.options.length === 0 && <p className="muted">No pagination found. Click the "next" control in pick mode to teach it.</p>}
      {p?.options.map((o, i) => (
        <div key={i} className="row">
          <label>
            <input type="radio" name="pagination" checked={p.chosen === i} onChange={() => void edit({ op: 'choosePagination', index: i })} />
            {o.kind} <span className="mono">{o.selector ?? ''}</span> {i === p.proposed && <em>(proposed)</em>}
          </label>
          <span className="muted">{o.reason}</span>
        </div>
      ))}
      {p && p.proposed !== null && p.chosen === null && (
        <button onClick={() => void edit({ op: 'choosePagination', index: p.proposed })}>Confirm proposed pagination</button>
      )}
      {p?.chosen !== null && p?.chosen !== undefined && <button onClick={() => void edit({ op: 'choosePagination', index: null })}>No pagination</button>}
      <button className={mode === 'pagination' ? 'active' : ''} onClick={() => setMode('pagination')}>Click the next control</button>
    </div>
  );
}
