/** E-mail addresses (spelled-out ones too) and links, with the spans they cover. */
import { normaliseEmail } from '../../resolution/normalise/index.ts';
import { addUnique } from './text.ts';

/** "name [at] site [dot] com", as people write addresses to get past filters. */
export const SPELLED_AT = /[ \t]{0,2}[[({][ \t]{0,2}(?:at|arroba|arobase)[ \t]{0,2}[\])}][ \t]{0,2}/giu;
/** "[dot]", "(punto)", "{point}": a dot spelled out. */
export const SPELLED_DOT = /[ \t]{0,2}[[({][ \t]{0,2}(?:dot|punto|point)[ \t]{0,2}[\])}][ \t]{0,2}/giu;

const LOCAL_CHARACTER = /[A-Za-z0-9._%+'-]/u;
const DOMAIN_CHARACTER = /[\p{L}\p{N}.-]/u;

/** Where in the text something was found: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The e-mail addresses of the text in canonical form, and the spans they cover. */
export function findEmails(text: string): { emails: string[]; spans: Span[] } {
  const emails: string[] = [];
  const seen = new Set<string>();
  const spans: Span[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHARACTER.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHARACTER.test(text.charAt(end))) end++;
    while (end > at + 1 && /[.-]/u.test(text.charAt(end - 1))) end--;
    while (start < at && text.charAt(start) === '.') start++;
    if (start === at || end === at + 1) continue;
    const email = normaliseEmail(text.slice(start, end));
    if (email === null) continue;
    spans.push({ start, end });
    if (!addUnique(emails, seen, email, email)) break;
  }
  return { emails, spans };
}

/** Top-level domains accepted for a domain written without "http" or "www.": common ones, so "e.g." or "file.txt" are not links. */
export const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set(
  `com net org info biz io co me tv app xyz online site top club live life link shop store website space fun pro
   mobi name cc ws us uk eu es fr de it nl be pt ro bg ru ua pl cz sk hu gr tr ae sa qa ng ph th vn cn ch at se
   dk fi ie ca au nz in za ma eg ly sy iq al rs lb jo tn dz mx ar br cl cat ly ee lt lv hr si ba mk md by kz`
    .trim()
    .split(/\s+/u),
);

const URL_TOKEN = /[^\s<>"'`{}|\\^«»“”‘’()[\]]+/gu;
const SCHEME = /^https?:\/\//iu;
const BARE_DOMAIN = /^(?:[a-z0-9-]{1,63}\.){1,8}([a-z]{2,24})(?=$|[/:?#])/iu;

/** The links of the text (URLs and bare domains), and the spans they cover. */
export function findLinks(text: string): { links: { url: string; host: string }[]; spans: Span[] } {
  const links: { url: string; host: string }[] = [];
  const seen = new Set<string>();
  const spans: Span[] = [];
  for (const match of text.matchAll(URL_TOKEN)) {
    let token = match[0];
    const start = match.index;
    if (token.length > 2_000 || !token.includes('.')) continue;
    token = token.replace(/[.,;:!?…]+$/u, '');
    let address: string;
    if (SCHEME.test(token)) address = token;
    else if (/^www\./iu.test(token)) address = `http://${token}`;
    else {
      const domain = BARE_DOMAIN.exec(token);
      const tld = domain?.[1]?.toLowerCase();
      if (domain === null || tld === undefined || !BARE_DOMAIN_TLDS.has(tld)) continue;
      address = `http://${token}`;
    }
    // An address with "@" before its path is an e-mail (or credentials), read elsewhere.
    const beforePath = address.slice(address.indexOf('//') + 2).split(/[/?#]/u)[0] ?? '';
    if (beforePath.includes('@')) continue;
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      continue;
    }
    const labels = url.hostname.split('.');
    if (labels.length < 2 || labels.some((label) => label === '' || label.startsWith('-') || label.endsWith('-')))
      continue;
    if (/^[0-9.]+$/u.test(url.hostname) && labels.length !== 4) continue;
    const host = url.hostname.replace(/^www\./u, '');
    spans.push({ start, end: start + match[0].length });
    if (!addUnique(links, seen, url.href, { url: url.href, host })) break;
  }
  return { links, spans };
}
