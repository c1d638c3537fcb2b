/**
 * The public tip page, rendered on the server as plain HTML forms: it works without JavaScript
 * (as in Tor Browser at its safest), loads nothing but its own stylesheet, and keeps nothing in the
 * browser. Every text comes from PAGE_TEXTS in the reader's language; Arabic pages run right to left.
 */
import { TIP_CONCERNS, TIP_LANGUAGES, TIP_WHEN, type TipLanguage } from '../../domain/reporting/index.ts';
import { PAGE_TEXTS } from './page-texts.ts';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The page's language: the one asked for in the address, else the browser's first we speak, else English. */
export function pickLanguage(asked: string | undefined, acceptLanguage: string | undefined): TipLanguage {
  const known = (code: string | undefined): TipLanguage | undefined =>
    TIP_LANGUAGES.find((language) => language === code?.trim().toLowerCase().slice(0, 2));
  const fromQuery = known(asked);
  if (fromQuery !== undefined) return fromQuery;
  const preferences = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, position) => {
      const [tag, ...parameters] = part.split(';');
      const weight = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/u.exec(parameter)?.[1]).find(Boolean);
      return { tag, weight: weight === undefined ? 1 : Number(weight), position };
    })
    .filter((preference) => Number.isFinite(preference.weight) && preference.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  for (const preference of preferences) {
    const language = known(preference.tag);
    if (language !== undefined) return language;
  }
  return 'en';
}

