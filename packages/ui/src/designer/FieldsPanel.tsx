import { useState } from 'react';
import type { DesignerFieldState } from '@scrapifie/api';
import { useDesigner } from '../stores/designer-store.ts';

function SelectorEditor({ value, onSave, label }: { value: string; onSave: (v: string) => void; label: string }) {
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  if (value !== base) {
    setBase(value);
    setDraft(value);
  }
  return (
    <input
      className="mono selector" aria-label={label} value={draft} onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => { if (e.key === 'Enter' && draft.trim() && draft !== value) onSave(draft); }}
      onBlur={() => { if (draft.trim() && draft !== value) onSave(draft); }}
    />
  );
}

function TierBadge({ tier }: { tier: DesignerFieldState['tier'] }) {
  if (!tier) return <span className="badge muted">not checked</span>;
  return <span className={`badge tier-${tier.tier}`} title={tier.reason}>{tier.label}</span>;
}

/** The list's item selector and its fields: editable selectors with live match counts and tier badges. */
export function FieldsPanel() {
  const { session, edit } = useDesigner();
  if (!session) return null;
  const items = session.items;
  return (
    <div className="panel" data-testid="fields-panel">
      <h2>Items</h2>
      {items ? (
        <div className="row">
          <SelectorEditor label="Item selector" value={items.selector} onSave={(selector) => void edit({ op: 'setItemSelector', selector })} />
          <span className="count" data-testid="item-count">{items.count} items</span>
        </div>
      ) : (
        <p className="muted">Pick mode: click one item of the list; every similar item is selected.</p>
      )}
      <h2>Fields</h2>
      {session.fields.length === 0 && <p className="muted">Click inside an item to add a field.</p>}
      <table className="fields">
        <tbody>
          {session.fields.map((f) => (
            <tr key={f.name} data-field={f.name}>
              <td>
                <SelectorEditor label={`Name of ${f.name}`} value={f.name} onSave={(to) => void edit({ op: 'renameField', name: f.name, to })} />
              </td>
              <td>
                <SelectorEditor label={`Selector of ${f.name}`} value={f.selector ?? ''} onSave={(selector) => void edit({ op: 'setFieldSelector', name: f.name, selector })} />
              </td>
              <td className="count" title="items in which the selector finds something">{f.coverage}/{f.items}</td>
              <td><TierBadge tier={f.tier} /></td>
              <td><button aria-label={`Remove ${f.name}`} onClick={() => void edit({ op: 'removeField', name: f.name })}>×</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
