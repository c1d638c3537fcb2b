/**
 * How the dashboard names groups and periods in the reader's language: countries by Intl, sectors
 * and forms of exploitation from the screen's strings, the server's special groups ("all",
 * "(unknown)", "(withheld)") in words; record, alert, notice and typology types as the server names them.
 */
import type { TFunction } from 'i18next';
import type { Grouping, Interval } from './types.ts';

/** A group's name for the reader. */
export function groupLabel(t: TFunction<'trends'>, language: string, by: Grouping, group: string): string {
  if (group === 'all') return t('groups.all');
  if (group === '(unknown)') return t('groups.unknown');
  if (group === '(withheld)') return t('groups.withheld');
  if (by === 'country') {
    try {
      return new Intl.DisplayNames(language, { type: 'region' }).of(group) ?? group;
    } catch {
      return group;
    }
  }
  if (by === 'sector') return t(`sectors.${group}`, { defaultValue: group });
  if (by === 'exploitationType') return t(`exploitation.${group}`, { defaultValue: group });
  return group;
}

/** A period (YYYY-MM, or the Monday YYYY-MM-DD of a week) as the reader writes dates. */
export function periodFormatter(language: string, interval: Interval): (period: string) => string {
  const format =
    interval === 'month'
      ? new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (period) => {
    const day = interval === 'month' ? `${period}-01` : period;
    const time = Date.parse(`${day}T00:00:00Z`);
    return Number.isNaN(time) ? period : format.format(new Date(time));
  };
}
