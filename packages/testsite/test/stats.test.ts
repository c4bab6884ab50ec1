import { describe, expect, it } from 'vitest';
import { RequestStats } from '../src/stats.ts';

describe('RequestStats', () => {
  it('keeps only the newest requests, oldest first, while counting every hit', () => {
    const stats = new RequestStats(3);
    for (const p of ['/a/1', '/a/2', '/b/1', '/a/3', '/b/2']) stats.record(p, {});
    expect(stats.log().map((r) => r.path)).toEqual(['/b/1', '/a/3', '/b/2']);
    expect(stats.hits()).toBe(5);
    expect(stats.hits('/a/')).toBe(3);
    expect(stats.hits('/c/')).toBe(0);
  });
});
