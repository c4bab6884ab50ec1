import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App.tsx';
import { createStudioClient, setClient, type StudioLink } from './client.ts';
import './styles.css';

export interface MountOptions {
  /** The transport: the desktop passes its IPC link; the web studio uses HTTP + SSE to its own origin. */
  link?: StudioLink;
}

/** Mounts the studio into an element. */
export function mountStudio(el: HTMLElement, opts: MountOptions = {}): Root {
  setClient(createStudioClient(opts.link));
  const root = createRoot(el);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  return root;
}
