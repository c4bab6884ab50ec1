import { InvalidInputError } from '@scrapifie/recipe';

/** Checks what the studio forwards, naming the bad value: every input comes from a remote client. */
export function checkPoint(action: string, x: unknown, y: unknown, viewport: { width: number; height: number }): void {
  checkCoordinate(action, 'x', x, viewport.width);
  checkCoordinate(action, 'y', y, viewport.height);
}

function checkCoordinate(action: string, name: string, v: unknown, max: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) {
    throw new InvalidInputError('INVALID_INPUT', `${action}: "${name}" must be a number from 0 to ${max} (the viewport), got ${String(v)}`);
  }
}

export function checkDelta(action: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 100_000) {
    throw new InvalidInputError('INVALID_INPUT', `${action}: "${name}" must be a number of pixels (at most 100000 either way), got ${String(v)}`);
  }
  return v;
}

export function checkText(action: string, text: unknown, max = 10_000): string {
  if (typeof text !== 'string' || text.length > max) {
    throw new InvalidInputError('INVALID_INPUT', `${action}: the text must be a string of at most ${max} characters`);
  }
  return text;
}

/** A key name Playwright knows ("Enter", "Tab", "Control+A", "a"). */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !/^([A-Za-z]+\+)*([A-Za-z0-9]+|.)$/u.test(key) || key.length > 40) {
    throw new InvalidInputError('INVALID_INPUT', `press: "${String(key)}" is not a key name (e.g. "Enter", "Tab", "Control+A", "a")`);
  }
  return key;
}

export function checkSize(width: unknown, height: unknown): { width: number; height: number } {
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 200 || v > 4096) {
      throw new InvalidInputError('INVALID_INPUT', `resize: "${name}" must be an integer from 200 to 4096 pixels, got ${String(v)}`);
    }
  }
  return { width: width as number, height: height as number };
}

/** Only http(s) pages: the designer's browser runs on the server, so file:, chrome: or data: URLs are refused. */
export function checkUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidInputError('INVALID_URL', 'the URL must be a string');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError('INVALID_URL', `"${raw.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('INVALID_URL', `the designer opens http and https pages only, not ${url.protocol}`);
  }
  return url.href;
}
