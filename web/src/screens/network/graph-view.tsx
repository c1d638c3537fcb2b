/**
 * The network drawn by sigma (WebGL): the graph is updated in place by the screen, the layout runs
 * in a worker after each change, colours, sizes and rings come from reducers over an overlay (no
 * React render per record). Click selects, double-click expands. The drawing is not accessible by
 * itself: the screen gives the same selection and actions in a list.
 */
import '@react-sigma/core/lib/style.css';
import { Box, Text } from '@mantine/core';
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import { runLayout } from './layout.ts';
import {
  communityColour,
  EDGE_COLOURS,
  kindColour,
  OTHER_COMMUNITY,
  RING,
  riskBand,
  type EdgeAttributes,
  type NetworkGraph,
  type NodeAttributes,
} from './network-model.ts';
import { ringedNodeProgram, type RingDisplay } from './ring-program.ts';

/** What the drawing shows over the records: the analysis chosen, the selection, a path. */
export interface Overlay {
  readonly colourBy: 'kind' | 'community';
  /** Record → its community's rank by size. */
  readonly communities: ReadonlyMap<string, number>;
  /** Record → betweenness scaled to 0…1, when brokers are shown. */
  readonly brokers: ReadonlyMap<string, number> | null;
  /** Record → risk from notices, when risk is shown. */
  readonly risk: ReadonlyMap<string, number> | null;
  readonly selected: string | null;
  readonly path: { readonly nodes: ReadonlySet<string>; readonly edges: ReadonlySet<string> } | null;
}

/** A change of the graph to lay out: its number and when it began (for the timing shown). */
export interface LayoutRound {
  readonly round: number;
  readonly startedAt: number;
}

const SETTINGS: Partial<Settings<NodeAttributes, EdgeAttributes>> = {
  defaultNodeType: 'ringed',
  nodeProgramClasses: { ringed: ringedNodeProgram<NodeAttributes, EdgeAttributes>() },
  renderEdgeLabels: false,
  labelRenderedSizeThreshold: 9,
  labelFont: 'system-ui, sans-serif',
  hideEdgesOnMove: true,
  zIndex: true,
  allowInvalidContainer: true,
};

const DIMMED = '#e5e7eb';

function useNodeStyle(overlay: Overlay, restricted: string) {
  const sigma = useSigma<NodeAttributes, EdgeAttributes>();
  useEffect(() => {
    const graph = sigma.getGraph();
    const onPath = overlay.path;
    sigma.setSetting('nodeReducer', (node, attributes) => {
      const data = attributes as unknown as NodeDisplayData & NodeAttributes;
      const community = overlay.communities.get(node);
      let color =
        overlay.colourBy === 'community'
          ? community === undefined
            ? OTHER_COMMUNITY
            : communityColour(community)
          : kindColour(attributes.kind);
      const broker = overlay.brokers?.get(node);
      const size = overlay.brokers === null ? attributes.size : broker === undefined ? 2.5 : 5 + Math.sqrt(broker) * 17;
      const risk = overlay.risk?.get(node);
      const ringColor = attributes.protected
        ? RING.protected
        : risk === undefined || risk <= 0
          ? undefined
          : RING[riskBand(risk)];
      const inPath = onPath?.nodes.has(node) ?? false;
      if (onPath !== null && !inPath) color = DIMMED;
      const selected = overlay.selected === node;
      const styled: NodeDisplayData & RingDisplay = {
        ...data,
        label: attributes.caption ?? restricted,
        color,
        size: inPath ? Math.max(size, 7) : size,
        ringColor,
        highlighted: selected,
        forceLabel: selected || inPath,
        zIndex: selected || inPath ? 2 : broker === undefined ? 0 : 1,
      };
      return styled;
    });
    sigma.setSetting('edgeReducer', (edge, attributes) => {
      const data = attributes as unknown as EdgeDisplayData & EdgeAttributes;
      const highlighted = onPath?.edges.has(edge) ?? false;
      const touching =
        overlay.selected !== null &&
        (graph.source(edge) === overlay.selected || graph.target(edge) === overlay.selected);
      const styled: EdgeDisplayData = {
        ...data,
        color: highlighted
          ? '#312e81'
          : onPath !== null
            ? '#f3f4f6'
            : touching
              ? '#374151'
              : EDGE_COLOURS[attributes.basis],
        size: highlighted ? 4 : touching ? Math.max(2, attributes.size) : attributes.size,
        zIndex: highlighted || touching ? 1 : 0,
      };
      return styled;
    });
  }, [sigma, overlay, restricted]);
}

