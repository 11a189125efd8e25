/** Contract methods of LAN sync (issue 4): connection settings, status, sync now, refused items. */
import { z } from 'zod';
import { method } from '../method';
import { SyncSettingsInput, type ConfigureResult, type ConnectionTest, type RejectedItem, type SyncNowResult, type SyncStatus } from '../sync-types';

const Empty = z.object({}).strict();

export const syncMethods = {
  'sync.status': method<SyncStatus>()(Empty, 'user'),
  /** Tries the settings without saving them. */
  'sync.test': method<ConnectionTest>()(SyncSettingsInput, 'admin'),
  /** Saves the settings (password stored encrypted) and runs a first round. */
  'sync.configure': method<ConfigureResult>()(SyncSettingsInput, 'admin'),
  /** First run on a new workstation: join the office on the server (refused if this folder has an office). */
  'sync.join': method<ConfigureResult>()(SyncSettingsInput, 'public'),
  'sync.now': method<SyncNowResult>()(Empty, 'user'),
  'sync.rejected': method<RejectedItem[]>()(Empty, 'admin'),
} as const;
