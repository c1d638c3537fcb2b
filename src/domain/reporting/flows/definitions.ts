/**
 * The reporting flows, as data: a tip from the public, a request for help from a victim, and the
 * worker-voice survey answered by supply-chain workers, plus the USSD opening menu. Texts are short
 * because they are read on basic phones: every screen fits a USSD page or pages, and every SMS
 * prompt fits two messages.
 */
import type { IndicatorId } from '../worker-voice.ts';
import {
  ENGINE_TEXTS,
  type ChoiceOption,
  type ChoiceStep,
  type FlowDefinition,
  type ReportingFlowId,
  type Texts,
} from './flow.ts';

/** The options of a yes/no question. */
function yesNo(yesNext: string, noNext: string): ChoiceOption[] {
  return [
    { key: 'yes', label: ENGINE_TEXTS.yes, next: yesNext },
    { key: 'no', label: ENGINE_TEXTS.no, next: noNext },
  ];
}

/** The single option that moves on from a screen of guidance. */
function continueTo(next: string): ChoiceOption[] {
  return [{ key: 'continue', label: { en: 'Continue', es: 'Continuar', fr: 'Continuer', ar: 'متابعة' }, next }];
}

/** What a timed-out USSD session is told: a USSD session is restarted by dialling, not by a keyword. */
const USSD_ENDED: Texts = {
  en: 'Your session has ended. Dial the service code again to start over.',
  es: 'Su sesión ha terminado. Para empezar de nuevo, marque el código del servicio.',
  fr: 'Votre session est terminée. Composez à nouveau le code du service pour recommencer.',
  ar: 'انتهت جلستك. اطلب رمز الخدمة مرة أخرى للبدء من جديد.',
};

/** The emergency guidance shown when someone is in danger now, before anything else is asked. */
const EMERGENCY_GUIDANCE = {
  tip: {
    en: 'If someone is in danger now, call 112 or 911 or your local emergency number. Then tell us more here.',
    es: 'Si alguien está en peligro ahora, llame al 112, al 911 o al número de emergencias local. Luego cuéntenos más aquí.',
    fr: "Si quelqu'un est en danger maintenant, appelez le 112, le 911 ou le numéro d'urgence local. Ensuite, donnez-nous plus de détails ici.",
    ar: 'إذا كان أحد في خطر الآن، اتصل بالرقم 112 أو 911 أو برقم الطوارئ المحلي. ثم أخبرنا بالمزيد هنا.',
  },
  help: {
    en: 'If you are in danger, call 112 or 911 or your local emergency number now. If you can, keep talking to us here.',
    es: 'Si está en peligro, llame ahora al 112, al 911 o al número de emergencias local. Si puede, siga escribiéndonos aquí.',
    fr: "Si vous êtes en danger, appelez maintenant le 112, le 911 ou le numéro d'urgence local. Si vous le pouvez, continuez à nous écrire ici.",
    ar: 'إذا كنت في خطر، اتصل الآن بالرقم 112 أو 911 أو برقم الطوارئ المحلي. إن استطعت، تابع التواصل معنا هنا.',
  },
} as const satisfies Record<string, Texts>;

