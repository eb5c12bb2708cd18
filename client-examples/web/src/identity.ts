import { useEffect, useState } from 'react';
import { IDENTITY_URL } from './config';
import type { User } from './netlify-identity';

// The widget talks to GoTrue itself (sign-up, log-in, refresh); the page only listens. index.html loads
// it as a classic script, which puts off its own argument-less init until DOMContentLoaded, so this one,
// with the Identity URL, comes first (imported as a module, the widget would init itself at once, and
// on localhost ask for a Netlify site instead).
const netlifyIdentity = window.netlifyIdentity;
netlifyIdentity.init({ APIUrl: IDENTITY_URL, logo: false });

export interface Identity {
  /** undefined until the widget has read its stored session. */
  user: User | null | undefined;
  open(tab: 'login' | 'signup'): void;
  logout(): Promise<void>;
  /** A current access token: the widget refreshes it before it expires, or now with `force`. */
  token(force?: boolean): Promise<string>;
}

export function useIdentity(): Identity {
  const [user, setUser] = useState<User | null | undefined>(() => netlifyIdentity.currentUser() ?? undefined);
  useEffect(() => {
    const onInit = (u: User | null) => setUser(u);
    const onLogin = (u: User) => {
      setUser(u);
      netlifyIdentity.close();
    };
    const onLogout = () => setUser(null);
    netlifyIdentity.on('init', onInit);
    netlifyIdentity.on('login', onLogin);
    netlifyIdentity.on('logout', onLogout);
    // init may have fired before this effect ran
    if (user === undefined) {
      setUser(netlifyIdentity.currentUser());
    }
    return () => {
      netlifyIdentity.off('init', onInit);
      netlifyIdentity.off('login', onLogin);
      netlifyIdentity.off('logout', onLogout);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return {
    user,
    open: (tab) => netlifyIdentity.open(tab),
    logout: async () => {
      await netlifyIdentity.logout();
      setUser(null);
    },
    token: async (force = false) => {
      const current = netlifyIdentity.currentUser();
      if (!current) {
        throw new Error('not logged in');
      }
      return current.jwt(force);
    },
  };
}

export function displayName(user: User): string {
  return user.user_metadata?.full_name || user.email.split('@')[0];
}
