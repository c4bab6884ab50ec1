import { useEffect } from 'react';
import { useNav } from '../stores/nav-store.ts';
import { useRuns, type RunItem } from '../stores/runs-store.ts';
import { EMPTY_LIVE } from '../stores/run-live.ts';

function LiveCells({ run }: { run: RunItem }) {
  const live = useRuns((s) => s.live[run.runId]);
  const follow = useRuns((s) => s.follow);
  useEffect(() => (run.active ? follow(run.runId) : undefined), [run.active, run.runId, follow]);
  const p = run.progress;
  const l = live ?? { ...EMPTY_LIVE, pages: p?.pagesDone ?? 0, items: p?.items ?? 0, errors: p?.pagesFailed ?? 0, tiers: p?.byTier ?? EMPTY_LIVE.tiers, rate: p?.pagesPerSecond ?? 0 };
  return (
    <>
      <td data-col="pages">{l.pages}</td>
      <td data-col="items">{l.items}</td>
      <td data-col="errors" className={l.errors ? 'error' : ''} title={l.lastError ?? ''}>{l.errors}</td>
      <td data-col="tiers">http {l.tiers.http} · browser {l.tiers.browser} · stealth {l.tiers.stealth}</td>
      <td data-col="rate">{l.rate.toFixed(1)}/s</td>
      <td data-col="status">{live?.finished ? live.status : run.status}</td>
    </>
  );
}

/** Recent runs with live progress (a subscription per active run). */
export function RunsScreen() {
  const { runs, error, refresh, cancel } = useRuns();
  const go = useNav((s) => s.go);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 5000);
    return () => clearInterval(t);
  }, [refresh]);
  return (
    <section>
      <h1>Runs</h1>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="list">
        <thead>
          <tr><th>Recipe</th><th>Started</th><th>Pages</th><th>Items</th><th>Errors</th><th>Tier mix</th><th>Rate</th><th>Status</th><th /></tr>
        </thead>
        <tbody>
          {runs.length === 0 && <tr><td colSpan={9} className="muted">No runs yet.</td></tr>}
          {runs.map((r) => (
            <tr key={r.runId} data-run={r.runId}>
              <td>{r.name}</td>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <LiveCells run={r} />
              <td className="actions">
                <button onClick={() => go({ screen: 'results', id: r.runId })}>Results</button>
                {r.active && <button onClick={() => void cancel(r.runId)}>Cancel</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