/** A tip from the public: what, where, when, and what was seen. */
export const TIP_FLOW: FlowDefinition = {
  id: 'tip',
  version: 1,
  title: {
    en: 'Report trafficking',
    es: 'Denunciar la trata',
    fr: 'Signaler la traite',
    ar: 'الإبلاغ عن الاتجار بالبشر',
  },
  start: 'danger',
  danger: { field: 'danger', key: 'yes' },
  keywords: {
    en: ['REPORT', 'TIP'],
    es: ['DENUNCIA', 'REPORTAR', 'DENUNCIAR'],
    fr: ['SIGNALER', 'ALERTE', 'SIGNALEMENT'],
    ar: ['بلاغ', 'إبلاغ'],
  },
  ended: {
    sms: {
      en: 'This conversation has ended. To make a new report, send REPORT.',
      es: 'Esta conversación ha terminado. Para hacer una nueva denuncia, envíe DENUNCIA.',
      fr: 'Cette conversation est terminée. Pour faire un nouveau signalement, envoyez SIGNALER.',
      ar: 'انتهت هذه المحادثة. لتقديم بلاغ جديد، أرسل كلمة بلاغ.',
    },
    ussd: USSD_ENDED,
  },
  steps: {
    danger: {
      kind: 'choice',
      prompt: {
        en: 'Is someone in danger right now?',
        es: '¿Hay alguien en peligro en este momento?',
        fr: "Quelqu'un est-il en danger en ce moment ?",
        ar: 'هل يوجد شخص في خطر الآن؟',
      },
      options: yesNo('danger_guidance', 'what'),
    },
    danger_guidance: { kind: 'choice', prompt: EMERGENCY_GUIDANCE.tip, options: continueTo('what') },
    what: {
      kind: 'choice',
      prompt: { en: 'What is happening?', es: '¿Qué está pasando?', fr: 'Que se passe-t-il ?', ar: 'ماذا يحدث؟' },
      options: [
        {
          key: 'sexual_exploitation',
          label: {
            en: 'Sexual exploitation',
            es: 'Explotación sexual',
            fr: 'Exploitation sexuelle',
            ar: 'استغلال جنسي',
          },
          next: 'where',
        },
        {
          key: 'forced_labour',
          label: { en: 'Forced labour', es: 'Trabajo forzoso', fr: 'Travail forcé', ar: 'عمل قسري' },
          next: 'where',
        },
        {
          key: 'domestic_servitude',
          label: {
            en: 'Domestic servitude',
            es: 'Servidumbre doméstica',
            fr: 'Servitude domestique',
            ar: 'استعباد منزلي',
          },
          next: 'where',
        },
        {
          key: 'forced_begging_or_crime',
          label: {
            en: 'Forced begging or crime',
            es: 'Mendicidad o delitos forzados',
            fr: 'Mendicité ou délits forcés',
            ar: 'تسول أو جرائم بالإكراه',
          },
          next: 'where',
        },
        {
          key: 'child_at_risk',
          label: { en: 'A child at risk', es: 'Un niño o niña en riesgo', fr: 'Un enfant en danger', ar: 'طفل في خطر' },
          next: 'where',
        },
        {
          key: 'smuggling',
          label: {
            en: 'People smuggling',
            es: 'Tráfico de migrantes',
            fr: 'Trafic de migrants',
            ar: 'تهريب المهاجرين',
          },
          next: 'where',
        },
        {
          key: 'other',
          label: { en: 'Something else', es: 'Otra cosa', fr: 'Autre chose', ar: 'شيء آخر' },
          next: 'where',
        },
      ],
    },
    where: {
      kind: 'text',
      field: 'where',
      validate: 'any',
      maxLength: 200,
      prompt: {
        en: 'Where is it happening? Give the town and the place, like a street, shop or farm.',
        es: '¿Dónde ocurre? Indique la ciudad y el lugar, como una calle, tienda o finca.',
        fr: 'Où cela se passe-t-il ? Indiquez la ville et le lieu : rue, magasin, ferme...',
        ar: 'أين يحدث ذلك؟ اذكر المدينة والمكان، مثل الشارع أو المتجر أو المزرعة.',
      },
      next: 'when',
    },
    when: {
      kind: 'choice',
      prompt: { en: 'When did you see it?', es: '¿Cuándo lo vio?', fr: "Quand l'avez-vous vu ?", ar: 'متى رأيت ذلك؟' },
      options: [
        {
          key: 'now',
          label: { en: 'It is happening now', es: 'Está pasando ahora', fr: 'En ce moment', ar: 'يحدث الآن' },
          next: 'seen',
        },
        {
          key: 'today',
          label: { en: 'Earlier today', es: 'Hoy, más temprano', fr: "Plus tôt aujourd'hui", ar: 'في وقت سابق اليوم' },
          next: 'seen',
        },
        {
          key: 'this_week',
          label: { en: 'This week', es: 'Esta semana', fr: 'Cette semaine', ar: 'هذا الأسبوع' },
          next: 'seen',
        },
        {
          key: 'earlier',
          label: {
            en: 'Before this week',
            es: 'Antes de esta semana',
            fr: 'Avant cette semaine',
            ar: 'قبل هذا الأسبوع',
          },
          next: 'seen',
        },
      ],
    },
    seen: {
      kind: 'text',
      field: 'seen',
      validate: 'any',
      maxLength: 600,
      optional: true,
      prompt: {
        en: 'Who and what did you see? People, ages, vehicles, anything that stood out.',
        es: '¿A quién y qué vio? Personas, edades, vehículos, cualquier detalle llamativo.',
        fr: "Qui et qu'avez-vous vu ? Personnes, âges, véhicules, tout détail frappant.",
        ar: 'من رأيت وماذا رأيت؟ أشخاص، أعمار، مركبات، أي تفاصيل لافتة.',
      },
      next: 'contacts',
    },
    contacts: {
      kind: 'text',
      field: 'contacts',
      validate: 'any',
      maxLength: 400,
      optional: true,
      prompt: {
        en: 'Did you see phone numbers or online links, like ads or profiles? Send them here.',
        es: '¿Vio números de teléfono o enlaces en internet, como anuncios o perfiles? Envíelos aquí.',
        fr: 'Avez-vous vu des numéros de téléphone ou des liens en ligne (annonces, profils) ? Envoyez-les ici.',
        ar: 'هل رأيت أرقام هواتف أو روابط على الإنترنت، مثل إعلانات أو حسابات؟ أرسلها هنا.',
      },
      next: 'thanks',
    },
    thanks: {
      kind: 'end',
      message: {
        en: 'Thank you. Your report can help protect people. Keep the code we send you to follow up.',
        es: 'Gracias. Guarde este código de seguimiento.',
        fr: 'Merci. Votre signalement peut aider à protéger des personnes. Gardez le code envoyé pour le suivi.',
        ar: 'شكرًا لك. احتفظ بهذا الرمز للمتابعة.',
      },
    },
  },
};

