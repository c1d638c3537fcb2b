/**
 * The entity's places on the map: the server locates the places its records name, in time order
 * (the movement API over the entity's records), and the map screen's drawing shows them with the
 * path between them. A place the server cannot locate is left off and counted.
 */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { FlowMap } from '../map/flow-map.tsx';
import { placeStops } from '../map/places.ts';
import type { Movement } from '../map/types.ts';

/** The movement API takes at most this many records. */
const MAX_SEEDS = 50;

export default function EntityMap({ recordIds }: { readonly recordIds: readonly string[] }) {
  const { t } = useTranslation('entity');
  const seeds = recordIds.slice(0, MAX_SEEDS);
  const loaded = useLoad(
    (signal) => api<Movement>('/network/movement', { query: { seed: seeds.join(',') }, signal }),
    [seeds.join(',')],
  );
  return (
    <Loading loaded={loaded}>
      {(movement) => {
        const stops = placeStops(movement.itinerary);
        const placed = stops.filter((stop) => stop.location !== null).length;
        if (placed === 0) return null;
        return (
          <div data-testid="entity-map" data-placed={placed}>
            <FlowMap flows={[]} stops={stops} upTo={stops.length - 1} describe={() => ''} />
            {placed === stops.length ? null : (
              <Text size="xs" c="dimmed" mt={4}>
                {t('offMap', { count: stops.length - placed })}
              </Text>
            )}
          </div>
        );
      }}
    </Loading>
  );
}
