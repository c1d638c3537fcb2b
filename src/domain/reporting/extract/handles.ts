/** Social-media handles: "@name", "instagram: name", profile links (t.me/name, wa.me/NUMBER). */
import { normalisePhone } from '../../resolution/normalise/index.ts';
import { BARE_DOMAIN_TLDS } from './contacts.ts';
import { MAX_ENTITIES_PER_KIND, addUnique, foldText } from './text.ts';

/** Names people give platforms in tips, folded, and the platform they mean. */
const PLATFORM_WORDS: ReadonlyMap<string, string> = new Map([
  ['instagram', 'instagram'],
  ['insta', 'instagram'],
  ['ig', 'instagram'],
  ['telegram', 'telegram'],
  ['tg', 'telegram'],
  ['snapchat', 'snapchat'],
  ['snap', 'snapchat'],
  ['tiktok', 'tiktok'],
  ['twitter', 'twitter'],
  ['onlyfans', 'onlyfans'],
  ['facebook', 'facebook'],
  ['fb', 'facebook'],
  ['kik', 'kik'],
  ['wechat', 'wechat'],
  ['signal', 'signal'],
  ['skype', 'skype'],
  ['whatsapp', 'whatsapp'],
  ['انستغرام', 'instagram'],
  ['انستقرام', 'instagram'],
  ['تلغرام', 'telegram'],
  ['تيليجرام', 'telegram'],
  ['سناب', 'snapchat'],
  ['تيك توك', 'tiktok'],
  ['فيسبوك', 'facebook'],
  ['واتساب', 'whatsapp'],
]);

/** Hosts whose first path segment is an account, and the platform. */
const PROFILE_HOSTS: ReadonlyMap<string, string> = new Map([
  ['instagram.com', 'instagram'],
  ['t.me', 'telegram'],
  ['telegram.me', 'telegram'],
  ['tiktok.com', 'tiktok'],
  ['twitter.com', 'twitter'],
  ['x.com', 'twitter'],
  ['facebook.com', 'facebook'],
  ['fb.com', 'facebook'],
  ['m.facebook.com', 'facebook'],
  ['onlyfans.com', 'onlyfans'],
  ['snapchat.com', 'snapchat'],
]);

/** First path segments that are pages of the platform, not accounts. */
const NOT_ACCOUNTS: ReadonlySet<string> = new Set(
  'p reel reels tv explore stories share joinchat s c add addchat home login search hashtag watch groups events pages profile.php'.split(
    ' ',
  ),
);

const HANDLE = /^[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?$/u;
const MENTION = /(?<![\p{L}\p{N}_.@/])@([A-Za-z0-9_.]{2,30})(?![A-Za-z0-9_@])/gu;
const LABELLED_HANDLE =
  /(?<![\p{L}\p{N}])(instagram|insta|ig|telegram|tg|snapchat|snap|tiktok|twitter|onlyfans|facebook|fb|kik|wechat|signal|skype)[ \t]{0,3}[:：=][ \t]{0,3}@?([A-Za-z0-9_.]{2,30})(?![A-Za-z0-9_@])/giu;

/** A handle as platforms compare them (lower case, no surrounding dots), or null when it cannot be one. */
function cleanHandle(text: string): string | null {
  const handle = text.toLowerCase().replace(/^\.+|\.+$/gu, '');
  if (!HANDLE.test(handle) || /^[0-9]+$/u.test(handle)) return null;
  // "@gmail.com" is half an e-mail address, not an account.
  const last = handle.split('.').at(-1) ?? '';
  if (handle.includes('.') && BARE_DOMAIN_TLDS.has(last)) return null;
  return handle;
}

/** The platform named in the few words before a mention in its clause ("my insta @name"), if any. */
function platformBefore(text: string, index: number): string | null {
  const clause =
    text
      .slice(Math.max(0, index - 30), index)
      .split(/[,;.!?\n\u060c]/u)
      .at(-1) ?? '';
  const words = foldText(clause).split(' ').slice(-3).reverse();
  for (const word of words) {
    const platform = PLATFORM_WORDS.get(word);
    if (platform !== undefined) return platform;
  }
  return null;
}

/** The handles of the text, with the phone numbers of wa.me links among them. */
export function findHandles(
  text: string,
  links: readonly { url: string; host: string }[],
  defaultCountry: string | undefined,
): { handles: { platform: string | null; handle: string }[]; phones: { raw: string; e164: string }[] } {
  const found: { platform: string | null; handle: string }[] = [];
  const phones: { raw: string; e164: string }[] = [];
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      continue;
    }
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    const first = segments[0];
    if (first === undefined) continue;
    if (link.host === 'wa.me' || link.host === 'api.whatsapp.com') {
      const digits = link.host === 'wa.me' ? first : (url.searchParams.get('phone') ?? '');
      const e164 = /^\+?[0-9]{7,15}$/u.test(digits)
        ? normalisePhone(`+${digits.replace('+', '')}`, defaultCountry)
        : null;
      if (e164 !== null) {
        phones.push({ raw: link.url, e164 });
        found.push({ platform: 'whatsapp', handle: e164 });
      }
      continue;
    }
    const platform = PROFILE_HOSTS.get(link.host);
    if (platform === undefined || NOT_ACCOUNTS.has(first.toLowerCase()) || first.startsWith('+')) continue;
    const account = platform === 'snapchat' && first === 'add' ? segments[1] : first;
    const handle = account === undefined ? null : cleanHandle(account.replace(/^@/u, ''));
    if (handle !== null) found.push({ platform, handle });
  }
  for (const match of text.matchAll(LABELLED_HANDLE)) {
    const handle = cleanHandle(match[2] ?? '');
    if (handle !== null) found.push({ platform: PLATFORM_WORDS.get((match[1] ?? '').toLowerCase()) ?? null, handle });
    if (found.length > MAX_ENTITIES_PER_KIND * 4) break;
  }
  for (const match of text.matchAll(MENTION)) {
    const handle = cleanHandle(match[1] ?? '');
    if (handle !== null) found.push({ platform: platformBefore(text, match.index), handle });
    if (found.length > MAX_ENTITIES_PER_KIND * 4) break;
  }
  // The same account seen with and without its platform is one account: keep the named one.
  const named = new Set(found.filter((entry) => entry.platform !== null).map((entry) => entry.handle));
  const handles: { platform: string | null; handle: string }[] = [];
  const seen = new Set<string>();
  for (const entry of found) {
    if (entry.platform === null && named.has(entry.handle)) continue;
    if (!addUnique(handles, seen, `${entry.platform ?? ''}:${entry.handle}`, entry)) break;
  }
  return { handles, phones };
}
