import { describe, expect, it } from 'vitest';
import { fitWithin, nextAttempt } from '../../src/photos/plan-size';

describe('fitWithin', () => {
  it('scales the long side down to the limit, keeping the aspect ratio', () => {
    expect(fitWithin({ width: 4000, height: 3000 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 3000, height: 4000 }, 1600)).toEqual({ width: 1200, height: 1600 });
  });

  it('never scales up', () => {
    expect(fitWithin({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
  });

  it('honours a pixel budget and keeps every side at least 1 px', () => {
    const s = fitWithin({ width: 10_000, height: 10_000 }, 20_000, 1_000_000);
    expect(s.width * s.height).toBeLessThanOrEqual(1_000_000);
    expect(s.width).toBe(s.height);
    expect(fitWithin({ width: 100_000, height: 1 }, 50)).toEqual({ width: 50, height: 1 });
  });
});

describe('nextAttempt', () => {
  it('first lowers the quality, keeping the size', () => {
    expect(nextAttempt({ size: { width: 1600, height: 1200 }, quality: 0.65 }, 300_000, 200_000, 0.5)).toEqual({ size: { width: 1600, height: 1200 }, quality: 0.5 });
  });

  it('then shrinks by the square root of the overshoot (with a margin)', () => {
    const next = nextAttempt({ size: { width: 1600, height: 1200 }, quality: 0.5 }, 400_000, 100_000, 0.5);
    expect(next.quality).toBe(0.5);
    expect(next.size.width).toBe(Math.floor(1600 * 0.5 * 0.95));
    expect(next.size.width / next.size.height).toBeCloseTo(4 / 3, 2);
  });
});
