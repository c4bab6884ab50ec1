import { cellText } from '../results/rows.ts';
import { useDesigner } from '../stores/designer-store.ts';

/** The rows the draft extracts from the live page now (the runs' evaluator, in the page). */
export function PreviewTable() {
  const preview = useDesigner((s) => s.session?.preview);
  if (!preview) return <p className="muted">The preview shows the rows once the list has a field.</p>;
  if (preview.error) return <p className="error">{preview.error.code}: {preview.error.message}</p>;
  const cols = [...new Set(preview.rows.flatMap((r) => Object.keys(r)))];
  return (
    <div className="preview" data-testid="preview">
      <p className="muted"><span data-testid="preview-count">{preview.rows.length}</span> rows · {preview.ms} ms</p>
      <table className="list">
        <thead><tr>{cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {preview.rows.slice(0, 200).map((r, i) => (
            <tr key={i}>{cols.map((c) => <td key={c}>{cellText(r[c]).slice(0, 200)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
