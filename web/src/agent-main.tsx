import '@aws-amplify/ui-react/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AgentApp } from './agent-app';
import { ConfigProblem } from './config/config-problem';
import { loadAgentPageConfig } from './config/softphone-config';
import { configureAuth } from './features/auth/amplify-auth';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const check = await loadAgentPageConfig(new URL('config.json', document.baseURI).href);
  if (!check.ok) {
    console.error('config.json:', check.problems.join('; '));
    root.render(<ConfigProblem problems={check.problems} />);
    return;
  }
  configureAuth(check.config);
  root.render(
    <StrictMode>
      <AgentApp config={check.config} />
    </StrictMode>,
  );
}

void start();
