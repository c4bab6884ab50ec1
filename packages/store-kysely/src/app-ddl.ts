/**
 * The AppStore's tables, one definition for both databases (the adapters' 0004_app migrations run it): users,
 * workspaces and members, refresh token families, API keys, recipes with versions, schedules, webhooks with secrets and
 * deliveries, credentials, proxies, usage and quota counters. Every foreign key is indexed (its own index, or the
 * leading column of a primary key or unique constraint). Postgres gets uuid and timestamptz columns; SQLite keeps
 * UUIDs and ISO 8601 times as text.
 */
export type AppDialect = 'postgres' | 'sqlite';

const TYPES = {
  postgres: { uuid: 'uuid', time: 'timestamptz', text: 'text', int: 'integer', bigint: 'bigint', seq: 'bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY' },
  sqlite: { uuid: 'TEXT', time: 'TEXT', text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', seq: 'INTEGER PRIMARY KEY' },
} as const;

export function appSchemaUp(dialect: AppDialect): string {
  const T = TYPES[dialect];
  return `
CREATE TABLE users (
  id ${T.uuid} PRIMARY KEY,
  email ${T.text} NOT NULL UNIQUE,
  name ${T.text},
  password_hash ${T.text} NOT NULL,
  created_at ${T.time} NOT NULL
);
CREATE TABLE workspaces (
  id ${T.uuid} PRIMARY KEY,
  name ${T.text} NOT NULL,
  created_at ${T.time} NOT NULL
);
CREATE TABLE workspace_members (
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id ${T.uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role ${T.text} NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
  created_at ${T.time} NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_members_user ON workspace_members (user_id);

CREATE TABLE refresh_families (
  id ${T.uuid} PRIMARY KEY,
  user_id ${T.uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  revoked_at ${T.time},
  created_at ${T.time} NOT NULL
);
CREATE INDEX refresh_families_user ON refresh_families (user_id);
CREATE TABLE refresh_tokens (
  id ${T.uuid} PRIMARY KEY,
  family_id ${T.uuid} NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
  user_id ${T.uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash ${T.text} NOT NULL UNIQUE,
  expires_at ${T.time} NOT NULL,
  used_at ${T.time},
  created_at ${T.time} NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE api_keys (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name ${T.text} NOT NULL,
  prefix ${T.text} NOT NULL UNIQUE,
  key_hash ${T.text} NOT NULL,
  role ${T.text} NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
  created_by ${T.uuid} REFERENCES users (id) ON DELETE SET NULL,
  created_at ${T.time} NOT NULL,
  last_used_at ${T.time},
  revoked_at ${T.time}
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
CREATE INDEX api_keys_created_by ON api_keys (created_by);

CREATE TABLE recipes (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name ${T.text} NOT NULL,
  version ${T.int} NOT NULL,
  archived_at ${T.time},
  created_at ${T.time} NOT NULL,
  updated_at ${T.time} NOT NULL
);
CREATE INDEX recipes_workspace ON recipes (workspace_id, updated_at);
CREATE TABLE recipe_versions (
  recipe_id ${T.uuid} NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
  version ${T.int} NOT NULL,
  recipe ${T.text} NOT NULL,
  message ${T.text},
  created_by ${T.uuid} REFERENCES users (id) ON DELETE SET NULL,
  created_at ${T.time} NOT NULL,
  PRIMARY KEY (recipe_id, version)
);
CREATE INDEX recipe_versions_created_by ON recipe_versions (created_by);

CREATE TABLE schedules (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  recipe_id ${T.uuid} NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
  name ${T.text} NOT NULL,
  cron ${T.text} NOT NULL,
  timezone ${T.text} NOT NULL,
  enabled ${T.int} NOT NULL CHECK (enabled IN (0, 1)),
  next_run_at ${T.time},
  last_run_at ${T.time},
  input ${T.text},
  created_at ${T.time} NOT NULL,
  updated_at ${T.time} NOT NULL
);
CREATE INDEX schedules_workspace ON schedules (workspace_id);
CREATE INDEX schedules_recipe ON schedules (recipe_id);
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;

CREATE TABLE webhooks (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  url ${T.text} NOT NULL,
  events ${T.text} NOT NULL,
  consecutive_failures ${T.int} NOT NULL DEFAULT 0,
  disabled_at ${T.time},
  disabled_reason ${T.text},
  created_at ${T.time} NOT NULL,
  updated_at ${T.time} NOT NULL
);
CREATE INDEX webhooks_workspace ON webhooks (workspace_id);
CREATE TABLE webhook_secrets (
  id ${T.uuid} PRIMARY KEY,
  webhook_id ${T.uuid} NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  ciphertext ${T.text} NOT NULL,
  created_at ${T.time} NOT NULL,
  expires_at ${T.time}
);
CREATE INDEX webhook_secrets_webhook ON webhook_secrets (webhook_id);
CREATE TABLE webhook_deliveries (
  seq ${T.seq},
  id ${T.uuid} NOT NULL UNIQUE,
  webhook_id ${T.uuid} NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id ${T.text} NOT NULL,
  event_type ${T.text} NOT NULL,
  attempt ${T.int} NOT NULL,
  outcome ${T.text} NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  response_status ${T.int},
  error ${T.text},
  duration_ms ${T.int} NOT NULL,
  created_at ${T.time} NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, seq);

CREATE TABLE credentials (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name ${T.text} NOT NULL,
  kind ${T.text} NOT NULL,
  ciphertext ${T.text} NOT NULL,
  hint ${T.text},
  created_at ${T.time} NOT NULL,
  updated_at ${T.time} NOT NULL,
  CONSTRAINT credentials_workspace_name UNIQUE (workspace_id, name)
);
CREATE TABLE proxies (
  id ${T.uuid} PRIMARY KEY,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name ${T.text} NOT NULL,
  url ${T.text} NOT NULL,
  tier ${T.text} NOT NULL CHECK (tier IN ('datacenter', 'residential', 'mobile')),
  credential_id ${T.uuid} REFERENCES credentials (id) ON DELETE SET NULL,
  country ${T.text},
  enabled ${T.int} NOT NULL CHECK (enabled IN (0, 1)),
  created_at ${T.time} NOT NULL,
  updated_at ${T.time} NOT NULL,
  CONSTRAINT proxies_workspace_name UNIQUE (workspace_id, name)
);
CREATE INDEX proxies_credential ON proxies (credential_id);

CREATE TABLE usage_daily (
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  day ${T.text} NOT NULL,
  pages_http ${T.bigint} NOT NULL DEFAULT 0,
  pages_browser ${T.bigint} NOT NULL DEFAULT 0,
  pages_stealth ${T.bigint} NOT NULL DEFAULT 0,
  bytes ${T.bigint} NOT NULL DEFAULT 0,
  browser_ms ${T.bigint} NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, day)
);
CREATE TABLE quota_counters (
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  metric ${T.text} NOT NULL,
  period ${T.text} NOT NULL,
  used ${T.bigint} NOT NULL CHECK (used >= 0),
  PRIMARY KEY (workspace_id, metric, period)
);
`;
}

export const APP_SCHEMA_DOWN = `
DROP TABLE quota_counters;
DROP TABLE usage_daily;
DROP TABLE proxies;
DROP TABLE credentials;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_secrets;
DROP TABLE webhooks;
DROP TABLE schedules;
DROP TABLE recipe_versions;
DROP TABLE recipes;
DROP TABLE api_keys;
DROP TABLE refresh_tokens;
DROP TABLE refresh_families;
DROP TABLE workspace_members;
DROP TABLE workspaces;
DROP TABLE users;
`;

/**
 * Which workspace started each run (0005): the crawl store keeps the runs, this keeps their owner, so a workspace
 * sees only its own runs. Deleting a workspace forgets its runs' owner (they are then visible to no workspace).
 */
export function runWorkspacesSchemaUp(dialect: AppDialect): string {
  const T = TYPES[dialect];
  return `
CREATE TABLE run_workspaces (
  seq ${T.seq},
  run_id ${T.text} NOT NULL UNIQUE,
  workspace_id ${T.uuid} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  created_at ${T.time} NOT NULL
);
CREATE INDEX run_workspaces_workspace ON run_workspaces (workspace_id, seq);
`;
}

export const RUN_WORKSPACES_SCHEMA_DOWN = `
DROP TABLE run_workspaces;
`;
