import { AgentApp } from './agent-app';
import { loadAgentPageConfig } from './config/softphone-config';
import { mountPage } from './mount-page';

void mountPage(loadAgentPageConfig, (config) => <AgentApp config={config} />);
