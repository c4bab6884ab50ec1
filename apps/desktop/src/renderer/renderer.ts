// The studio page until @scrapifie/ui mounts here: it proves the IPC link end to end and shows the
// start-up facts a user must see (weak secret storage, runs to resume, a deep link that opened the app).
import { createTRPCClient } from '@trpc/client';
import type { DesktopRouter } from '../desktop-router.ts';
import { ipcLink } from '../ipc/link.ts';

const client = createTRPCClient<DesktopRouter>({ links: [ipcLink<DesktopRouter>()] });

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
}

async function show(): Promise<void> {
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
    const runs = await client.desktop.resumableRuns.query();
    if (runs.length > 0) {
      const list = byId('resume-list');
      for (const r of runs) {
        const li = document.createElement('li');
        li.textContent = `${r.recipeName} (${r.status}, ${r.counts.succeeded} pages done, ${r.counts.pending + r.counts.inFlight} left, ${r.counts.results} rows)`;
        list.append(li);
      }
      byId('resume').hidden = false;
    }
  } catch (e) {
    status.textContent = `The local runtime did not answer: ${(e as Error).message}`;
    status.dataset.state = 'error';
  }
  client.desktop.deepLinks.subscribe(undefined, {
    onData: (link) => {
      const p = byId('deep-link');
      p.textContent = `Opening recipe ${link.recipeId}`;
      p.hidden = false;
    },
  });
}

void show();