/** The stylesheet, served from the page's own origin (the policy allows no inline style). */
export const REPORT_STYLESHEET = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a; --accent: #0b4f8a; --danger: #8a1111; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.5 system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif; color: var(--ink); background: #fff; }
main, header, footer { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; justify-content: space-between; padding-top: 1rem; }
nav ul { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; flex-wrap: wrap; }
a { color: var(--accent); }
a:focus, input:focus, textarea:focus, button:focus, select:focus { outline: 3px solid #e8a200; outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: -999px; }
.skip:focus { position: static; }
.emergency { border: 3px solid var(--danger); padding: .75rem 1rem; margin: 1rem 0; }
.emergency h2 { color: var(--danger); margin: 0 0 .25rem; font-size: 1.2rem; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: .5rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
fieldset label { font-weight: 400; margin-top: .25rem; }
.hint { color: var(--muted); font-size: .95rem; margin: .1rem 0 .25rem; }
input[type=text], textarea { width: 100%; font: inherit; padding: .5rem; border: 1px solid var(--line); border-radius: 3px; }
textarea { min-height: 7rem; }
button { font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 3px; padding: .6rem 1.2rem; margin: 1rem 0; cursor: pointer; }
.code { font: 700 1.5rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: .08em; direction: ltr; unicode-bidi: isolate; border: 2px dashed var(--ink); padding: .75rem; display: inline-block; }
.problem { border-inline-start: 4px solid var(--danger); padding: .25rem .75rem; }
.message { border-inline-start: 4px solid var(--line); padding: .25rem .75rem; margin: .5rem 0; white-space: pre-wrap; }
.message.reply { border-color: var(--accent); }
.said { white-space: pre-wrap; }
`;

/** The shell around every page: language, direction, switcher, the emergency guidance first. */
function shell(language: TipLanguage, title: string, path: string, body: string): string {
  const texts = PAGE_TEXTS[language];
  const switcher = TIP_LANGUAGES.map((other) => {
    const name = escapeHtml(PAGE_TEXTS[other].languageName);
    return other === language
      ? `<li><span aria-current="true" lang="${other}">${name}</span></li>`
      : `<li><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${name}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="${language}" dir="${texts.direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/report/style.css">
</head>
<body>
<a class="skip" href="#content">${escapeHtml(texts.skip)}</a>
<header>
<strong>${escapeHtml(texts.title)}</strong>
<nav aria-label="${escapeHtml(texts.language)}"><ul>${switcher}</ul></nav>
</header>
<main id="content">
<section class="emergency" aria-labelledby="emergency-title">
<h2 id="emergency-title">${escapeHtml(texts.emergencyTitle)}</h2>
<p>${escapeHtml(texts.emergency)}</p>
</section>
${body}
</main>
</body>
</html>
`;
}

/** What a reporter typed, kept when the form is shown again with a problem. */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

const valueOf = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};
const chosen = (values: FormValues, name: string, option: string): boolean => {
  const value = values[name];
  return typeof value === 'string' ? value === option : (value ?? []).includes(option);
};

function textField(values: FormValues, name: string, label: string, hint?: string, area = false) {
  const hintId = `${name}-hint`;
  const described = hint === undefined ? '' : ` aria-describedby="${hintId}"`;
  const hintHtml = hint === undefined ? '' : `<p class="hint" id="${hintId}">${escapeHtml(hint)}</p>`;
  const value = escapeHtml(valueOf(values, name));
  const control = area
    ? `<textarea id="${name}" name="${name}" maxlength="10000"${described}>${value}</textarea>`
    : `<input type="text" id="${name}" name="${name}" maxlength="1000" autocomplete="off" value="${value}"${described}>`;
  return `<label for="${name}">${escapeHtml(label)}</label>${hintHtml}${control}`;
}

/** The tip form, with the problems of a previous try listed first. */
export function reportFormPage(
  language: TipLanguage,
  problems: readonly string[] = [],
  values: FormValues = {},
): string {
  const texts = PAGE_TEXTS[language];
  const problemList =
    problems.length === 0
      ? ''
      : `<section class="problem" role="alert" aria-labelledby="problem-title"><h2 id="problem-title">${escapeHtml(texts.problemTitle)}</h2><ul>${problems
          .map((problem) => `<li>${escapeHtml(problem)}</li>`)
          .join('')}</ul></section>`;
  const radio = (name: string, option: string, label: string) =>
    `<label><input type="radio" name="${name}" value="${option}"${chosen(values, name, option) ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
  const body = `${problemList}
<p>${escapeHtml(texts.intro)}</p>
<p>${escapeHtml(texts.anonymity)}</p>
<form method="post" action="/report?lang=${language}" enctype="multipart/form-data" autocomplete="off">
<input type="hidden" name="language" value="${language}">
<fieldset><legend>${escapeHtml(texts.dangerQuestion)}</legend>
${radio('inDanger', 'yes', texts.yes)}${radio('inDanger', 'no', texts.no)}${radio('inDanger', 'unknown', texts.notSure)}
</fieldset>
<fieldset><legend>${escapeHtml(texts.concernsQuestion)}</legend>
${TIP_CONCERNS.map(
  (concern) =>
    `<label><input type="checkbox" name="concerns" value="${concern}"${chosen(values, 'concerns', concern) ? ' checked' : ''}> ${escapeHtml(texts.concerns[concern])}</label>`,
).join('')}
</fieldset>
${textField(values, 'where', texts.whereQuestion, texts.whereHint)}
<fieldset><legend>${escapeHtml(texts.whenQuestion)}</legend>
${TIP_WHEN.map((when) => radio('when', when, texts.when[when])).join('')}
</fieldset>
${textField(values, 'text', texts.textQuestion, texts.textHint, true)}
${textField(values, 'who', texts.whoQuestion, texts.whoHint, true)}
${textField(values, 'vehicles', texts.vehiclesQuestion, texts.vehiclesHint)}
${textField(values, 'phones', texts.phonesQuestion)}
${textField(values, 'links', texts.linksQuestion)}
<label for="photos">${escapeHtml(texts.photosQuestion)}</label>
<p class="hint" id="photos-hint">${escapeHtml(texts.photosHint)}</p>
<input type="file" id="photos" name="photos" accept="image/jpeg,image/png,image/webp,image/heic" multiple aria-describedby="photos-hint">
<div><button type="submit">${escapeHtml(texts.send)}</button></div>
</form>
<p><a href="/report/follow-up?lang=${language}">${escapeHtml(texts.followUpLink)}</a></p>`;
  return shell(language, texts.title, '/report', body);
}

/** The page after a tip: the receipt code, shown once. */
export function thanksPage(language: TipLanguage, receiptCode: string): string {
  const texts = PAGE_TEXTS[language];
  const body = `<h1>${escapeHtml(texts.thanksTitle)}</h1>
<p>${escapeHtml(texts.thanks)}</p>
<h2 id="code-label">${escapeHtml(texts.codeLabel)}</h2>
<p><span class="code" aria-labelledby="code-label" data-receipt-code>${escapeHtml(receiptCode)}</span></p>
<p>${escapeHtml(texts.codeAdvice)}</p>
<p><a href="/report/follow-up?lang=${language}">${escapeHtml(texts.followUpTitle)}</a> · <a href="/report?lang=${language}">${escapeHtml(texts.newReport)}</a></p>`;
  return shell(language, texts.thanksTitle, '/report', body);
}

/** What the follow-up page shows. */
export type FollowUpState =
  | { readonly kind: 'ask'; readonly problem?: 'unknown' | 'throttled' }
  | {
      readonly kind: 'open';
      readonly code: string;
      readonly said: string;
      readonly messages: readonly { author: 'reporter' | 'organisation'; body: string; createdAt: string }[];
      readonly added?: boolean;
    };

/** The follow-up page: the code form, or a report's conversation with a form to add to it. */
export function followUpPage(language: TipLanguage, state: FollowUpState): string {
  const texts = PAGE_TEXTS[language];
  const codeForm = (
    problem?: string,
  ) => `${problem === undefined ? '' : `<p class="problem" role="alert">${escapeHtml(problem)}</p>`}
<p>${escapeHtml(texts.followUpIntro)}</p>
<form method="post" action="/report/follow-up?lang=${language}" enctype="multipart/form-data" autocomplete="off">
<label for="code">${escapeHtml(texts.codeQuestion)}</label>
<input type="text" id="code" name="code" maxlength="64" autocomplete="off" autocapitalize="characters" spellcheck="false" dir="ltr" required>
<div><button type="submit">${escapeHtml(texts.open)}</button></div>
</form>`;
  let body: string;
  if (state.kind === 'ask') {
    const problem =
      state.problem === 'unknown'
        ? texts.unknownCode
        : state.problem === 'throttled'
          ? texts.tooManyAttempts
          : undefined;
    body = `<h1>${escapeHtml(texts.followUpTitle)}</h1>${codeForm(problem)}`;
  } else {
    const messages =
      state.messages.length === 0
        ? `<p>${escapeHtml(texts.noReplies)}</p>`
        : state.messages
            .map(
              (message) =>
                `<div class="message${message.author === 'organisation' ? ' reply' : ''}"><strong>${escapeHtml(
                  message.author === 'organisation' ? texts.fromUs : texts.fromYou,
                )}</strong> <span dir="ltr">${escapeHtml(message.createdAt.slice(0, 10))}</span>\n${escapeHtml(message.body)}</div>`,
            )
            .join('');
    body = `<h1>${escapeHtml(texts.followUpTitle)}</h1>
${state.added === true ? `<p role="status">${escapeHtml(texts.added)}</p>` : ''}
<h2>${escapeHtml(texts.youSaid)}</h2>
<p class="said">${escapeHtml(state.said)}</p>
<h2>${escapeHtml(texts.conversation)}</h2>
${messages}
<form method="post" action="/report/follow-up?lang=${language}" enctype="multipart/form-data" autocomplete="off">
<input type="hidden" name="code" value="${escapeHtml(state.code)}">
<label for="message">${escapeHtml(texts.addQuestion)}</label>
<textarea id="message" name="message" maxlength="10000" required></textarea>
<div><button type="submit">${escapeHtml(texts.add)}</button></div>
</form>`;
  }
  return shell(language, texts.followUpTitle, '/report/follow-up', body);
}

/** The page when no organisation takes tips here. */
export function unavailablePage(language: TipLanguage): string {
  const texts = PAGE_TEXTS[language];
  return shell(language, texts.title, '/report', `<p role="alert">${escapeHtml(texts.unavailable)}</p>`);
}
