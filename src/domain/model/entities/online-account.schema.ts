import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** An account on an online service: a social network profile, a classifieds account, a messaging handle. */
export const OnlineAccount = defineEntity({
  name: 'OnlineAccount',
  label: 'Online account',
  description: 'An account on an online service.',
  kind: 'thing',
  ftm: 'UserAccount',
  personal: true,
  caption: ['username', 'displayName'],
  properties: {
    service: p.name('Service', { required: true, ftm: 'service' }),
    username: p.identifier('Username or handle', { many: true, matchable: true, ftm: 'username' }),
    displayName: p.name('Display name', { many: true, matchable: true, ftm: 'name' }),
    profileUrl: p.url('Profile address', { many: true, ftm: 'sourceUrl' }),
    email: p.email('Email address', { many: true, matchable: true, ftm: 'email' }),
    phone: p.phone('Phone number', { many: true, matchable: true, ftm: 'number' }),
    owner: p.entity('Owner', ['Person', 'Organization'], { ftm: 'owner' }),
    createdAt: p.datetime('Created', { ftm: 'createdAt' }),
  },
});
