import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/recording-logger.ts';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from './settings.ts';

describe('desktop settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to auto-update off when nothing is saved', () => {
    expect(readSettings(join(dir, 'settings.json'), recordingLogger())).toEqual({ autoUpdate: false });
    expect(DEFAULT_SETTINGS.autoUpdate).toBe(false);
  });

  it('keeps what the user switched on', () => {
    const file = join(dir, 'nested', 'settings.json');
    writeSettings(file, { autoUpdate: true });
    expect(readSettings(file, recordingLogger())).toEqual({ autoUpdate: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ autoUpdate: true });
  });

  it('falls back to the defaults on a damaged or invalid file, naming the problem', () => {
    const file = join(dir, 'settings.json');
    const logger = recordingLogger();
    writeFileSync(file, '{"autoUpdate": "yes"}');
    expect(readSettings(file, logger)).toEqual({ autoUpdate: false });
    expect(logger.text()).toMatch(/autoUpdate/);
    writeFileSync(file, '{oops');
    expect(readSettings(file, logger)).toEqual({ autoUpdate: false });
    expect(logger.lines).toHaveLength(2);
  });
});
