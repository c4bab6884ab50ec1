import type { Screen } from '../stores/nav-store.ts';
import { ApiKeysScreen } from './ApiKeysScreen.tsx';
import { CredentialsScreen } from './CredentialsScreen.tsx';
import { MembersScreen } from './MembersScreen.tsx';
import { ProxiesScreen } from './ProxiesScreen.tsx';
import { SchedulesScreen } from './SchedulesScreen.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import { WebhooksScreen } from './WebhooksScreen.tsx';

/** The workspace's resource screens (schedules, proxies, credentials, webhooks, keys, members, settings). */
export const WORKSPACE_TABS: Array<{ screen: Screen; label: string }> = [
  { screen: 'schedules', label: 'Schedules' },
  { screen: 'webhooks', label: 'Webhooks' },
  { screen: 'proxies', label: 'Proxies' },
  { screen: 'credentials', label: 'Credentials' },
  { screen: 'api-keys', label: 'API keys' },
  { screen: 'members', label: 'Members' },
  { screen: 'settings', label: 'Settings' },
];

export function WorkspaceScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'schedules':
      return <SchedulesScreen />;
    case 'proxies':
      return <ProxiesScreen />;
    case 'credentials':
      return <CredentialsScreen />;
    case 'webhooks':
      return <WebhooksScreen />;
    case 'api-keys':
      return <ApiKeysScreen />;
    case 'members':
      return <MembersScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return null;
  }
}