/** A request for help from someone who may be a victim: safety first, then what they need. */
export const HELP_FLOW: FlowDefinition = {
  id: 'help',
  version: 1,
  title: { en: 'Get help', es: 'Pedir ayuda', fr: "Demander de l'aide", ar: 'طلب المساعدة' },
  start: 'safe',
  danger: { field: 'safe', key: 'no' },
  keywords: { en: ['HELP'], es: ['AYUDA'], fr: ['AIDE'], ar: ['مساعدة'] },
  ended: {
    sms: {
      en: 'This conversation has ended. To ask for help again, send HELP.',
      es: 'Esta conversación ha terminado. Para pedir ayuda de nuevo, envíe AYUDA.',
      fr: "Cette conversation est terminée. Pour demander de l'aide à nouveau, envoyez AIDE.",
      ar: 'انتهت هذه المحادثة. لطلب المساعدة مرة أخرى، أرسل كلمة مساعدة.',
    },
    ussd: USSD_ENDED,
  },
  steps: {
    safe: {
      kind: 'choice',
      prompt: {
        en: 'Are you safe right now?',
        es: '¿Está a salvo en este momento?',
        fr: 'Êtes-vous en sécurité en ce moment ?',
        ar: 'هل أنت في أمان الآن؟',
      },
      options: yesNo('need', 'safety_guidance'),
    },
    safety_guidance: { kind: 'choice', prompt: EMERGENCY_GUIDANCE.help, options: continueTo('need') },
    need: {
      kind: 'choice',
      prompt: { en: 'What do you need?', es: '¿Qué necesita?', fr: 'De quoi avez-vous besoin ?', ar: 'ماذا تحتاج؟' },
      options: [
        {
          key: 'leave_a_place',
          label: { en: 'To leave a place', es: 'Salir de un lugar', fr: 'Quitter un lieu', ar: 'مغادرة مكان ما' },
          next: 'location',
        },
        {
          key: 'medical_help',
          label: { en: 'Medical help', es: 'Atención médica', fr: 'Des soins médicaux', ar: 'مساعدة طبية' },
          next: 'location',
        },
        {
          key: 'shelter',
          label: {
            en: 'A safe place to stay',
            es: 'Un lugar seguro donde quedarme',
            fr: 'Un lieu sûr où dormir',
            ar: 'مكان آمن للإقامة',
          },
          next: 'location',
        },
        {
          key: 'legal_advice',
          label: { en: 'Legal advice', es: 'Asesoría legal', fr: 'Des conseils juridiques', ar: 'استشارة قانونية' },
          next: 'location',
        },
        {
          key: 'talk_to_someone',
          label: {
            en: 'To talk to someone',
            es: 'Hablar con alguien',
            fr: "Parler à quelqu'un",
            ar: 'التحدث مع شخص ما',
          },
          next: 'location',
        },
      ],
    },
    location: {
      kind: 'text',
      field: 'location',
      validate: 'any',
      maxLength: 200,
      optional: true,
      prompt: {
        en: 'Where are you? Town or place. Only if it is safe to say.',
        es: '¿Dónde está? Ciudad o lugar. Solo si es seguro decirlo.',
        fr: 'Où êtes-vous ? Ville ou lieu. Seulement si vous pouvez le dire sans danger.',
        ar: 'أين أنت؟ المدينة أو المكان. فقط إذا كان ذكر ذلك آمنًا.',
      },
      next: 'contact',
    },
    contact: {
      kind: 'text',
      field: 'contact',
      validate: 'yes_no',
      maxLength: 10,
      prompt: {
        en: 'May we contact you on this number?',
        es: '¿Podemos contactarle en este número?',
        fr: 'Pouvons-nous vous contacter à ce numéro ?',
        ar: 'هل يمكننا التواصل معك على هذا الرقم؟',
      },
      next: 'next_steps',
    },
    next_steps: {
      kind: 'end',
      message: {
        en: 'You are not alone. A trained helper will read your message. If you said yes, we will contact you on this number. In danger? Call 112 or 911.',
        es: 'Leeremos su mensaje. ¿En peligro? 112 o 911.',
        fr: 'Nous sommes là pour vous. Une personne formée lira votre message et vous appellera si vous avez dit oui. En danger ? Appelez le 112 ou le 911.',
        ar: 'سنقرأ رسالتك. في خطر؟ اتصل بالرقم 112 أو 911.',
      },
    },
  },
};

