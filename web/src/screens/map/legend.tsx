/** The map's legend: each stage's colour, and how withheld flows and a movement are drawn. */
import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STAGE_COLOURS, STAGES } from './types.ts';

function Swatch({ colour, dashed = false }: { readonly colour: string; readonly dashed?: boolean }) {
  return (
    <Box
      aria-hidden="true"
      w={28}
      h={0}
      style={{ borderBlockStart: `${dashed ? 2 : 4}px ${dashed ? 'dashed' : 'solid'} ${colour}` }}
    />
  );
}

export function Legend() {
  const { t } = useTranslation('map');
  return (
    <Stack gap={4} component="section" aria-labelledby="map-legend">
      <Text fw={600} size="sm" id="map-legend">
        {t('legend')}
      </Text>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {STAGES.map((stage) => (
          <Group component="li" key={stage} gap="xs" wrap="nowrap">
            <Swatch colour={STAGE_COLOURS[stage]} />
            <Text size="sm">{t(`stages.${stage}`)}</Text>
          </Group>
        ))}
        <Group component="li" gap="xs" wrap="nowrap">
          <Swatch colour="#5F5F5F" dashed />
          <Text size="sm">{t('legendWithheld')}</Text>
        </Group>
        <Group component="li" gap="xs" wrap="nowrap">
          <Swatch colour="#1f1f1f" />
          <Text size="sm">{t('legendMovement')}</Text>
        </Group>
      </Box>
      <Text size="xs" c="dimmed">
        {t('legendWidth')}
      </Text>
    </Stack>
  );
}
