/**
 * Classified-ad payments: one payer paying classified-ad or escort-ad sites again and again within
 * the window — posting fees for adverts of sexual services. A payment is to such a site when its
 * merchant category is an advertising, adult-content or escort category, or when the payee's name
 * or the merchant's id has one of the configured words in it (whatever the case).
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText } from './words.ts';

/** Whether a payment went to a classified-ad or escort-ad site. */
export function isAdPayment(transaction: Transaction, parameters: Parameters): boolean {
  const category = transaction.merchantCategory;
  if (category !== undefined && parameters.list('classified_ad_payments.ad_categories').includes(category)) return true;
  const words = parameters
    .list('classified_ad_payments.ad_site_words')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
  if (words.length === 0) return false;
  const names = [transaction.payeeName, transaction.merchantId]
    .filter((name): name is string => name !== undefined)
    .map((name) => name.toLowerCase());
  return names.some((name) => words.some((word) => name.includes(word)));
}

/** The site paid: the merchant, else the payee's account, else the payee's name. */
function siteOf(transaction: Transaction): string | undefined {
  return transaction.merchantId ?? transaction.payeeAccount ?? transaction.payeeName;
}

export const classifiedAdPayments = windowedTypology({
  id: 'classified_ad_payments',
  version: 1,
  title: 'Frequent payments to classified-ad and escort-ad sites',
  summary:
    'A payer paying classified-ad, adult or escort advertising sites several times within the window: the ' +
    'posting fees of adverts through which exploited people are sold.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014), Guidance on Recognizing Activity that May be Associated with Human ' +
      'Smuggling and Human Trafficking: repeated payments for online escort advertising, from small classified ' +
      'posting fees to paid hosting',
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: frequent dealings with online classified sites, often based abroad, and accounts tied ' +
      'to commercial sex adverts',
    'FATF, Financial Flows from Human Trafficking (2018): payments for online adverts of sexual services as an ' +
      'indicator of sexual exploitation',
  ],
  subjectType: 'account',
  windowDays: { default: 30, band: [1, 90] },
  parameters: [
    {
      name: 'classified_ad_payments.min_payments',
      description: 'Payments to classified-ad or escort-ad sites within the window',
      default: 5,
      band: [2, 500],
    },
    {
      name: 'classified_ad_payments.ad_categories',
      description:
        'Merchant category codes of ad sites (advertising services, inbound telemarketing and adult content, ' +
        'dating and escort services)',
      default: ['7311', '5967', '7273'],
    },
    {
      name: 'classified_ad_payments.ad_site_words',
      description: "Words that mark a classified-ad or escort-ad site in the payee's name or the merchant's id",
      default: ['classified', 'escort', 'adult', 'personals'],
    },
  ],
  subjects: (transaction, parameters) =>
    transaction.payerAccount !== undefined && isAdPayment(transaction, parameters) ? [transaction.payerAccount] : [],
  rules: [
    {
      id: 'classified_ad_payments.frequent_ad_payments',
      version: 1,
      weight: 1,
      description: 'Several payments to classified-ad or escort-ad sites within the window',
      find(view, parameters) {
        // The window holds only the payer's payments to ad sites (see `subjects`).
        const payments = view.transactions;
        if (payments.length < parameters.number('classified_ad_payments.min_payments')) return undefined;
        const sites = new Set(payments.map(siteOf).filter((site) => site !== undefined));
        const total = payments.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: payments,
          clause:
            `made ${payments.length} payments totalling ${amountText(total)} to ` +
            `${sites.size === 0 ? '' : `${sites.size} `}classified-ad or escort-ad site${sites.size === 1 ? '' : 's'} ` +
            `within ${daysText(view.windowMs)}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
