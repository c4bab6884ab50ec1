import { useEffect, useState } from 'react';
import { FieldsPanel } from '../designer/FieldsPanel.tsx';
import { LoginPanel } from '../designer/LoginPanel.tsx';
import { LiveView } from '../designer/LiveView.tsx';
import { PaginationPanel } from '../designer/PaginationPanel.tsx';
import { PreviewTable } from '../designer/PreviewTable.tsx';
import { useDesigner, type FieldTake, type PickMode } from '../stores/designer-store.ts';
import { useNav } from '../stores/nav-store.ts';
import { useRecipes } from '../stores/recipes-store.ts';

const MODES: Array<{ mode: PickMode; label: string; title: string }> = [
  { mode: 'interact', label: 'Interact', title: 'Clicks and keys go to the page (log in, close banners, open tabs)' },
  { mode: 'item', label: 'Pick list', title: 'Click one item: every similar item is selected' },
  { mode: 'widen', label: '+ Example', title: 'Click another item the list should include' },
  { mode: 'narrow', label: '− Not this', title: 'Click an item the list should leave out' },
  { mode: 'field', label: 'Add field', title: 'Click a part of an item to extract it' },
];

/** The visual designer: the live page, pick modes, fields, pagination, tier check, preview, save and run. */
export function DesignerScreen({ initialUrl }: { initialUrl?: string | undefined }) {
  const d = useDesigner();
  const { save, run, error: recipeError } = useRecipes();
  const [saved, setSaved] = useState<string | null>(null);
  const go = useNav((s) => s.go);
  const [url, setUrl] = useState(initialUrl ?? '');
  const [name, setName] = useState('my-recipe');
  useEffect(() => {
    if (initialUrl && d.session?.url !== initialUrl && !d.busy) void d.open(initialUrl);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialUrl]);
  useEffect(() => {
    if (d.session) setUrl(d.session.url);
  }, [d.session?.url]);

  const saveRecipe = async (thenRun: boolean) => {
    const recipe = await d.buildRecipe(name);
    if (!recipe) return;
    const v = await save(recipe);
    if (!v.valid) return;
    setSaved(String(recipe.name ?? name));
    if (thenRun) {
      const saved = useRecipes.getState().recipes[0];
      if (saved) go({ screen: 'runs', id: await run(saved.id) });
    }
  };
  const s = d.session;
  return (
    <section className="designer">
      <form className="row urlbar" onSubmit={(e) => { e.preventDefault(); if (!s) void d.open(url); else void d.input({ type: 'navigate', url }); }}>
        <button type="button" disabled={!s} onClick={() => void d.input({ type: 'back' })} aria-label="Back">←</button>
        <button type="button" disabled={!s} onClick={() => void d.input({ type: 'reload' })} aria-label="Reload">⟳</button>
        <input aria-label="Page URL" className="mono grow" value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
        <button type="submit">{s ? 'Go' : 'Open'}</button>
        {d.busy && <span className="muted" data-testid="busy">working…</span>}
      </form>
      {d.error && <p className="error" role="alert">{d.error}</p>}
      {recipeError && <p className="error" role="alert">{recipeError}</p>}
      {saved && <p className="muted" data-testid="saved">Saved “{saved}”: it is in Recipes.</p>}
      {s && (
        <div className="row modes" role="toolbar">
          {MODES.map((m) => (
            <button key={m.mode} title={m.title} className={d.mode === m.mode ? 'active' : ''} aria-pressed={d.mode === m.mode} onClick={() => d.setMode(m.mode)}>
              {m.label}
            </button>
          ))}
          <select aria-label="Field takes" title="What a field click takes from the element" value={d.take} onChange={(e) => d.setTake(e.target.value as FieldTake)}>
            <option value="auto">text (image on images)</option>
            <option value="text">text</option>
            <option value="link">link URL</option>
            <option value="image">image URL</option>
          </select>
          {s.items && <span className="count" data-testid="selection-count">{s.items.count} selected</span>}
          <span className="spacer" />
          <button disabled={!s.fields.length} onClick={() => void d.checkTiers()}>Check tiers</button>
          {s.tiers && <span className={`badge tier-${s.tiers.mode}`} title={s.tiers.reason}>{s.tiers.mode === 'http' ? 'works without a browser' : 'needs a browser'}</span>}
          <input aria-label="Recipe name" value={name} onChange={(e) => setName(e.target.value)} />
          <button disabled={!s.fields.length} onClick={() => void saveRecipe(false)}>Save recipe</button>
          <button disabled={!s.fields.length} onClick={() => void saveRecipe(true)}>Save and run</button>
        </div>
      )}
      <div className="designer-body">
        <div className="designer-page">
          <LiveView />
          <PreviewTable />
        </div>
        <div className="designer-side">
          <FieldsPanel />
          <PaginationPanel />
          <LoginPanel />
        </div>
      </div>
    </section>
  );
}
