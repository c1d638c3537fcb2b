import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTITY_TYPES } from '../../../domain/model/registry.ts';
import * as taxonomy from '../../../domain/model/taxonomy.ts';
import * as envelope from '../../../domain/model/envelope.ts';

const model = {
  entityTypes: ENTITY_TYPES.map((definition) => ({
    name: definition.name,
    label: definition.label,
    description: definition.description,
    kind: definition.kind,
    ftm: definition.ftm ?? null,
    edge: definition.edge ?? null,
    caption: definition.caption,
    properties: Object.entries(definition.properties).map(([name, property]) => ({
      name,
      label: property.label,
      kind: property.kind,
      many: property.many,
      required: property.required,
      matchable: property.matchable,
      values: property.values ?? null,
      range: property.range ?? null,
      ftm: property.ftm ?? null,
    })),
  })),
  taxonomy: {
    exploitationTypes: taxonomy.EXPLOITATION_TYPES,
    recruitmentMethods: taxonomy.RECRUITMENT_METHODS,
    transportMethods: taxonomy.TRANSPORT_METHODS,
    controlMethods: taxonomy.CONTROL_METHODS,
    iloForcedLabourIndicators: taxonomy.ILO_FORCED_LABOUR_INDICATORS,
    sectors: taxonomy.SECTORS,
    businessCategories: taxonomy.BUSINESS_CATEGORIES,
  },
  markings: {
    tlp: envelope.TLP_LABELS,
    confidentiality: envelope.CONFIDENTIALITY_LEVELS,
    subjectCategories: envelope.SUBJECT_CATEGORIES,
    purposes: envelope.PURPOSES,
    legalBases: envelope.LEGAL_BASES,
  },
};

/** The entity model and taxonomy, for clients that build forms and mappings. */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/model',
    {
      schema: {
        tags: ['model'],
        summary: 'The entity types, their properties, the taxonomy and the sharing markings',
        response: { 200: z.unknown() },
      },
    },
    () => model,
  );
};
