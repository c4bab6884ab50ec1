import { useEffect, useState } from 'react';
import { useNav } from '../stores/nav-store.ts';
import { useRecipes } from '../stores/recipes-store.ts';

function startUrlOf(recipe: Record<string, unknown>): string | undefined {
  const urls = (recipe.start as { urls?: unknown } | undefined)?.urls;
  return Array.isArray(urls) && typeof urls[0] === 'string' ? urls[0] : undefined;
}

/** Saved recipes: import, validate, open in the designer, run. */
export function RecipesScreen() {
  const { recipes, validation, error, load, importText, validate, remove, run } = useRecipes();
  const go = useNav((s) => s.go);
  const [text, setText] = useState('');
  useEffect(() => load(), [load]);

  const onFile = async (f: File | undefined) => {
    if (f) await importText(await f.text());
  };
  return (
    <section>
      <h1>Recipes</h1>
      <div className="row">
        <label className="button">
          Import a recipe file <input type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e.target.files?.[0])} />
        </label>
        <button onClick={() => go({ screen: 'designer' })}>New recipe in the designer</button>
      </div>
      <details>
        <summary>Paste recipe JSON</summary>
        <textarea aria-label="Recipe JSON" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        <button onClick={() => void importText(text)}>Validate and save</button>
      </details>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="list">
        <thead>
          <tr><th>Name</th><th>Start URL</th><th>Saved</th><th>Valid</th><th /></tr>
        </thead>
        <tbody>
          {recipes.length === 0 && <tr><td colSpan={5} className="muted">No recipes yet: import one or design one.</td></tr>}
          {recipes.map((r) => {
            const v = validation[r.id];
            const url = startUrlOf(r.recipe);
            return (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td className="mono">{url ?? '—'}</td>
                <td>{new Date(r.savedAt).toLocaleString()}</td>
                <td>{v ? (v.valid ? 'valid' : <span className="error">{v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}</span>) : '—'}</td>
                <td className="actions">
                  <button onClick={() => void validate(r.id)}>Validate</button>
                  <button disabled={!url} onClick={() => go({ screen: 'designer', url })}>Open in designer</button>
                  <button onClick={() => void run(r.id).then((runId) => go({ screen: 'runs', id: runId }))}>Run</button>
                  <button onClick={() => remove(r.id)}>Delete</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
