/**
 * E-mail addresses folded to the mailbox they deliver to, so that one person's variants meet:
 * case and surrounding space ignored, sub-address tags ("+ads") removed at every provider, and
 * Gmail's dots ignored (Gmail delivers "j.o.h.n@" to "john@", and googlemail.com is gmail.com).
 */

const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);
const LOCAL_PART = /^[a-z0-9!#$%&'*/=?^_`{|}~.-]+$/u;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;

/** The domain in ASCII (IDNA), or null when it is not a plausible host name. */
function asciiDomain(domain: string): string | null {
  let ascii = domain;
  if (/[^\p{ASCII}]/u.test(domain)) {
    try {
      ascii = new URL(`http://${domain}`).hostname;
    } catch {
      return null;
    }
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  return TOP_LEVEL.test(labels[labels.length - 1] ?? '') ? ascii : null;
}

/**
 * The canonical form of an e-mail address, or null when it is not one: trimmed, lowercase
 * (providers treat local parts case-insensitively in practice), a leading "mailto:" dropped,
 * a "+tag" removed, and for Gmail the dots removed and the domain written gmail.com.
 */
export function normaliseEmail(text: string): string | null {
  let address = text.normalize('NFKC').trim().toLowerCase();
  if (address.startsWith('mailto:')) address = address.slice('mailto:'.length);
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return null;
  let local = address.slice(0, at);
  let domain = asciiDomain(address.slice(at + 1));
  if (domain === null) return null;
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  if (local === '' || local.length > 64 || !LOCAL_PART.test(local)) return null;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return `${local}@${domain}`;
}
