import '@aws-amplify/ui-react/styles.css';
import './styles.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './components/error-boundary';
import type { AppConfig } from './config/app-config';
import { ConfigProblem } from './config/config-problem';
import { configureAuth } from './features/auth/amplify-auth';

type Check<C> = { ok: true; config: C } | { ok: false; problems: string[] };

/**
 * Starts a page: loads and checks the site's config.json with `load`, shows what is wrong with it,
 * or configures sign-in and renders the page `render` makes from it.
 */
export async function mountPage<C extends AppConfig>(
  load: (url: string) => Promise<Check<C>>,
  render: (config: C) => ReactNode,
): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const check = await load(new URL('config.json', document.baseURI).href);
  if (!check.ok) {
    console.error('config.json:', check.problems.join('; '));
    root.render(<ConfigProblem problems={check.problems} />);
    return;
  }
  configureAuth(check.config);
  root.render(<StrictMode><ErrorBoundary>{render(check.config)}</ErrorBoundary></StrictMode>);
}
