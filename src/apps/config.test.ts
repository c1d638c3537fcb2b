import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const OIDC = {
  WEFT_OIDC_ISSUER: 'https://login.harbour-hotels.example',
  WEFT_OIDC_CLIENT_ID: 'weft',
  WEFT_OIDC_CLIENT_SECRET: 'secret',
  WEFT_OIDC_REDIRECT_URI: 'https://weft.example.org/api/v1/auth/oidc/callback',
};

describe('OIDC configuration', () => {
  it('is off without any WEFT_OIDC_* variable', () => {
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig({ WEFT_OIDC_ISSUER: ' ' }).oidc).toBeUndefined();
  });

  it('reads all four', () => {
    expect(readConfig(OIDC).oidc).toEqual({
      issuer: OIDC.WEFT_OIDC_ISSUER,
      clientId: 'weft',
      clientSecret: 'secret',
      redirectUri: OIDC.WEFT_OIDC_REDIRECT_URI,
    });
  });

  it('names the missing variable when only some are set', () => {
    const partial: Record<string, string> = { ...OIDC };
    delete partial['WEFT_OIDC_CLIENT_SECRET'];
    expect(() => readConfig(partial)).toThrow(/missing: WEFT_OIDC_CLIENT_SECRET$/);
    expect(() => readConfig({ WEFT_OIDC_ISSUER: OIDC.WEFT_OIDC_ISSUER })).toThrow(
      /missing: WEFT_OIDC_CLIENT_ID, WEFT_OIDC_CLIENT_SECRET, WEFT_OIDC_REDIRECT_URI$/,
    );
  });

  it('refuses an issuer or redirect URI that is not a URL', () => {
    expect(() => readConfig({ ...OIDC, WEFT_OIDC_ISSUER: 'login.example' })).toThrow(/WEFT_OIDC_ISSUER must be a URL/);
  });
});