/** The answers to a question asked as how often: never, sometimes, often. */
function frequency(next: string): ChoiceOption[] {
  return [
    { key: 'never', label: { en: 'Never', es: 'Nunca', fr: 'Jamais', ar: 'أبدًا' }, next },
    { key: 'sometimes', label: { en: 'Sometimes', es: 'A veces', fr: 'Parfois', ar: 'أحيانًا' }, next },
    { key: 'often', label: { en: 'Often', es: 'A menudo', fr: 'Souvent', ar: 'غالبًا' }, next },
  ];
}

/**
 * A survey question measuring one ILO indicator. Every question is worded so that yes (or often)
 * means the indicator is present, which is what lets scoring read answers without a key per question.
 */
function indicatorQuestion(
  indicator: IndicatorId,
  answers: 'yes_no' | 'frequency',
  next: string,
  prompt: Texts,
): ChoiceStep {
  return { kind: 'choice', prompt, indicator, options: answers === 'yes_no' ? yesNo(next, next) : frequency(next) };
}

/**
 * The worker-voice survey: a site code (unless sent with the keyword), then one question per ILO
 * forced-labour indicator in words a worker uses, after "ILO Indicators of Forced Labour" (2012).
 */
export const WORKER_VOICE_FLOW: FlowDefinition = {
  id: 'worker_voice',
  version: 1,
  title: {
    en: 'Worker survey',
    es: 'Encuesta para trabajadores',
    fr: 'Enquête auprès des travailleurs',
    ar: 'استبيان العمال',
  },
  start: 'site',
  keywords: { en: ['SURVEY'], es: ['ENCUESTA'], fr: ['ENQUETE', 'ENQUÊTE'], ar: ['استبيان'] },
  ended: {
    sms: {
      en: 'This survey has ended. To start again, send SURVEY and the site code.',
      es: 'Esta encuesta ha terminado. Para empezar de nuevo, envíe ENCUESTA y el código del lugar.',
      fr: 'Cette enquête est terminée. Pour recommencer, envoyez ENQUETE et le code du site.',
      ar: 'انتهى هذا الاستبيان. للبدء من جديد، أرسل كلمة استبيان ورمز الموقع.',
    },
    ussd: USSD_ENDED,
  },
  steps: {
    site: {
      kind: 'text',
      field: 'site',
      validate: 'code',
      maxLength: 20,
      prompt: {
        en: 'This survey is anonymous. Enter the site code from the poster at your workplace.',
        es: 'Esta encuesta es anónima. Escriba el código del lugar que aparece en el cartel de su trabajo.',
        fr: "Cette enquête est anonyme. Saisissez le code du site indiqué sur l'affiche de votre lieu de travail.",
        ar: 'هذا الاستبيان مجهول الهوية. أدخل رمز الموقع المكتوب على الملصق في مكان عملك.',
      },
      next: 'taken_advantage',
    },
    taken_advantage: indicatorQuestion('abuse_of_vulnerability', 'yes_no', 'promises_broken', {
      en: 'Does your employer take advantage of you because you lack papers, money or the language?',
      es: '¿Su empleador se aprovecha de usted porque no tiene papeles, dinero o no habla el idioma?',
      fr: "Votre employeur profite-t-il de vous parce que vous n'avez ni papiers ni argent, ou ne parlez pas la langue ?",
      ar: 'هل يستغلك صاحب العمل لأنك بلا أوراق أو مال أو لا تتكلم اللغة؟',
    }),
    promises_broken: indicatorQuestion('deception', 'yes_no', 'movement_restricted', {
      en: 'Is your job, pay or housing different from what you were promised?',
      es: '¿Su trabajo, su sueldo o su vivienda son distintos de lo que le prometieron?',
      fr: 'Votre travail, votre salaire ou votre logement sont-ils différents de ce qui vous a été promis ?',
      ar: 'هل عملك أو أجرك أو سكنك مختلف عما وُعدت به؟',
    }),
    movement_restricted: indicatorQuestion('restriction_of_movement', 'frequency', 'contact_restricted', {
      en: 'Are you stopped from leaving the workplace or housing in your free time?',
      es: '¿Le impiden salir del trabajo o de la vivienda en su tiempo libre?',
      fr: 'Vous empêche-t-on de quitter le lieu de travail ou le logement pendant votre temps libre ?',
      ar: 'هل تُمنع من مغادرة مكان العمل أو السكن في وقت فراغك؟',
    }),
    contact_restricted: indicatorQuestion('isolation', 'frequency', 'violence', {
      en: 'Are you stopped from using a phone or contacting family and friends?',
      es: '¿Le impiden usar el teléfono o comunicarse con su familia y amigos?',
      fr: "Vous empêche-t-on d'utiliser un téléphone ou de contacter votre famille et vos amis ?",
      ar: 'هل تُمنع من استخدام الهاتف أو التواصل مع عائلتك وأصدقائك؟',
    }),
    violence: indicatorQuestion('physical_and_sexual_violence', 'yes_no', 'threats', {
      en: 'Has anyone at work hit, hurt or sexually abused you or a co-worker?',
      es: '¿Alguien en el trabajo le ha golpeado, lastimado o abusado sexualmente de usted o de un compañero?',
      fr: "Quelqu'un au travail vous a-t-il frappé, blessé ou agressé sexuellement, vous ou un collègue ?",
      ar: 'هل قام أحد في العمل بضربك أو إيذائك أو الاعتداء عليك أو على زميل جنسيًا؟',
    }),
    threats: indicatorQuestion('intimidation_and_threats', 'frequency', 'documents_kept', {
      en: 'Are workers threatened, for example with punishment, dismissal or the police?',
      es: '¿Amenazan a los trabajadores, por ejemplo con castigos, despidos o con la policía?',
      fr: 'Menace-t-on les travailleurs, par exemple de sanctions, de renvoi ou de la police ?',
      ar: 'هل يتعرض العمال للتهديد، مثلًا بالعقاب أو الفصل أو بالشرطة؟',
    }),
    documents_kept: indicatorQuestion('retention_of_identity_documents', 'yes_no', 'pay_withheld', {
      en: 'Has your employer or agent kept your passport or ID card?',
      es: '¿Su empleador o agente se ha quedado con su pasaporte o documento de identidad?',
      fr: "Votre employeur ou votre agent a-t-il gardé votre passeport ou votre carte d'identité ?",
      ar: 'هل احتفظ صاحب العمل أو الوكيل بجواز سفرك أو بطاقة هويتك؟',
    }),
    pay_withheld: indicatorQuestion('withholding_of_wages', 'frequency', 'debt', {
      en: 'Is your pay late, held back or less than agreed?',
      es: '¿Su pago llega tarde, se lo retienen o es menor de lo acordado?',
      fr: 'Votre salaire est-il versé en retard, retenu ou inférieur à ce qui était convenu ?',
      ar: 'هل يتأخر أجرك أو يُحجز أو يكون أقل من المتفق عليه؟',
    }),
    debt: indicatorQuestion('debt_bondage', 'yes_no', 'conditions', {
      en: 'Do you owe money to your employer or recruiter that you must work to pay back?',
      es: '¿Debe dinero a su empleador o reclutador que tiene que pagar con trabajo?',
      fr: "Devez-vous à votre employeur ou recruteur de l'argent à rembourser en travaillant ?",
      ar: 'هل أنت مدين لصاحب العمل أو لمن جلبك للعمل بمال عليك سداده بالعمل؟',
    }),
    conditions: indicatorQuestion('abusive_working_and_living_conditions', 'frequency', 'overtime', {
      en: 'Are your work or living conditions unsafe, unhealthy or degrading?',
      es: '¿Sus condiciones de trabajo o de vivienda son peligrosas, insalubres o humillantes?',
      fr: 'Vos conditions de travail ou de logement sont-elles dangereuses, insalubres ou dégradantes ?',
      ar: 'هل ظروف عملك أو سكنك خطيرة أو غير صحية أو مهينة؟',
    }),
    overtime: indicatorQuestion('excessive_overtime', 'frequency', 'thanks', {
      en: 'Are you made to work more hours than agreed, or without a day off?',
      es: '¿Le obligan a trabajar más horas de lo acordado o sin días de descanso?',
      fr: "Vous oblige-t-on à travailler plus d'heures que prévu, ou sans jour de repos ?",
      ar: 'هل تُجبر على العمل ساعات أكثر من المتفق عليه أو دون يوم راحة؟',
    }),
    thanks: {
      kind: 'end',
      message: {
        en: 'Thank you. Your answers are anonymous and help improve conditions at this workplace.',
        es: 'Gracias. Sus respuestas son anónimas y ayudan a mejorar este lugar de trabajo.',
        fr: 'Merci. Vos réponses sont anonymes et aident à améliorer les conditions sur ce lieu de travail.',
        ar: 'شكرًا لك. إجاباتك مجهولة الهوية وتساعد على تحسين ظروف العمل في هذا المكان.',
      },
    },
  },
};

