import { useState } from 'react';
import { looksLikeHtml } from '../results/rows.ts';

export interface InspectedCell {
  column: string;
  row: number;
  text: string;
}

/**
 * A cell's full value: as text, or rendered as HTML in an iframe with sandbox="" (no scripts, no forms, no
 * same-origin, no navigation of the studio): the page's markup is shown, never run.
 */
export function CellInspector({ cell, onClose }: { cell: InspectedCell; onClose: () => void }) {
  const html = looksLikeHtml(cell.text);
  const [rendered, setRendered] = useState(html);
  return (
    <aside className="inspector" aria-label="Cell inspector">
      <header className="row">
        <strong>{cell.column}</strong>
        <span className="muted">row {cell.row + 1} · {cell.text.length} characters</span>
        {html && (
          <button onClick={() => setRendered(!rendered)}>{rendered ? 'Show source' : 'Show rendered'}</button>
        )}
        <button onClick={onClose} aria-label="Close inspector">×</button>
      </header>
      {rendered ? (
        <iframe title="Rendered cell (sandboxed)" className="inspector-frame" sandbox="" referrerPolicy="no-referrer" srcDoc={cell.text} />
      ) : (
        <pre className="inspector-text">{cell.text}</pre>
      )}
    </aside>
  );
}
