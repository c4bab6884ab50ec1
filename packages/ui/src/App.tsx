import { useEffect } from 'react';
import { useNav, type Screen } from './stores/nav-store.ts';
import { DesignerScreen } from './screens/DesignerScreen.tsx';
import { RecipesScreen } from './screens/RecipesScreen.tsx';
import { ResultsScreen } from './screens/ResultsScreen.tsx';
import { RunsScreen } from './screens/RunsScreen.tsx';
import { AuthGate } from './screens/AuthGate.tsx';
import { WorkspaceScreen, WORKSPACE_TABS } from './screens/WorkspaceScreen.tsx';
import { WorkspaceSwitcher } from './screens/WorkspaceSwitcher.tsx';

const TABS: Array<{ screen: Screen; label: string }> = [
  { screen: 'recipes', label: 'Recipes' },
  { screen: 'designer', label: 'Designer' },
  { screen: 'runs', label: 'Runs' },
  { screen: 'results', label: 'Results' },
  ...WORKSPACE_TABS,
];

export function App() {
  const { route, go, sync } = useNav();
  useEffect(() => {
    const onHash = () => sync(location.hash);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [sync]);
  return (
    <div className="app">
      <header className="topbar">
        <strong className="brand">Scrapifie Studio</strong>
        <nav>
          {TABS.map((t) => (
            <button key={t.screen} className={route.screen === t.screen ? 'tab active' : 'tab'} onClick={() => go({ screen: t.screen })}>
              {t.label}
            </button>
          ))}
        </nav>
        <WorkspaceSwitcher compact />
      </header>
      <main className="screen">
        <AuthGate>
        {route.screen === 'recipes' && <RecipesScreen />}
        {route.screen === 'designer' && <DesignerScreen initialUrl={route.url} />}
        {route.screen === 'runs' && <RunsScreen />}
        {route.screen === 'results' && <ResultsScreen runId={route.id} />}
        <WorkspaceScreen screen={route.screen} />
        </AuthGate>
      </main>
    </div>
  );
}
