import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { ILO_FORCED_LABOUR_INDICATORS } from '../taxonomy.ts';

/** One worker's answers to a worker-voice survey at a site. */
export const SurveyResponse = defineEntity({
  name: 'SurveyResponse',
  label: 'Survey response',
  description: "A worker's anonymous answers to a worker-voice survey, with the ILO indicators they show.",
  kind: 'event',
  personal: false,
  caption: ['campaign'],
  properties: {
    site: p.entity('Site', ['Site'], { required: true }),
    campaign: p.identifier('Survey campaign', { required: true }),
    respondedAt: p.datetime('Answered', { required: true }),
    channel: p.enum('Channel', ['sms', 'ussd', 'web', 'interview', 'other']),
    language: p.language('Language'),
    answers: p.text('Answers, as question=answer lines'),
    indicators: p.enum('ILO indicators shown', ILO_FORCED_LABOUR_INDICATORS, { many: true }),
    score: p.number('Risk score'),
    comment: p.text('Free comment'),
  },
});
