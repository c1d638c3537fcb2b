/** What extraction found in a tip's text, kind by kind: phones, e-mails, links, handles, plates, sums, places, names. */
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Extracted } from './types.ts';

/** Each kind's values as the analyst reads them (phones with their international form). */
function valuesOf(extracted: Extracted): { kind: keyof Extracted; values: string[] }[] {
  return [
    {
      kind: 'phones',
      values: (extracted.phones ?? []).map((phone) =>
        phone.raw === phone.e164 ? phone.e164 : `${phone.e164} (${phone.raw})`,
      ),
    },
    { kind: 'emails', values: [...(extracted.emails ?? [])] },
    { kind: 'links', values: (extracted.links ?? []).map((link) => link.url) },
    {
      kind: 'handles',
      values: (extracted.handles ?? []).map((handle) =>
        handle.platform === null ? handle.handle : `${handle.platform}: ${handle.handle}`,
      ),
    },
    { kind: 'plates', values: [...(extracted.plates ?? [])] },
    {
      kind: 'amounts',
      values: (extracted.amounts ?? []).map((amount) =>
        amount.currency === null ? amount.raw : `${amount.raw} (${amount.currency})`,
      ),
    },
    { kind: 'places', values: (extracted.places ?? []).map((place) => `${place.name} (${place.country})`) },
    { kind: 'names', values: [...(extracted.names ?? [])] },
  ];
}

export function ExtractedEntities({ extracted }: { readonly extracted: Extracted | null }) {
  const { t } = useTranslation('tips');
  const kinds = valuesOf(extracted ?? {}).filter((entry) => entry.values.length > 0);
  if (kinds.length === 0) return <Text c="dimmed">{t('detail.nothingFound')}</Text>;
  return (
    <Stack gap="xs">
      {kinds.map(({ kind, values }) => (
        <Group key={kind} gap="xs" data-testid={`extracted-${kind}`}>
          <Text size="sm" fw={600}>
            {t(`extracted.${kind}`)}:
          </Text>
          {values.map((value) => (
            <Badge key={value} variant="outline" color="gray.8" tt="none" dir="ltr">
              {value}
            </Badge>
          ))}
        </Group>
      ))}
    </Stack>
  );
}
