/**
 * Trends and routes: counts over time by group and flows between places, as dashboards and the map
 * draw them, with small cells suppressed so that no victim can be re-identified (no count of 1 to
 * 10 is shown, and none withheld can be recomputed from totals and the counts shown). Pure: what
 * is counted is read, and what the reader may see is decided, before these functions run.
 */
export {
  bridges,
  SMALLEST_SHOWN,
  suppressTable,
  type PublishedMargins,
  type ShownCount,
  type SuppressedTable,
  type SuppressionOptions,
} from './suppression.ts';
export {
  dayOf,
  INTERVALS,
  periodOf,
  periodsBetween,
  trendSeries,
  type Fact,
  type Interval,
  type TrendPoint,
  type Trends,
  type TrendSeries,
  wholePeriods,
} from './series.ts';
export {
  ALL,
  factsOf,
  GROUPINGS,
  GROUPINGS_OF,
  groupsOf,
  MEASURES,
  UNKNOWN,
  WITHHELD,
  type Counted,
  type Grouping,
  type Measure,
} from './measures.ts';
export { cityLookup, comparable, type Place, type PlaceLookup, type PlaceName } from './places.ts';
export {
  ELSEWHERE_NAME,
  flowMap,
  stageOf,
  STAGES,
  type Flow,
  type FlowEnd,
  type FlowMap,
  type Leg,
  type Stage,
} from './flows.ts';
