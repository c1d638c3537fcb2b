import { Command } from 'commander';
import { withConfiguredStore } from '../../open-store.ts';
import { Resolver, type ResolutionRun } from '../../resolution/resolver.ts';

/** What a run did, in one line. */
export function describeRun(run: ResolutionRun): string {
  const trained = run.trainedOn === null ? '' : `; model learnt on ${run.trainedOn} people`;
  return `resolved ${run.records} records (${run.people} people, ${run.links} links)${trained}`;
}

/** `weft resolve`: resolves the records not resolved yet (the server does it as records arrive). */
export function resolveCommand(): Command {
  return new Command('resolve')
    .description(
      'Resolve the records not resolved yet: identifiers, links between records of one person, entities (the server does it as records arrive)',
    )
    .option('--retrain', 'learn the match parameters again from every person first')
    .action(async (options: { retrain?: boolean }) => {
      const started = Date.now();
      const run = await withConfiguredStore(async (store) => {
        const resolver = new Resolver(store);
        if (options.retrain === true) await resolver.ensureModel(true);
        return resolver.resolvePending();
      });
      process.stdout.write(`${describeRun(run)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
}
