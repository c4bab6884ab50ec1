import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import type { Humanizer } from '../actions/humanizer.ts';
import { between, randomSeed, seededRandom } from './random.ts';

interface Point {
  x: number;
  y: number;
}

export interface HumanizerOptions {
  /** Seed of the pointer paths and delays (default: random). */
  seed?: number;
  /** Scales every delay (default 1; tests use less). */
  speed?: number;
}

/**
 * Pointer movement along curved paths (a cubic Bézier with random control points, uneven steps), clicks at a random
 * point of the element with press/release pauses, typing key by key with irregular delays, and wheel scrolling in
 * uneven steps.
 */
export function createHumanizer(opts: HumanizerOptions = {}): Humanizer {
  const rng = seededRandom(opts.seed ?? randomSeed());
  const speed = opts.speed ?? 1;
  const positions = new WeakMap<Page, Point>();
  const wait = (min: number, max: number): Promise<void> => sleep(Math.round(between(rng, min, max) * speed));

  async function moveTo(page: Page, to: Point): Promise<void> {
    const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
    const from = positions.get(page) ?? { x: between(rng, 0, viewport.width), y: between(rng, 0, viewport.height) };
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const distance = Math.hypot(dx, dy);
    const steps = Math.max(6, Math.min(40, Math.round(distance / between(rng, 10, 18))));
    const bend = (): Point => ({ x: between(rng, -0.3, 0.3) * distance, y: between(rng, -0.3, 0.3) * distance });
    const b1 = bend();
    const b2 = bend();
    const c1 = { x: from.x + dx * 0.3 + b1.x, y: from.y + dy * 0.3 + b1.y };
    const c2 = { x: from.x + dx * 0.7 + b2.x, y: from.y + dy * 0.7 + b2.y };
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      const e = t * t * (3 - 2 * t); // slow start and end
      const u = 1 - e;
      const x = u ** 3 * from.x + 3 * u * u * e * c1.x + 3 * u * e * e * c2.x + e ** 3 * to.x;
      const y = u ** 3 * from.y + 3 * u * u * e * c1.y + 3 * u * e * e * c2.y + e ** 3 * to.y;
      await page.mouse.move(x, y);
      await wait(3, 12);
    }
    positions.set(page, to);
  }

  async function pointIn(target: Locator, timeoutMs: number): Promise<Point> {
    await target.waitFor({ state: 'visible', timeout: timeoutMs });
    await target.scrollIntoViewIfNeeded({ timeout: timeoutMs });
    const box = await target.boundingBox({ timeout: timeoutMs });
    if (!box) throw new Error('the element has no box (it is not displayed)');
    return { x: box.x + box.width * between(rng, 0.25, 0.75), y: box.y + box.height * between(rng, 0.3, 0.7) };
  }

  return {
    async click(page, target, timeoutMs) {
      await moveTo(page, await pointIn(target, timeoutMs));
      await wait(40, 140);
      await page.mouse.down();
      await wait(30, 100);
      await page.mouse.up();
    },
    async hover(page, target, timeoutMs) {
      await moveTo(page, await pointIn(target, timeoutMs));
      await wait(80, 200);
    },
    async type(page, target, text, timeoutMs) {
      await this.click(page, target, timeoutMs);
      await page.keyboard.press('End');
      await wait(40, 140);
      for (const ch of text) {
        await page.keyboard.type(ch);
        await wait(35, rng() < 0.06 ? 380 : 150);
      }
    },
    async scrollBy(page, dy) {
      const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
      if (!positions.has(page)) await moveTo(page, { x: viewport.width * between(rng, 0.3, 0.7), y: viewport.height * between(rng, 0.3, 0.7) });
      let left = dy;
      while (Math.abs(left) > 1) {
        const step = Math.sign(left) * Math.min(Math.abs(left), between(rng, 70, 160));
        await page.mouse.wheel(0, step);
        left -= step;
        await wait(25, 90);
      }
      await wait(100, 250);
    },
    async pause(page) {
      const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
      await moveTo(page, { x: between(rng, 0.1, 0.9) * viewport.width, y: between(rng, 0.1, 0.9) * viewport.height });
      await wait(100, 300);
    },
  };
}
