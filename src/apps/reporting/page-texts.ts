/**
 * The words of the public tip page in each of its languages. Every language has every text (the
 * type says so); Arabic is written right to left.
 */
import type { TipConcern, TipLanguage, TipWhen } from '../../domain/reporting/index.ts';

/** The texts of one language. */
export interface PageTexts {
  readonly languageName: string;
  readonly direction: 'ltr' | 'rtl';
  readonly title: string;
  readonly skip: string;
  readonly emergencyTitle: string;
  readonly emergency: string;
  readonly intro: string;
  readonly anonymity: string;
  readonly dangerQuestion: string;
  readonly yes: string;
  readonly no: string;
  readonly notSure: string;
  readonly concernsQuestion: string;
  readonly concerns: Readonly<Record<TipConcern, string>>;
  readonly whereQuestion: string;
  readonly whereHint: string;
  readonly whenQuestion: string;
  readonly when: Readonly<Record<TipWhen, string>>;
  readonly whoQuestion: string;
  readonly whoHint: string;
  readonly vehiclesQuestion: string;
  readonly vehiclesHint: string;
  readonly phonesQuestion: string;
  readonly linksQuestion: string;
  readonly textQuestion: string;
  readonly textHint: string;
  readonly photosQuestion: string;
  readonly photosHint: string;
  readonly send: string;
  readonly thanksTitle: string;
  readonly thanks: string;
  readonly codeLabel: string;
  readonly codeAdvice: string;
  readonly followUpTitle: string;
  readonly followUpIntro: string;
  readonly followUpLink: string;
  readonly codeQuestion: string;
  readonly open: string;
  readonly unknownCode: string;
  readonly tooManyAttempts: string;
  readonly youSaid: string;
  readonly conversation: string;
  readonly noReplies: string;
  readonly fromYou: string;
  readonly fromUs: string;
  readonly addQuestion: string;
  readonly add: string;
  readonly added: string;
  readonly problemTitle: string;
  readonly saySomething: string;
  readonly badPhoto: string;
  readonly unavailable: string;
  readonly newReport: string;
  readonly language: string;
}

