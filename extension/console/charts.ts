// Geometry of the console's small charts, as a pure function of the numbers: no chart library, no DOM, testable
// to the pixel. The components in chart-svg.tsx only draw what these functions computed.

export type ChartBox = {
  width: number;
  height: number;
  /** Room for the axis labels around the plot area. */
  padding: { top: number; right: number; bottom: number; left: number };
};

export type ChartDatum = { label: string; value: number | null };

export type Bar = { x: number; y: number; width: number; height: number; label: string; value: number };
export type LinePoint = { x: number; y: number; label: string; value: number };
export type Tick = { value: number; y: number };

export type ChartLayout = {
  /** The top of the value axis: a round number at or above the largest value. */
  maxValue: number;
  /** 0, half and the top of the axis, with their heights. */
  ticks: Tick[];
  /** The y of the zero line. */
  baselineY: number;
  /** The horizontal slot of each datum (bars and line points share it, so they line up). */
  slotWidth: number;
};

/** Two decimals: exact enough for a screen, and stable to compare in tests. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least `floor`): axes end on numbers people read at a glance. */
export function niceCeiling(value: number, floor = 1): number {
  const target = Math.max(value, floor);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= target - 1e-9) return step * magnitude;
  }
  return 10 * magnitude;
}

function plotArea(box: ChartBox) {
  return {
    left: box.padding.left,
    top: box.padding.top,
    width: box.width - box.padding.left - box.padding.right,
    height: box.height - box.padding.top - box.padding.bottom,
  };
}

function layoutAxis(
  data: ChartDatum[],
  box: ChartBox,
  maxValue: number | undefined,
  floor: number,
): ChartLayout & { yOf: (value: number) => number } {
  const plot = plotArea(box);
  const largest = Math.max(0, ...data.map((datum) => datum.value ?? 0));
  const top = maxValue ?? niceCeiling(largest, floor);
  const yOf = (value: number) => round(plot.top + plot.height * (1 - value / top));
  return {
    maxValue: top,
    ticks: [0, top / 2, top].map((value) => ({ value, y: yOf(value) })),
    baselineY: yOf(0),
    slotWidth: round(plot.width / Math.max(1, data.length)),
    yOf,
  };
}

/**
 * One bar per datum, left to right, each in the middle 70 % of its slot, rising from the zero line. A null value
 * draws no bar. `maxValue` forces the scale (to overlay two series on one axis).
 */
export function layoutBarChart(
  data: ChartDatum[],
  box: ChartBox,
  options: { maxValue?: number } = {},
): ChartLayout & { bars: Bar[] } {
  const { yOf, ...axis } = layoutAxis(data, box, options.maxValue, 1);
  const plot = plotArea(box);
  const slot = plot.width / Math.max(1, data.length);
  const barWidth = slot * 0.7;
  const bars = data.flatMap((datum, index) => {
    if (datum.value === null) return [];
    const y = yOf(datum.value);
    return [
      {
        x: round(plot.left + index * slot + (slot - barWidth) / 2),
        y,
        width: round(barWidth),
        height: round(axis.baselineY - y),
        label: datum.label,
        value: datum.value,
      },
    ];
  });
  return { ...axis, bars };
}

/**
 * A line through the middle of each slot; a null value (a day without mail has no bounce rate) breaks the line
 * rather than pretending it was zero. `path` is the SVG path data (`M x y L x y …`, a new `M` after every gap).
 */
export function layoutLineChart(
  data: ChartDatum[],
  box: ChartBox,
  options: { maxValue?: number; minTop?: number } = {},
): ChartLayout & { points: LinePoint[]; path: string } {
  const { yOf, ...axis } = layoutAxis(data, box, options.maxValue, options.minTop ?? 1);
  const plot = plotArea(box);
  const slot = plot.width / Math.max(1, data.length);
  const points: LinePoint[] = [];
  const commands: string[] = [];
  let previousWasPoint = false;
  data.forEach((datum, index) => {
    if (datum.value === null) {
      previousWasPoint = false;
      return;
    }
    const point = {
      x: round(plot.left + index * slot + slot / 2),
      y: yOf(datum.value),
      label: datum.label,
      value: datum.value,
    };
    points.push(point);
    commands.push(`${previousWasPoint ? 'L' : 'M'} ${point.x} ${point.y}`);
    previousWasPoint = true;
  });
  return { ...axis, points, path: commands.join(' ') };
}
