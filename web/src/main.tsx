import { App } from './app';
import { loadConfig } from './config/app-config';
import { mountPage } from './mount-page';

void mountPage(loadConfig, (config) => <App config={config} />);
