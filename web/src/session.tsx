/**
 * Who is signed in (from /auth/me) and the purpose chosen for the session: every request declares
 * it, the header shows it and lets the user change it. The purpose is kept in this tab's session
 * storage only, so a new tab asks again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, declarePurpose } from './api.ts';

export interface Me {
  readonly user: { readonly id: string; readonly email: string; readonly displayName: string } | null;
  readonly organisation: {
    readonly id: string;
    readonly name: string;
    readonly organisationType: string;
    readonly sector: string;
  };
  readonly roles: readonly string[];
  readonly clearance: string;
  readonly permissions: readonly string[];
  readonly purposes: readonly string[];
}

interface Session {
  /** Undefined while asking, null when nobody is signed in. */
  readonly me: Me | null | undefined;
  readonly purpose: string | null;
  readonly choosePurpose: (purpose: string) => void;
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);
const PURPOSE_KEY = 'weft.purpose';

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [purpose, setPurpose] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const found = await api<Me>('/auth/me');
      const saved = window.sessionStorage.getItem(PURPOSE_KEY);
      const chosen = saved !== null && found.purposes.includes(saved) ? saved : (found.purposes[0] ?? null);
      declarePurpose(chosen);
      setPurpose(chosen);
      setMe(found);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setMe(null);
      else throw error;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      purpose,
      choosePurpose: (next) => {
        window.sessionStorage.setItem(PURPOSE_KEY, next);
        declarePurpose(next);
        setPurpose(next);
      },
      refresh,
      signOut: async () => {
        await api('/auth/sign-out', { method: 'POST' });
        window.sessionStorage.removeItem(PURPOSE_KEY);
        declarePurpose(null);
        setMe(null);
      },
    }),
    [me, purpose, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (for screens that only render once someone is). */
export function useMe(): Me {
  const { me } = useSession();
  if (me === null || me === undefined) throw new Error('useMe before sign-in');
  return me;
}
