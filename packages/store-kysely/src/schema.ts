import type { ColumnType, Generated } from 'kysely';

/**
 * The AppStore's tables as both adapters create them (store-sqlite migration 0004+, store-postgres 0004_app).
 * Where the dialects differ the types say so: Postgres reads timestamptz as Date and bigint as string, SQLite keeps
 * ISO text and numbers. JSON is text in both (key order kept); flags are integers 0/1 (SQLite has no booleans).
 */
export type Time = ColumnType<Date | string, string, string>;
type NullableTime = ColumnType<Date | string | null, string | null, string | null>;
export type Int8 = ColumnType<string | number, number, number>;

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: Time;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Time;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: Time;
}

export interface RefreshFamiliesTable {
  id: string;
  user_id: string;
  revoked_at: NullableTime;
  created_at: Time;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Time;
  used_at: NullableTime;
  created_at: Time;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: Time;
  last_used_at: NullableTime;
  revoked_at: NullableTime;
}

export interface RecipesTable {
  id: string;
  workspace_id: string;
  name: string;
  version: number;
  archived_at: NullableTime;
  created_at: Time;
  updated_at: Time;
}

export interface RecipeVersionsTable {
  recipe_id: string;
  version: number;
  recipe: string;
  message: string | null;
  created_by: string | null;
  created_at: Time;
}

export interface SchedulesTable {
  id: string;
  workspace_id: string;
  recipe_id: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: number;
  next_run_at: NullableTime;
  last_run_at: NullableTime;
  input: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface WebhooksTable {
  id: string;
  workspace_id: string;
  url: string;
  events: string;
  consecutive_failures: number;
  disabled_at: NullableTime;
  disabled_reason: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface WebhookSecretsTable {
  id: string;
  webhook_id: string;
  ciphertext: string;
  created_at: Time;
  expires_at: NullableTime;
}

export interface WebhookDeliveriesTable {
  /** Insertion order (identity in Postgres, the rowid in SQLite): "newest first" without ties. */
  seq: Generated<number | string>;
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  outcome: string;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Time;
}

export interface CredentialsTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  ciphertext: string;
  hint: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface ProxiesTable {
  id: string;
  workspace_id: string;
  name: string;
  url: string;
  tier: string;
  credential_id: string | null;
  country: string | null;
  enabled: number;
  created_at: Time;
  updated_at: Time;
}

export interface UsageDailyTable {
  workspace_id: string;
  day: string;
  pages_http: Int8;
  pages_browser: Int8;
  pages_stealth: Int8;
  bytes: Int8;
  browser_ms: Int8;
}

export interface QuotaCountersTable {
  workspace_id: string;
  metric: string;
  period: string;
  used: Int8;
}

export interface RunWorkspacesTable {
  seq: Generated<number | string>;
  run_id: string;
  workspace_id: string;
  created_at: Time;
}

export interface AppDB {
  users: UsersTable;
  workspaces: WorkspacesTable;
  workspace_members: MembersTable;
  refresh_families: RefreshFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  recipes: RecipesTable;
  recipe_versions: RecipeVersionsTable;
  schedules: SchedulesTable;
  webhooks: WebhooksTable;
  webhook_secrets: WebhookSecretsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  credentials: CredentialsTable;
  proxies: ProxiesTable;
  usage_daily: UsageDailyTable;
  quota_counters: QuotaCountersTable;
  run_workspaces: RunWorkspacesTable;
}
