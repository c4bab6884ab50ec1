import { describe, expect, it } from 'vitest';
import { boxOverView } from './hover-geometry.ts';

const vp = { width: 1280, height: 800 };

describe('the hover box over the live view', () => {
  it('sits where the element is in the page, in percent of the view (the view shows the viewport at any size)', () => {
    expect(boxOverView({ x: 320, y: 200, width: 640, height: 80 }, vp)).toEqual({ left: '25%', top: '25%', width: '50%', height: '10%' });
  });

  it('is cut at the viewport\'s edges, and absent for an element scrolled out of view', () => {
    expect(boxOverView({ x: -128, y: 720, width: 256, height: 160 }, vp)).toEqual({ left: '0%', top: '90%', width: '10%', height: '10%' });
    expect(boxOverView({ x: 10, y: -300, width: 100, height: 200 }, vp)).toBeNull();
    expect(boxOverView({ x: 1280, y: 10, width: 100, height: 20 }, vp)).toBeNull();
  });
});