/** The tip page's texts, by language. */
export const PAGE_TEXTS: Readonly<Record<TipLanguage, PageTexts>> = {
  en: {
    languageName: 'English',
    direction: 'ltr',
    title: 'Report trafficking or exploitation',
    skip: 'Skip to the form',
    emergencyTitle: 'Is someone in danger right now?',
    emergency:
      'Call the emergency number at once: 112 in Europe, 911 in the Americas, or the local emergency number. Then tell us here if you can.',
    intro: 'Tell us what you saw or heard. Answer only what you know; every question may be left empty.',
    anonymity:
      'You do not have to give your name. We do not record your address, your device or your browser, and this page loads nothing from other sites.',
    dangerQuestion: 'Is someone in danger now?',
    yes: 'Yes',
    no: 'No',
    notSure: 'Not sure',
    concernsQuestion: 'What do you think is happening?',
    concerns: {
      sexual_exploitation: 'Sexual exploitation',
      forced_labour: 'Forced labour',
      domestic_servitude: 'Domestic servitude',
      forced_criminality: 'Forced crime',
      forced_begging: 'Forced begging',
      forced_marriage: 'Forced marriage',
      organ_removal: 'Organ removal',
      child_soldiering: 'Children used by armed groups',
      child_at_risk: 'A child at risk',
      smuggling: 'People smuggling',
      other: 'Something else',
    },
    whereQuestion: 'Where?',
    whereHint: 'Town, street, business or place',
    whenQuestion: 'When?',
    when: { now: 'Now', today: 'Today', this_week: 'This week', earlier: 'Earlier' },
    whoQuestion: 'Who did you see?',
    whoHint: 'Names, nicknames, ages, how they looked',
    vehiclesQuestion: 'Vehicles',
    vehiclesHint: 'Number plates, makes, colours',
    phonesQuestion: 'Phone numbers',
    linksQuestion: 'Online links or accounts (adverts, profiles)',
    textQuestion: 'What happened?',
    textHint: 'In your own words',
    photosQuestion: 'Photos (optional, up to 3)',
    photosHint: 'Location and camera details are removed before they are kept.',
    send: 'Send the report',
    thanksTitle: 'Thank you. Your report was received.',
    thanks: 'People trained to handle reports like yours will read it.',
    codeLabel: 'Your receipt code',
    codeAdvice:
      'Write this code down and keep it safe. It is the only way to read our replies or add information: we cannot show it again.',
    followUpTitle: 'Follow up on a report',
    followUpIntro: 'Enter the receipt code you were given to read replies or add information.',
    followUpLink: 'Already reported? Follow up with your receipt code',
    codeQuestion: 'Receipt code',
    open: 'Open',
    unknownCode: 'No report has this code. Check it and try again.',
    tooManyAttempts: 'Too many codes were tried. Please wait a minute and try again.',
    youSaid: 'What you reported',
    conversation: 'Messages',
    noReplies: 'No replies yet.',
    fromYou: 'You',
    fromUs: 'Reply',
    addQuestion: 'Add information',
    add: 'Send',
    added: 'Your information was added.',
    problemTitle: 'Please check the form',
    saySomething: 'Please tell us something about what you saw.',
    badPhoto: 'A photo could not be read; only JPEG, PNG, WebP and HEIC photos are taken.',
    unavailable: 'Reports cannot be taken here at the moment. If someone is in danger, call the emergency number.',
    newReport: 'Make another report',
    language: 'Language',
  },
  es: {
    languageName: 'Español',
    direction: 'ltr',
    title: 'Denunciar trata o explotación',
    skip: 'Ir al formulario',
    emergencyTitle: '¿Hay alguien en peligro ahora mismo?',
    emergency:
      'Llame de inmediato al número de emergencias: 112 en Europa, 911 en América o el número de emergencias local. Después, si puede, cuéntenoslo aquí.',
    intro: 'Cuéntenos lo que vio u oyó. Responda solo lo que sepa; puede dejar cualquier pregunta en blanco.',
    anonymity:
      'No tiene que dar su nombre. No registramos su dirección, su dispositivo ni su navegador, y esta página no carga nada de otros sitios.',
    dangerQuestion: '¿Hay alguien en peligro ahora?',
    yes: 'Sí',
    no: 'No',
    notSure: 'No lo sé',
    concernsQuestion: '¿Qué cree que está pasando?',
    concerns: {
      sexual_exploitation: 'Explotación sexual',
      forced_labour: 'Trabajo forzoso',
      domestic_servitude: 'Servidumbre doméstica',
      forced_criminality: 'Delitos forzados',
      forced_begging: 'Mendicidad forzada',
      forced_marriage: 'Matrimonio forzado',
      organ_removal: 'Extracción de órganos',
      child_soldiering: 'Niños utilizados por grupos armados',
      child_at_risk: 'Un niño o una niña en riesgo',
      smuggling: 'Tráfico ilícito de migrantes',
      other: 'Otra cosa',
    },
    whereQuestion: '¿Dónde?',
    whereHint: 'Ciudad, calle, negocio o lugar',
    whenQuestion: '¿Cuándo?',
    when: { now: 'Ahora', today: 'Hoy', this_week: 'Esta semana', earlier: 'Antes' },
    whoQuestion: '¿A quién vio?',
    whoHint: 'Nombres, apodos, edades, aspecto',
    vehiclesQuestion: 'Vehículos',
    vehiclesHint: 'Matrículas, marcas, colores',
    phonesQuestion: 'Números de teléfono',
    linksQuestion: 'Enlaces o cuentas en línea (anuncios, perfiles)',
    textQuestion: '¿Qué pasó?',
    textHint: 'Con sus propias palabras',
    photosQuestion: 'Fotos (opcional, hasta 3)',
    photosHint: 'Se eliminan la ubicación y los datos de la cámara antes de guardarlas.',
    send: 'Enviar la denuncia',
    thanksTitle: 'Gracias. Hemos recibido su denuncia.',
    thanks: 'La leerán personas formadas para atender denuncias como la suya.',
    codeLabel: 'Su código de recibo',
    codeAdvice:
      'Anote este código y guárdelo en un lugar seguro. Es la única forma de leer nuestras respuestas o añadir información: no podemos mostrarlo de nuevo.',
    followUpTitle: 'Seguimiento de una denuncia',
    followUpIntro: 'Introduzca su código de recibo para leer las respuestas o añadir información.',
    followUpLink: '¿Ya denunció? Haga el seguimiento con su código',
    codeQuestion: 'Código de recibo',
    open: 'Abrir',
    unknownCode: 'Ninguna denuncia tiene este código. Compruébelo e inténtelo de nuevo.',
    tooManyAttempts: 'Se han probado demasiados códigos. Espere un minuto e inténtelo de nuevo.',
    youSaid: 'Lo que denunció',
    conversation: 'Mensajes',
    noReplies: 'Todavía no hay respuestas.',
    fromYou: 'Usted',
    fromUs: 'Respuesta',
    addQuestion: 'Añadir información',
    add: 'Enviar',
    added: 'Se ha añadido su información.',
    problemTitle: 'Revise el formulario',
    saySomething: 'Cuéntenos algo de lo que vio.',
    badPhoto: 'No se pudo leer una foto; solo se aceptan fotos JPEG, PNG, WebP y HEIC.',
    unavailable:
      'Ahora no se pueden recibir denuncias aquí. Si alguien está en peligro, llame al número de emergencias.',
    newReport: 'Hacer otra denuncia',
    language: 'Idioma',
  },
  fr: {
    languageName: 'Français',
    direction: 'ltr',
    title: 'Signaler la traite ou l’exploitation',
    skip: 'Aller au formulaire',
    emergencyTitle: 'Quelqu’un est-il en danger en ce moment ?',
    emergency:
      'Appelez tout de suite le numéro d’urgence : 112 en Europe, 911 aux Amériques, ou le numéro d’urgence local. Ensuite, si vous le pouvez, dites-le-nous ici.',
    intro:
      'Dites-nous ce que vous avez vu ou entendu. Répondez seulement à ce que vous savez ; chaque question peut rester vide.',
    anonymity:
      'Vous n’avez pas à donner votre nom. Nous n’enregistrons ni votre adresse, ni votre appareil, ni votre navigateur, et cette page ne charge rien depuis d’autres sites.',
    dangerQuestion: 'Quelqu’un est-il en danger maintenant ?',
    yes: 'Oui',
    no: 'Non',
    notSure: 'Je ne sais pas',
    concernsQuestion: 'Que se passe-t-il selon vous ?',
    concerns: {
      sexual_exploitation: 'Exploitation sexuelle',
      forced_labour: 'Travail forcé',
      domestic_servitude: 'Servitude domestique',
      forced_criminality: 'Délinquance forcée',
      forced_begging: 'Mendicité forcée',
      forced_marriage: 'Mariage forcé',
      organ_removal: 'Prélèvement d’organes',
      child_soldiering: 'Enfants utilisés par des groupes armés',
      child_at_risk: 'Un enfant en danger',
      smuggling: 'Trafic de migrants',
      other: 'Autre chose',
    },
    whereQuestion: 'Où ?',
    whereHint: 'Ville, rue, commerce ou lieu',
    whenQuestion: 'Quand ?',
    when: { now: 'Maintenant', today: 'Aujourd’hui', this_week: 'Cette semaine', earlier: 'Avant' },
    whoQuestion: 'Qui avez-vous vu ?',
    whoHint: 'Noms, surnoms, âges, apparence',
    vehiclesQuestion: 'Véhicules',
    vehiclesHint: 'Plaques d’immatriculation, marques, couleurs',
    phonesQuestion: 'Numéros de téléphone',
    linksQuestion: 'Liens ou comptes en ligne (annonces, profils)',
    textQuestion: 'Que s’est-il passé ?',
    textHint: 'Avec vos propres mots',
    photosQuestion: 'Photos (facultatif, 3 au plus)',
    photosHint: 'La localisation et les données de l’appareil sont supprimées avant l’enregistrement.',
    send: 'Envoyer le signalement',
    thanksTitle: 'Merci. Votre signalement a été reçu.',
    thanks: 'Des personnes formées à ce type de signalement vont le lire.',
    codeLabel: 'Votre code de reçu',
    codeAdvice:
      'Notez ce code et gardez-le en lieu sûr. C’est le seul moyen de lire nos réponses ou d’ajouter des informations : nous ne pourrons pas l’afficher à nouveau.',
    followUpTitle: 'Suivre un signalement',
    followUpIntro: 'Saisissez votre code de reçu pour lire les réponses ou ajouter des informations.',
    followUpLink: 'Déjà signalé ? Suivez-le avec votre code de reçu',
    codeQuestion: 'Code de reçu',
    open: 'Ouvrir',
    unknownCode: 'Aucun signalement n’a ce code. Vérifiez-le et réessayez.',
    tooManyAttempts: 'Trop de codes ont été essayés. Attendez une minute et réessayez.',
    youSaid: 'Ce que vous avez signalé',
    conversation: 'Messages',
    noReplies: 'Pas encore de réponse.',
    fromYou: 'Vous',
    fromUs: 'Réponse',
    addQuestion: 'Ajouter des informations',
    add: 'Envoyer',
    added: 'Vos informations ont été ajoutées.',
    problemTitle: 'Vérifiez le formulaire',
    saySomething: 'Dites-nous quelque chose de ce que vous avez vu.',
    badPhoto: 'Une photo n’a pas pu être lue ; seules les photos JPEG, PNG, WebP et HEIC sont acceptées.',
    unavailable:
      'Les signalements ne peuvent pas être reçus ici pour le moment. Si quelqu’un est en danger, appelez le numéro d’urgence.',
    newReport: 'Faire un autre signalement',
    language: 'Langue',
  },
  ar: {
    languageName: 'العربية',
    direction: 'rtl',
    title: 'الإبلاغ عن الاتجار بالبشر أو الاستغلال',
    skip: 'انتقل إلى النموذج',
    emergencyTitle: 'هل هناك شخص في خطر الآن؟',
    emergency:
      'اتصل فورًا برقم الطوارئ: 112 في أوروبا، أو 911 في الأمريكتين، أو رقم الطوارئ المحلي. ثم أخبرنا هنا إن استطعت.',
    intro: 'أخبرنا بما رأيت أو سمعت. أجب فقط عمّا تعرفه؛ يمكنك ترك أي سؤال فارغًا.',
    anonymity: 'لست مضطرًا إلى ذكر اسمك. لا نسجّل عنوانك ولا جهازك ولا متصفحك، ولا تحمّل هذه الصفحة أي شيء من مواقع أخرى.',
    dangerQuestion: 'هل هناك شخص في خطر الآن؟',
    yes: 'نعم',
    no: 'لا',
    notSure: 'لست متأكدًا',
    concernsQuestion: 'ما الذي تعتقد أنه يحدث؟',
    concerns: {
      sexual_exploitation: 'استغلال جنسي',
      forced_labour: 'عمل قسري',
      domestic_servitude: 'استعباد منزلي',
      forced_criminality: 'إجبار على ارتكاب جرائم',
      forced_begging: 'تسوّل قسري',
      forced_marriage: 'زواج قسري',
      organ_removal: 'نزع الأعضاء',
      child_soldiering: 'استخدام الأطفال من قبل جماعات مسلحة',
      child_at_risk: 'طفل في خطر',
      smuggling: 'تهريب المهاجرين',
      other: 'شيء آخر',
    },
    whereQuestion: 'أين؟',
    whereHint: 'المدينة أو الشارع أو المحل أو المكان',
    whenQuestion: 'متى؟',
    when: { now: 'الآن', today: 'اليوم', this_week: 'هذا الأسبوع', earlier: 'قبل ذلك' },
    whoQuestion: 'من رأيت؟',
    whoHint: 'الأسماء أو الألقاب أو الأعمار أو الأوصاف',
    vehiclesQuestion: 'المركبات',
    vehiclesHint: 'أرقام اللوحات، الطرازات، الألوان',
    phonesQuestion: 'أرقام الهواتف',
    linksQuestion: 'روابط أو حسابات على الإنترنت (إعلانات، ملفات شخصية)',
    textQuestion: 'ماذا حدث؟',
    textHint: 'بكلماتك الخاصة',
    photosQuestion: 'صور (اختياري، حتى 3)',
    photosHint: 'تُحذف بيانات الموقع والكاميرا قبل حفظ الصور.',
    send: 'إرسال البلاغ',
    thanksTitle: 'شكرًا لك. لقد استلمنا بلاغك.',
    thanks: 'سيقرؤه أشخاص مدرَّبون على التعامل مع مثل هذه البلاغات.',
    codeLabel: 'رمز الإيصال الخاص بك',
    codeAdvice:
      'اكتب هذا الرمز واحفظه في مكان آمن. إنه الطريقة الوحيدة لقراءة ردودنا أو إضافة معلومات: لا يمكننا عرضه مرة أخرى.',
    followUpTitle: 'متابعة بلاغ',
    followUpIntro: 'أدخل رمز الإيصال لقراءة الردود أو إضافة معلومات.',
    followUpLink: 'هل أبلغت من قبل؟ تابع بلاغك برمز الإيصال',
    codeQuestion: 'رمز الإيصال',
    open: 'فتح',
    unknownCode: 'لا يوجد بلاغ بهذا الرمز. تحقّق منه وحاول مرة أخرى.',
    tooManyAttempts: 'جُرّبت رموز كثيرة. انتظر دقيقة ثم حاول مرة أخرى.',
    youSaid: 'ما أبلغت عنه',
    conversation: 'الرسائل',
    noReplies: 'لا توجد ردود بعد.',
    fromYou: 'أنت',
    fromUs: 'رد',
    addQuestion: 'إضافة معلومات',
    add: 'إرسال',
    added: 'أُضيفت معلوماتك.',
    problemTitle: 'يرجى مراجعة النموذج',
    saySomething: 'يرجى إخبارنا بشيء عمّا رأيت.',
    badPhoto: 'تعذّرت قراءة إحدى الصور؛ تُقبل فقط صور JPEG وPNG وWebP وHEIC.',
    unavailable: 'لا يمكن استقبال البلاغات هنا حاليًا. إذا كان شخص ما في خطر، فاتصل برقم الطوارئ.',
    newReport: 'تقديم بلاغ آخر',
    language: 'اللغة',
  },
};
