// The part of netlify-identity-widget's API this page uses (the package ships no types). index.html
// loads the widget as a classic script, so it is window.netlifyIdentity.
export interface User {
  id: string;
  email: string;
  user_metadata?: { full_name?: string } | null;
  app_metadata?: { roles?: string[] } | null;
  /** The access token, refreshed with the refresh token first when it is about to expire. */
  jwt(forceRefresh?: boolean): Promise<string>;
}

export interface InitOptions {
  APIUrl?: string;
  container?: string;
  logo?: boolean;
  locale?: string;
  namePlaceholder?: string;
}

type Events = {
  init: (user: User | null) => void;
  login: (user: User) => void;
  logout: () => void;
  error: (error: Error) => void;
  open: () => void;
  close: () => void;
};

export interface NetlifyIdentity {
  init(options?: InitOptions): void;
  open(tab?: 'login' | 'signup'): void;
  close(): void;
  currentUser(): User | null;
  logout(): Promise<void> | void;
  refresh(force?: boolean): Promise<string>;
  on<E extends keyof Events>(event: E, callback: Events[E]): void;
  off<E extends keyof Events>(event: E, callback?: Events[E]): void;
}

declare global {
  interface Window {
    netlifyIdentity: NetlifyIdentity;
  }
}