/** The language screen is read before a language is known, so it speaks all four at once. */
const EVERY_LANGUAGE = (text: string): Texts => ({ en: text, es: text, fr: text, ar: text });

/**
 * The USSD opening menu: a language screen, then a choice of flow. It ends at `chosen`, whose
 * message is never shown: `continueSession` hands the session straight to the chosen flow.
 */
export const MENU_FLOW: FlowDefinition = {
  id: 'menu',
  version: 1,
  title: { en: 'Menu', es: 'Menú', fr: 'Menu', ar: 'القائمة' },
  start: 'language',
  keywords: { en: [], es: [], fr: [], ar: [] },
  ended: {
    sms: {
      en: 'This conversation has ended. Send REPORT, HELP or SURVEY to start again.',
      es: 'Esta conversación ha terminado. Envíe DENUNCIA, AYUDA o ENCUESTA para empezar de nuevo.',
      fr: 'Cette conversation est terminée. Envoyez SIGNALER, AIDE ou ENQUETE pour recommencer.',
      ar: 'انتهت هذه المحادثة. أرسل بلاغ أو مساعدة أو استبيان للبدء من جديد.',
    },
    ussd: USSD_ENDED,
  },
  steps: {
    language: {
      kind: 'choice',
      setsLanguage: true,
      prompt: EVERY_LANGUAGE('Language / Idioma / Langue / اللغة'),
      problem: EVERY_LANGUAGE('1-4 ?'),
      options: [
        { key: 'en', label: EVERY_LANGUAGE('English'), next: 'service' },
        { key: 'es', label: EVERY_LANGUAGE('Español'), next: 'service' },
        { key: 'fr', label: EVERY_LANGUAGE('Français'), next: 'service' },
        { key: 'ar', label: EVERY_LANGUAGE('العربية'), next: 'service' },
      ],
    },
    service: {
      kind: 'choice',
      prompt: {
        en: 'Welcome. What would you like to do?',
        es: 'Elija:',
        fr: 'Bienvenue. Que souhaitez-vous faire ?',
        ar: 'ماذا تريد؟',
      },
      options: [
        {
          key: 'tip',
          label: {
            en: 'Report trafficking',
            es: 'Denunciar la trata',
            fr: 'Signaler la traite',
            ar: 'الإبلاغ عن اتجار بالبشر',
          },
          next: 'chosen',
        },
        {
          key: 'help',
          label: {
            en: 'Get help for myself',
            es: 'Pedir ayuda para mí',
            fr: "Demander de l'aide pour moi",
            ar: 'طلب مساعدة لنفسي',
          },
          next: 'chosen',
        },
        {
          key: 'worker_voice',
          label: {
            en: 'Worker survey',
            es: 'Encuesta de trabajadores',
            fr: 'Questionnaire travailleurs',
            ar: 'استبيان العمال',
          },
          next: 'chosen',
        },
      ],
    },
    chosen: {
      kind: 'end',
      message: { en: 'One moment.', es: 'Un momento.', fr: 'Un instant.', ar: 'لحظة من فضلك.' },
    },
  },
};

/** The reporting flows by id. */
export const FLOWS: Readonly<Record<ReportingFlowId, FlowDefinition>> = {
  tip: TIP_FLOW,
  help: HELP_FLOW,
  worker_voice: WORKER_VOICE_FLOW,
};
