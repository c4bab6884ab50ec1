export { main, USAGE } from './cli/main.ts';
export { runCommand, exportRun } from './cli/run-command.ts';
export { createRowWriter, openFileWriter, formatFromPath, csvCell } from './output/writers.ts';
export { loadConfig } from './config.ts';
