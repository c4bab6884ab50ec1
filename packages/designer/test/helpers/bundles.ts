import { buildPickerBundle } from '../../scripts/build-picker.ts';

let built: Promise<string> | undefined;

/** Builds the picker bundle from the sources under test (the extract bundle comes from `npm run build`, as in the
 *  other browser-tier tests: readBrowserBundle says so when it is missing). */
export function buildPicker(): Promise<string> {
  built ??= buildPickerBundle();
  return built;
}
