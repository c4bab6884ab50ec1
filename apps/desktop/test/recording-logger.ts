// The engine's recording logger, under the name the desktop's tests import.
export { recordingLogger, type LogLine } from '@scrapifie/engine';
