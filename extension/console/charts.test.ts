// The chart geometry, to the pixel: given numbers in, known rectangles and path out.
import { describe, expect, it } from 'vitest';
import { layoutBarChart, layoutLineChart, niceCeiling, type ChartBox } from './charts.ts';

/** Plot area: x 30…310 (280 wide), y 10…100 (90 high). */
const BOX: ChartBox = { width: 320, height: 120, padding: { top: 10, right: 10, bottom: 20, left: 30 } };

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten, never below the floor', () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 10, 11, 38, 99, 101, 640].map((value) => niceCeiling(value))).toEqual([
      1, 1, 1, 2, 5, 10, 10, 20, 50, 100, 200, 1000,
    ]);
    expect(niceCeiling(3, 10)).toBe(10);
    expect(niceCeiling(0.04, 0.01)).toBe(0.05);
  });
});

describe('layoutBarChart', () => {
  it('places one bar per value in the middle of its slot, scaled to a round maximum', () => {
    const layout = layoutBarChart(
      [
        { label: 'd1', value: 0 },
        { label: 'd2', value: 5 },
        { label: 'd3', value: 8 },
        { label: 'd4', value: 3 },
      ],
      BOX,
    );
    expect(layout.maxValue).toBe(10);
    expect(layout.slotWidth).toBe(70);
    expect(layout.baselineY).toBe(100);
    expect(layout.ticks).toEqual([
      { value: 0, y: 100 },
      { value: 5, y: 55 },
      { value: 10, y: 10 },
    ]);
    expect(layout.bars).toEqual([
      { x: 40.5, y: 100, width: 49, height: 0, label: 'd1', value: 0 },
      { x: 110.5, y: 55, width: 49, height: 45, label: 'd2', value: 5 },
      { x: 180.5, y: 28, width: 49, height: 72, label: 'd3', value: 8 },
      { x: 250.5, y: 73, width: 49, height: 27, label: 'd4', value: 3 },
    ]);
  });

  it('uses a forced maximum (an overlay on the same axis) and skips null values', () => {
    const layout = layoutBarChart(
      [
        { label: 'a', value: 2 },
        { label: 'b', value: null },
      ],
      BOX,
      { maxValue: 8 },
    );
    expect(layout.maxValue).toBe(8);
    expect(layout.bars).toEqual([{ x: 51, y: 77.5, width: 98, height: 22.5, label: 'a', value: 2 }]);
  });

  it('keeps an axis of 0…1 when every value is zero (no division by zero)', () => {
    const layout = layoutBarChart([{ label: 'a', value: 0 }], BOX);
    expect(layout.maxValue).toBe(1);
    expect(layout.bars[0]).toMatchObject({ y: 100, height: 0 });
  });
});

describe('layoutLineChart', () => {
  it('joins the points at the middle of each slot and breaks the line at a missing value', () => {
    const layout = layoutLineChart(
      [
        { label: 'd1', value: 10 },
        { label: 'd2', value: 20 },
        { label: 'd3', value: null },
        { label: 'd4', value: 5 },
      ],
      BOX,
      { minTop: 10 },
    );
    expect(layout.maxValue).toBe(20);
    expect(layout.points).toEqual([
      { x: 65, y: 55, label: 'd1', value: 10 },
      { x: 135, y: 10, label: 'd2', value: 20 },
      { x: 275, y: 77.5, label: 'd4', value: 5 },
    ]);
    expect(layout.path).toBe('M 65 55 L 135 10 M 275 77.5');
  });

  it('draws nothing for a series without values', () => {
    const layout = layoutLineChart(
      [
        { label: 'a', value: null },
        { label: 'b', value: null },
      ],
      BOX,
      { minTop: 10 },
    );
    expect(layout.points).toEqual([]);
    expect(layout.path).toBe('');
    expect(layout.maxValue).toBe(10);
  });
});
