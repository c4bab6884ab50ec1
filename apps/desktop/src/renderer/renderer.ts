// The studio page of the desktop app: the same @scrapifie/ui as the web studio, its tRPC client on the
// IPC link the preload exposes (window.scrapifieIpc, the only thing it exposes), plus the desktop strip.
import { createTRPCClient } from '@trpc/client';
import type { AppRouter } from '@scrapifie/api';
import { localShelf, mountStudio } from '@scrapifie/ui';
import type { DesktopRouter } from '../desktop-router.ts';
import { ipcLink } from '../ipc/link.ts';
import { showDesktopPanel } from './desktop-panel.ts';
import './style.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
mountStudio(root, { link: ipcLink<AppRouter>() });

const desktop = createTRPCClient<DesktopRouter>({ links: [ipcLink<DesktopRouter>()] });
// A resumed run is followed live on the Runs screen (its rows are complete once it ends there).
void showDesktopPanel(desktop, { recipes: () => localShelf.load(), openRuns: () => (location.hash = '#/runs') });