function GraphBehaviour({
  overlay,
  layout,
  focus,
  onSelect,
  onExpand,
  onLaidOut,
}: {
  readonly overlay: Overlay;
  readonly layout: LayoutRound;
  readonly focus: { readonly id: string; readonly round: number } | null;
  readonly onSelect: (id: string | null) => void;
  readonly onExpand: (id: string) => void;
  readonly onLaidOut: (state: 'running' | 'settled', milliseconds?: number) => void;
}) {
  const { t } = useTranslation('network');
  const sigma = useSigma<NodeAttributes, EdgeAttributes>();
  const registerEvents = useRegisterEvents<NodeAttributes, EdgeAttributes>();
  const handlers = useRef({ onSelect, onExpand, onLaidOut });
  handlers.current = { onSelect, onExpand, onLaidOut };
  useNodeStyle(overlay, t('app.restricted'));

  useEffect(() => {
    registerEvents({
      clickNode: (event) => {
        handlers.current.onSelect(event.node);
      },
      doubleClickNode: (event) => {
        // Sigma would zoom in; here a double-click expands the record.
        event.preventSigmaDefault();
        handlers.current.onExpand(event.node);
      },
      clickStage: () => {
        handlers.current.onSelect(null);
      },
    });
  }, [registerEvents]);

  useEffect(() => {
    const controller = new AbortController();
    handlers.current.onLaidOut('running');
    void runLayout(sigma.getGraph(), controller.signal).then(() => {
      if (controller.signal.aborted) return;
      sigma.once('afterRender', () => {
        handlers.current.onLaidOut('settled', performance.now() - layout.startedAt);
      });
      void sigma.getCamera().animatedReset({ duration: 0 });
      sigma.refresh();
    });
    return () => {
      controller.abort();
    };
  }, [sigma, layout]);

  useEffect(() => {
    if (focus === null || !sigma.getGraph().hasNode(focus.id)) return;
    const shown = sigma.getNodeDisplayData(focus.id);
    if (shown === undefined) return;
    void sigma.getCamera().animate({ x: shown.x, y: shown.y, ratio: 0.5 }, { duration: 400 });
  }, [sigma, focus]);

  return null;
}

/** The drawing, its counts and layout state as data attributes (for tests and benchmarks). */
export function GraphView({
  graph,
  overlay,
  layout,
  focus,
  onSelect,
  onExpand,
}: {
  readonly graph: NetworkGraph;
  readonly overlay: Overlay;
  readonly layout: LayoutRound;
  readonly focus: { readonly id: string; readonly round: number } | null;
  readonly onSelect: (id: string | null) => void;
  readonly onExpand: (id: string) => void;
}) {
  const { t } = useTranslation('network');
  const [state, setState] = useState<{ phase: 'running' | 'settled'; milliseconds?: number }>({ phase: 'running' });
  return (
    <Box
      component="section"
      aria-label={t('graph.label')}
      data-testid="network-graph"
      data-node-count={graph.order}
      data-edge-count={graph.size}
      data-layout={state.phase}
      data-layout-round={layout.round}
      data-layout-ms={state.milliseconds === undefined ? undefined : Math.round(state.milliseconds)}
      bd="1px solid var(--mantine-color-gray-4)"
      style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}
    >
      <SigmaContainer graph={graph} settings={SETTINGS} style={{ height: 560, width: '100%' }}>
        <GraphBehaviour
          overlay={overlay}
          layout={layout}
          focus={focus}
          onSelect={onSelect}
          onExpand={onExpand}
          onLaidOut={(phase, milliseconds) => {
            setState(milliseconds === undefined ? { phase } : { phase, milliseconds });
          }}
        />
      </SigmaContainer>
      <Text size="xs" c="dimmed" px="xs" py={4} role="status" aria-live="polite">
        {state.phase === 'running' ? t('graph.layingOut') : t('graph.help')}
      </Text>
    </Box>
  );
}
