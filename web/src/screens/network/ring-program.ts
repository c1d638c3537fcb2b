/**
 * A circle with a coloured ring behind it (risk from notices, protected victims): sigma's circle
 * drawn twice, first larger in the ring's colour, then the record itself on top.
 */
import type { Attributes } from 'graphology-types';
import { createNodeCompoundProgram, NodeCircleProgram, type NodeProgramType } from 'sigma/rendering';
import type { NodeDisplayData } from 'sigma/types';

/** What the node reducer adds for the ring: its colour, or none. */
export interface RingDisplay {
  readonly ringColor?: string | undefined;
}

class RingBehindProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodeCircleProgram<N, E, G> {
  override processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData & RingDisplay): void {
    const ring = data.ringColor;
    super.processVisibleItem(nodeIndex, startIndex, {
      ...data,
      color: ring ?? data.color,
      // No ring: a circle of size 0 draws nothing.
      size: ring === undefined ? 0 : data.size + Math.max(2.5, data.size * 0.45),
    });
  }
}

/** The graph's node program: the ring, then the circle. */
export function ringedNodeProgram<
  N extends Attributes,
  E extends Attributes,
  G extends Attributes = Attributes,
>(): NodeProgramType<N, E, G> {
  return createNodeCompoundProgram<N, E, G>([RingBehindProgram<N, E, G>, NodeCircleProgram<N, E, G>]);
}
