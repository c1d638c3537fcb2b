/**
 * How the workbench shows what the API hides or marks: a TLP label in its colour, the owner and
 * sector of a record, and "restricted" where a caption or a field is withheld from the reader
 * (the API never sends it; the screen says so instead of showing a blank).
 */
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** TLP 2.0's colours (FIRST), each drawn on black as the standard shows them: legible at any size. */
const TLP_COLOURS: Readonly<Record<string, string>> = {
  CLEAR: '#ffffff',
  GREEN: '#33ff00',
  AMBER: '#ffc000',
  'AMBER+STRICT': '#ffc000',
  RED: '#ff2b2b',
};

/** A TLP 2.0 label in its colour on black; nothing when the record has none. */
export function TlpBadge({ tlp }: { readonly tlp: string | null | undefined }) {
  const { t } = useTranslation();
  if (tlp === null || tlp === undefined) return null;
  return (
    <Badge size="sm" color="#000000" c={TLP_COLOURS[tlp] ?? '#ffffff'} aria-label={`${t('markings.tlp')}:${tlp}`}>
      TLP:{tlp}
    </Badge>
  );
}

/** A caption, or "restricted" (with why) when the API withheld it from the reader. */
export function Caption({ caption, fallback }: { readonly caption: string | null; readonly fallback?: string }) {
  const { t } = useTranslation();
  if (caption !== null && caption !== '') return <>{caption}</>;
  if (caption === '' && fallback !== undefined) return <>{fallback}</>;
  return (
    <Tooltip label={t('app.restrictedHelp')}>
      <Text span fs="italic" c="dimmed" data-restricted="true">
        {t('app.restricted')}
      </Text>
    </Tooltip>
  );
}

/** Owner organisation and sector of a record, with its TLP. */
export function Provenance({
  ownerOrganisation,
  sector,
  tlp,
}: {
  readonly ownerOrganisation: string;
  readonly sector?: string | undefined;
  readonly tlp?: string | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Text size="xs" c="dimmed">
        {t('markings.owner')}: {ownerOrganisation}
      </Text>
      {sector === undefined ? null : (
        <Text size="xs" c="dimmed">
          · {t('markings.sector')}: {sector}
        </Text>
      )}
      <TlpBadge tlp={tlp} />
    </Group>
  );
}
