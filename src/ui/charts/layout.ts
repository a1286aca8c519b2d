/**
 * Chart margins, axis sizes and label offsets as a function of the font size, so that presentation mode (bigger
 * text) grows the room around the plot instead of letting labels run into ticks or off the edge.
 */
interface ChartLayout {
  /** Tick and axis-label font size, px. */
  fontSize: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Width of a y-axis: its longest tick label, the tick marks, and the rotated axis label beside them. */
  yAxisWidth: (tickLabels: readonly string[]) => number;
  /** Height of the x-axis: tick marks, tick labels and the axis label under them. */
  xAxisHeight: number;
  tickSize: number;
  /**
   * Tick length on x-axes: longer, so that the first and last x labels start below the bottom y tick label (which is
   * centred on the axis line) instead of running into it at the plot's corners.
   */
  xTickSize: number;
  /** Legend height (one line of text and a swatch). */
  legendHeight: number;
  /** Height of the plotting area itself. */
  plotHeight: number;
}

/** Average advance of a digit or sign in the UI's sans-serif, as a fraction of the font size (measured: ~0.56). */
const CHAR_WIDTH = 0.62;

export function chartLayout(fontSize: number, plotHeight: number, widestXTick = 4): ChartLayout {
  const tickSize = Math.round(fontSize * 0.4);
  const gap = Math.round(fontSize * 0.35);
  const xTickSize = Math.ceil(fontSize * 0.75);
  return {
    fontSize,
    tickSize,
    xTickSize,
    // Half the widest x tick label hangs past the plot's right end: room for it, so the last tick is not cut off.
    margin: { top: Math.round(fontSize * 0.6), right: Math.ceil((widestXTick * CHAR_WIDTH * fontSize) / 2) + gap, bottom: gap, left: gap },
    yAxisWidth: (labels) => {
      const chars = labels.reduce((m, s) => Math.max(m, s.length), 1);
      return Math.ceil(chars * CHAR_WIDTH * fontSize + tickSize + 2 * gap + fontSize * 1.3);
    },
    xAxisHeight: Math.ceil(xTickSize + fontSize * 2.75),
    legendHeight: Math.ceil(fontSize * 1.8),
    plotHeight: Math.round(plotHeight),
  };
}

/** Where the axis label sits: its text centre this far from the outer edge of the axis box. */
export function axisLabelOffset(fontSize: number): number {
  return Math.round(fontSize * 0.65);
}
