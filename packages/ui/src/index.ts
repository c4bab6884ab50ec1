export { mountStudio, type MountOptions } from './mount.tsx';
export { createStudioClient, webLink, type StudioClient, type StudioLink } from './client.ts';
export { formatRows, neutraliseFormula, type ExportFormat } from './results/export-format.ts';
export { localShelf, type SavedRecipe } from './stores/recipes-store.ts';
