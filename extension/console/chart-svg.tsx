// Draws the layouts of charts.ts as plain inline SVG: rectangles, one path, axis text. Nothing else runs.
import {
  layoutBarChart,
  layoutLineChart,
  type Bar,
  type ChartBox,
  type ChartDatum,
  type ChartLayout,
} from './charts.ts';

export const CHART_BOX: ChartBox = { width: 640, height: 200, padding: { top: 12, right: 12, bottom: 26, left: 44 } };

/** Labels are `YYYY-MM-DD`: the axis shows `MM-DD` for the first, middle and last day. */
function XLabels({ data, layout, box }: { data: ChartDatum[]; layout: ChartLayout; box: ChartBox }) {
  const indexes = [...new Set([0, Math.floor((data.length - 1) / 2), data.length - 1])].filter((index) => index >= 0);
  return (
    <g class="chart-axis">
      {indexes.map((index) => (
        <text
          key={index}
          x={box.padding.left + layout.slotWidth * (index + 0.5)}
          y={box.height - 8}
          text-anchor="middle"
        >
          {data[index]!.label.slice(5)}
        </text>
      ))}
    </g>
  );
}

function Grid({
  layout,
  box,
  formatValue,
}: {
  layout: ChartLayout;
  box: ChartBox;
  formatValue: (value: number) => string;
}) {
  return (
    <g class="chart-axis">
      {layout.ticks.map((tick) => (
        <g key={tick.value}>
          <line class="chart-grid" x1={box.padding.left} x2={box.width - box.padding.right} y1={tick.y} y2={tick.y} />
          <text x={box.padding.left - 6} y={tick.y + 4} text-anchor="end">
            {formatValue(tick.value)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** One series of bars, each with its value as a tooltip. */
function Bars({
  bars,
  barClass,
  formatValue,
}: {
  bars: Bar[];
  barClass: string;
  formatValue: (value: number) => string;
}) {
  return (
    <>
      {bars.map((bar) => (
        <rect
          key={bar.label}
          class={barClass}
          x={bar.x}
          y={bar.y}
          width={bar.width}
          height={bar.height}
          data-value={bar.value}
        >
          <title>{`${bar.label}: ${formatValue(bar.value)}`}</title>
        </rect>
      ))}
    </>
  );
}

export type BarChartProps = {
  title: string;
  data: ChartDatum[];
  /** A second series drawn over the first on the same scale (bounces over all mail). */
  overlay?: ChartDatum[];
  formatValue?: (value: number) => string;
  box?: ChartBox;
};

export function BarChart({ title, data, overlay, formatValue = String, box = CHART_BOX }: BarChartProps) {
  const layout = layoutBarChart(data, box);
  const overlayBars = overlay ? layoutBarChart(overlay, box, { maxValue: layout.maxValue }).bars : [];
  return (
    <svg class="chart" viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={title} data-chart="bars">
      <title>{title}</title>
      <Grid layout={layout} box={box} formatValue={formatValue} />
      <Bars bars={layout.bars} barClass="chart-bar" formatValue={formatValue} />
      <Bars bars={overlayBars} barClass="chart-bar-overlay" formatValue={formatValue} />
      <XLabels data={data} layout={layout} box={box} />
    </svg>
  );
}

export type LineChartProps = {
  title: string;
  data: ChartDatum[];
  formatValue?: (value: number) => string;
  maxValue?: number;
  minTop?: number;
  box?: ChartBox;
};

export function LineChart({ title, data, formatValue = String, maxValue, minTop, box = CHART_BOX }: LineChartProps) {
  const layout = layoutLineChart(data, box, {
    ...(maxValue !== undefined ? { maxValue } : {}),
    ...(minTop !== undefined ? { minTop } : {}),
  });
  return (
    <svg class="chart" viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={title} data-chart="line">
      <title>{title}</title>
      <Grid layout={layout} box={box} formatValue={formatValue} />
      {layout.path && <path class="chart-line" d={layout.path} />}
      {layout.points.map((point) => (
        <circle key={point.label} class="chart-point" cx={point.x} cy={point.y} r={3} data-value={point.value}>
          <title>{`${point.label}: ${formatValue(point.value)}`}</title>
        </circle>
      ))}
      <XLabels data={data} layout={layout} box={box} />
    </svg>
  );
}
