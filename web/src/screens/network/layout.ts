/**
 * ForceAtlas2 in a web worker, for a time that grows with the graph: the page stays responsive
 * while the records find their places, and the layout stops by itself once it has mostly settled.
 */
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type Graph from 'graphology-types';

/** How long the layout runs for a graph of `order` records (ms). */
export function layoutBudget(order: number): number {
  return Math.min(5000, 600 + order * 0.6);
}

/** Runs the layout for its budget; resolves when it stopped (or was cancelled). */
export function runLayout(graph: Graph, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (graph.order < 2 || signal.aborted) {
      resolve();
      return;
    }
    const supervisor = new FA2LayoutSupervisor(graph, {
      settings: { ...inferSettings(graph), barnesHutOptimize: graph.order > 500, adjustSizes: false },
    });
    const finish = () => {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      // kill() stops the worker and stops listening to the graph.
      supervisor.kill();
      resolve();
    };
    const timer = window.setTimeout(finish, layoutBudget(graph.order));
    signal.addEventListener('abort', finish);
    supervisor.start();
  });
}
