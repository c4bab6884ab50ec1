import { mountStudio } from './mount.tsx';

// The web studio: talks to the tRPC router of the server that serves it.
mountStudio(document.getElementById('root') as HTMLElement);
