// The desktop-only strip above the studio: plain DOM, talking to the `desktop.` procedures over IPC.
import type { TRPCClient } from '@trpc/client';
import type { SavedRecipe } from '@scrapifie/ui';
import type { DesktopRouter } from '../desktop-router.ts';
import type { ResumableRun } from '../runtime/resume.ts';

type DesktopClient = TRPCClient<DesktopRouter>;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function describeRun(r: ResumableRun): string {
  const left = r.counts.pending + r.counts.inFlight;
  return `${r.recipeName} (${r.status}, ${r.counts.succeeded} pages done, ${left} left, ${r.counts.results} rows)`;
}

async function showResumable(client: DesktopClient, openRuns: () => void): Promise<void> {
  const runs = await client.desktop.resumableRuns.query();
  const list = byId('resume-list');
  list.replaceChildren();
  for (const r of runs) {
    const li = document.createElement('li');
    li.dataset.runId = r.runId;
    li.textContent = describeRun(r);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Resume';
    button.addEventListener('click', () => {
      button.disabled = true;
      client.desktop.resumeRun.mutate({ runId: r.runId }).then(
        () => {
          li.remove();
          if (list.children.length === 0) byId('resume').hidden = true;
          openRuns();
        },
        (e: unknown) => {
          button.disabled = false;
          li.append(` — could not resume: ${message(e)}`);
        },
      );
    });
    li.append(button);
    list.append(li);
  }
  byId('resume').hidden = runs.length === 0;
}

function wirePromotion(client: DesktopClient, recipes: () => SavedRecipe[]): void {
  const serverStatus = byId('team-server-status');
  const showServer = (v: { url: string; hasApiKey: boolean } | null): void => {
    serverStatus.textContent = v ? `Team server: ${v.url} (API key saved, encrypted)` : 'No team server yet: add its URL and an API key.';
  };
  client.desktop.teamServer.query().then(showServer, (e: unknown) => (serverStatus.textContent = message(e)));
  byId<HTMLFormElement>('team-server-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = byId<HTMLInputElement>('team-server-url').value;
    const key = byId<HTMLInputElement>('team-server-key');
    client.desktop.saveTeamServer.mutate({ url, apiKey: key.value }).then(
      (v) => {
        key.value = '';
        showServer(v);
      },
      (e: unknown) => (serverStatus.textContent = `Not saved: ${message(e)}`),
    );
  });
  const select = byId<HTMLSelectElement>('promote-recipe');
  const fill = (): void => {
    select.replaceChildren(...recipes().map((r) => new Option(r.name, r.id)));
  };
  byId('promote').addEventListener('toggle', fill);
  fill();
  byId<HTMLFormElement>('promote-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const status = byId('promote-status');
    const entry = recipes().find((r) => r.id === select.value);
    if (!entry) {
      status.textContent = 'Choose a recipe to promote (save one in the Recipes screen first).';
      return;
    }
    status.textContent = `Promoting ${entry.name}…`;
    client.desktop.promoteRecipe.mutate({ recipe: entry.recipe }).then(
      (r) => (status.textContent = `Promoted ${entry.name} to ${r.serverUrl}${r.id ? ` (id ${r.id})` : ''}`),
      (e: unknown) => (status.textContent = `Not promoted: ${message(e)}`),
    );
  });
}

export async function showDesktopPanel(client: DesktopClient, opts: { recipes: () => SavedRecipe[]; openRuns: () => void }): Promise<void> {
  const status = byId('status');
  try {
    const info = await client.desktop.info.query();
    status.textContent = `${info.name} ${info.version} — local runtime ready`;
    status.dataset.state = 'ready';
    if (info.secretStorage.warning) {
      const w = byId('secret-warning');
      w.textContent = info.secretStorage.warning;
      w.hidden = false;
    }
    await showResumable(client, opts.openRuns);
  } catch (e) {
    status.textContent = `The local runtime did not answer: ${message(e)}`;
    status.dataset.state = 'error';
  }
  wirePromotion(client, opts.recipes);
  client.desktop.deepLinks.subscribe(undefined, {
    onData: (link) => {
      const p = byId('deep-link');
      p.textContent = `Opening recipe ${link.recipeId}`;
      p.hidden = false;
    },
  });
}
