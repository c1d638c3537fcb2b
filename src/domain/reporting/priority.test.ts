import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';
import {
  assessPriority,
  CHILD_CUES,
  DANGER_CUES,
  EXPLOITATION_CUES,
  URGENCY_CUES,
  type PriorityInput,
} from './priority.ts';

/** A tip with its entities extracted, as triage sees it. */
function tip(text: string, extra: Partial<Omit<PriorityInput, 'text' | 'entities'>> = {}): PriorityInput {
  return { inDanger: null, text, entities: extractEntities(text, { defaultCountry: 'GB' }), ...extra };
}

const priorityOf = (text: string, extra?: Partial<Omit<PriorityInput, 'text' | 'entities'>>) =>
  assessPriority(tip(text, extra)).priority;

describe('tip priority: emergency', () => {
  it('is an emergency when the reporter says someone is in danger now, with that reason', () => {
    const assessment = assessPriority(tip('There is a woman at the back of the shop', { inDanger: true }));
    expect(assessment.priority).toBe('emergency');
    expect(assessment.reasons).toContain('The reporter says someone is in danger now');
  });

  it('is an emergency on danger cues in each language, whatever the case and accents', () => {
    expect(priorityOf("She is LOCKED IN the flat and can't leave")).toBe('emergency');
    expect(priorityOf('The man has a gun')).toBe('emergency');
    expect(priorityOf('please help me')).toBe('emergency');
    expect(priorityOf('Está encerrada en un piso, socorro')).toBe('emergency');
    expect(priorityOf('ayudenme por favor')).toBe('emergency');
    expect(priorityOf('Elle est sequestree, au secours')).toBe('emergency');
    expect(priorityOf('il a un COUTEAU')).toBe('emergency');
    expect(priorityOf('النجدة! هناك فتاة محتجزة')).toBe('emergency');
    // Arabic joins "and" and the article to the word: "وبالسكين" is "and with the knife".
    expect(priorityOf('هددها وبالسكين')).toBe('emergency');
  });

  it('names the cues it found, with their language', () => {
    const { reasons } = assessPriority(tip('Socorro, tiene una pistola'));
    expect(reasons[0]).toBe('The text has words of danger: “pistola” (es), “socorro” (es)');
  });

  it('is an emergency when a child is mentioned with exploitation, in words or as the chosen type', () => {
    expect(priorityOf('A 14-year-old girl is made to see clients')).toBe('emergency');
    expect(priorityOf('una niña obligada a prostitución')).toBe('emergency');
    expect(priorityOf('des mineures dans une maison close')).toBe('emergency');
    expect(priorityOf('طفلة تجبر على التسول')).toBe('emergency');
    expect(priorityOf('طفلة في بيت دعارة')).toBe('emergency');
    expect(priorityOf('Young girls at the house on the corner', { exploitationTypes: ['sexual_exploitation'] })).toBe(
      'emergency',
    );
  });

  it('matches cues on whole words only', () => {
    expect(priorityOf('He wears a shotgun-style jacket and knifes the bread; we unarmed ourselves')).toBe('normal');
    expect(priorityOf('Los armarios del almacén están llenos de cajas')).toBe('normal');
    expect(priorityOf('Les armoires du magasin sont pleines de cartons')).toBe('normal');
  });
});

describe('tip priority: high', () => {
  it('is high for a child at risk', () => {
    expect(priorityOf('There are children living above the car wash')).toBe('high');
    expect(priorityOf('Hay menores de edad en el local de la calle')).toBe('high');
    expect(priorityOf('Il y a des enfants dans le garage du voisin')).toBe('high');
    expect(priorityOf('يوجد أطفال في المستودع بالقرب من المحطة')).toBe('high');
    expect(
      priorityOf('Something is wrong at the farm behind our house', { exploitationTypes: ['child_at_risk'] }),
    ).toBe('high');
  });

  it('is high when it is happening now or today', () => {
    expect(priorityOf('The van with the workers is outside the factory', { when: 'now' })).toBe('high');
    expect(priorityOf('The van with the workers came to the factory', { when: 'today' })).toBe('high');
    expect(priorityOf('The van is outside the factory right now')).toBe('high');
    expect(priorityOf('La furgoneta está en la fábrica ahora mismo')).toBe('high');
    expect(priorityOf('La camionnette est devant l’usine en ce moment')).toBe('high');
    expect(priorityOf('الشاحنة أمام المصنع الآن')).toBe('high');
  });

  it('is high for identifiers and a place, with the reason', () => {
    const assessment = assessPriority(tip('The agent in Leeds answers on 07911 123456'));
    expect(assessment.priority).toBe('high');
    expect(assessment.reasons).toEqual(['The tip carries identifiers (1 phone) and a place (Leeds)']);
    expect(priorityOf('El coche con matrícula 1234 BCD va a Madrid')).toBe('high');
    expect(priorityOf('Une annonce site.com/ad/123 pour Paris')).toBe('high');
    expect(priorityOf('إعلان على site.com/ad/123 في لندن')).toBe('high');
  });
});

describe('tip priority: normal and low', () => {
  it('is normal for an ordinary tip, and for identifiers without a place', () => {
    const assessment = assessPriority(tip('The workers at the car wash look tired and never get a day off'));
    expect(assessment.priority).toBe('normal');
    expect(assessment.reasons).toHaveLength(1);
    expect(priorityOf('Call this number about the jobs: 07911 123456')).toBe('normal');
    expect(priorityOf('Los trabajadores del almacén nunca tienen un día libre')).toBe('normal');
    expect(priorityOf('Les ouvriers de la ferme ne sont jamais payés')).toBe('normal');
    expect(priorityOf('العمال في المزرعة لا يحصلون على أجر أبدا')).toBe('normal');
  });

  it('is low for a very short text naming nothing', () => {
    expect(priorityOf('something odd')).toBe('low');
    expect(priorityOf('algo raro')).toBe('low');
    expect(priorityOf('bizarre')).toBe('low');
    expect(priorityOf('شيء غريب')).toBe('low');
    expect(assessPriority(tip('hmm')).reasons).toEqual(['The text is very short and names nothing to act on']);
  });

  it('is not low when a short text still names something or says danger', () => {
    expect(priorityOf('07911 123456')).toBe('normal');
    expect(priorityOf('in London')).toBe('normal');
    expect(priorityOf('socorro')).toBe('emergency');
    expect(priorityOf('hmm', { inDanger: true })).toBe('emergency');
  });
});

describe('cue lists', () => {
  it('have cues in each of the four languages', () => {
    for (const cues of [DANGER_CUES, CHILD_CUES, EXPLOITATION_CUES, URGENCY_CUES]) {
      expect(Object.keys(cues).sort()).toEqual(['ar', 'en', 'es', 'fr']);
      for (const list of Object.values(cues)) expect(list.length).toBeGreaterThan(0);
    }
  });

  it('make every danger cue, alone, an emergency', () => {
    for (const list of Object.values(DANGER_CUES)) {
      for (const cue of list) expect(priorityOf(`x ${cue} x`), cue).toBe('emergency');
    }
  });
});
