/**
 * The series as a chart (ECharts, only the parts used): a line or a stacked bar per group, a gap
 * where a count is withheld and a grey diamond on the axis marking it. Periods run right to left
 * in Arabic; numbers and dates follow the language.
 */
import { Box } from '@mantine/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trends } from './types.ts';

use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** How the groups are drawn. */
export type ChartKind = 'line' | 'bar';

interface TrendChartProps {
  readonly trends: Trends;
  readonly labels: readonly string[];
  readonly period: (period: string) => string;
  readonly kind: ChartKind;
  readonly summary: string;
}

function optionOf(
  { trends, labels, period, kind }: TrendChartProps,
  words: Words,
  rtl: boolean,
  format: Intl.NumberFormat,
): Option {
  const groups: (LineSeriesOption | BarSeriesOption)[] = trends.series.map((series, index) => {
    const data = series.points.map((point) => (point.suppressed ? null : point.count));
    const name = labels[index] ?? series.group;
    return kind === 'line'
      ? { type: 'line', name, data, connectNulls: false, showSymbol: true, symbolSize: 6 }
      : { type: 'bar', name, data, stack: 'groups' };
  });
  // Withheld cells: a mark on the axis of their period (their value is not known, only that it is small).
  const withheld: [number, number][] = trends.series.flatMap((series) =>
    series.points.flatMap((point, index): [number, number][] => (point.suppressed ? [[index, 0]] : [])),
  );
  const marks: ScatterSeriesOption = {
    type: 'scatter',
    name: words.suppressedMark,
    data: withheld,
    symbol: 'diamond',
    symbolSize: 11,
    itemStyle: { color: '#4a4a4a' },
    tooltip: { show: false },
    z: 5,
  };
  return {
    animation: false,
    grid: { containLabel: true, left: 16, right: 16, top: 48, bottom: 8 },
    legend: { type: 'scroll', top: 0, [rtl ? 'right' : 'left']: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? format.format(value) : words.suppressed),
    },
    xAxis: {
      type: 'category',
      data: trends.periods.map(period),
      inverse: rtl,
      boundaryGap: kind === 'bar',
    },
    yAxis: {
      type: 'value',
      position: rtl ? 'right' : 'left',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => format.format(value) },
    },
    series: withheld.length === 0 ? groups : [...groups, marks],
  };
}

interface Words {
  readonly suppressed: string;
  readonly suppressedMark: string;
}

export function TrendChart(props: TrendChartProps) {
  const { t, i18n } = useTranslation('trends');
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const rtl = i18n.dir() === 'rtl';

  useEffect(() => {
    if (container.current === null) return;
    const made = init(container.current, undefined, { renderer: 'canvas' });
    chart.current = made;
    const observer = new ResizeObserver(() => {
      made.resize();
    });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      chart.current = null;
      made.dispose();
    };
  }, []);

  useEffect(() => {
    const words = { suppressed: t('suppressed'), suppressedMark: t('suppressedMark') };
    chart.current?.setOption(optionOf(props, words, rtl, new Intl.NumberFormat(i18n.language)), { notMerge: true });
  }, [props, rtl, t, i18n.language]);

  return <Box ref={container} h={360} role="img" aria-label={props.summary} data-testid="trend-chart" />;
}
