// The signed-in analyst: asked of GET /api/auth/me on load, set by sign-in, cleared by sign-out
// or by any 401. Pages call the API through `call`, which sends the CSRF token on writes.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, csrfApi } from '../../lib/api';
import type { Role, User } from './types';

type Me = { user: User; csrfToken: string };
type Call = ReturnType<typeof csrfApi>;

type Session = {
  /** undefined while asking the server, null when signed out. */
  user: User | null | undefined;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  call: Call;
  can: (...roles: Role[]) => boolean;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const csrf = useRef<string | null>(null);

  const call = useMemo(
    () =>
      csrfApi(
        () => csrf.current,
        () => {
          csrf.current = null;
          setUser(null);
        },
      ),
    [],
  );

  useEffect(() => {
    let live = true;
    api<Me>('/api/auth/me').then(
      (me) => {
        if (!live) return;
        csrf.current = me.csrfToken;
        setUser(me.user);
      },
      (e) => {
        if (!live) return;
        if (!(e instanceof ApiError && e.problem.status === 401)) console.warn(e);
        setUser(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const me = await api<Me>('/api/auth/login', { method: 'POST', json: { email, password } });
    csrf.current = me.csrfToken;
    setUser(me.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call('/api/auth/logout', { method: 'POST' });
    } finally {
      csrf.current = null;
      setUser(null);
    }
  }, [call]);

  const can = useCallback((...roles: Role[]) => !!user && roles.includes(user.role), [user]);

  const value = useMemo(() => ({ user, signIn, signOut, call, can }), [user, signIn, signOut, call, can]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for pages rendered behind the sign-in gate. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser while signed out');
  return user;
}
