// The visual designer as an app hosts it: the API's DesignerService on @scrapifie/designer's live pages
// (`scrapifie serve` for the web studio, the desktop's main process), login recording and where its secrets go.
export { LocalDesignerService, type DesignerServiceOptions } from './designer-service.ts';
export { createPooledDesigner, type PooledDesigner, type PooledDesignerOptions } from './pooled-designer.ts';
export { CredentialShelf, type CredentialSink, type CredentialStoreAccess } from './credential-shelf.ts';
export { LoginRecording } from './login-recording.ts';
export { parseSelectorText, StudioSession } from './studio-session.ts';
