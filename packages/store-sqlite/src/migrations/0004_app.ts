import type { Migration } from './migration.ts';

/**
 * The AppStore's tables (@scrapifie/store-kysely queries them; Postgres has the same in its 0004_app migration):
 * users, workspaces and members, refresh token families, API keys, recipes with versions, schedules, webhooks with
 * secrets and deliveries, credentials, proxies, usage and quota counters. UUID keys as text, times as ISO 8601 text,
 * every foreign key indexed (its own index, or the leading column of a primary key or unique constraint).
 */
export const app: Migration = {
  version: 4,
  name: 'app',
  up: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE workspaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE workspace_members (
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
      created_at TEXT NOT NULL,
      PRIMARY KEY (workspace_id, user_id)
    );
    CREATE INDEX workspace_members_user ON workspace_members (user_id);

    CREATE TABLE refresh_families (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      revoked_at TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX refresh_families_user ON refresh_families (user_id);
    CREATE TABLE refresh_tokens (
      id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
    CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      prefix TEXT NOT NULL UNIQUE,
      key_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
      created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT
    );
    CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
    CREATE INDEX api_keys_created_by ON api_keys (created_by);

    CREATE TABLE recipes (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX recipes_workspace ON recipes (workspace_id, updated_at);
    CREATE TABLE recipe_versions (
      recipe_id TEXT NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      recipe TEXT NOT NULL,
      message TEXT,
      created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (recipe_id, version)
    );
    CREATE INDEX recipe_versions_created_by ON recipe_versions (created_by);

    CREATE TABLE schedules (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      recipe_id TEXT NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      cron TEXT NOT NULL,
      timezone TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      next_run_at TEXT,
      last_run_at TEXT,
      input TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX schedules_workspace ON schedules (workspace_id);
    CREATE INDEX schedules_recipe ON schedules (recipe_id);
    CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;

    CREATE TABLE webhooks (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      disabled_at TEXT,
      disabled_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX webhooks_workspace ON webhooks (workspace_id);
    CREATE TABLE webhook_secrets (
      id TEXT PRIMARY KEY,
      webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      ciphertext TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT
    );
    CREATE INDEX webhook_secrets_webhook ON webhook_secrets (webhook_id);
    CREATE TABLE webhook_deliveries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
      response_status INTEGER,
      error TEXT,
      duration_ms INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, seq);

    CREATE TABLE credentials (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      ciphertext TEXT NOT NULL,
      hint TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CONSTRAINT credentials_workspace_name UNIQUE (workspace_id, name)
    );
    CREATE TABLE proxies (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      url TEXT NOT NULL,
      tier TEXT NOT NULL CHECK (tier IN ('datacenter', 'residential', 'mobile')),
      credential_id TEXT REFERENCES credentials (id) ON DELETE SET NULL,
      country TEXT,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CONSTRAINT proxies_workspace_name UNIQUE (workspace_id, name)
    );
    CREATE INDEX proxies_credential ON proxies (credential_id);

    CREATE TABLE usage_daily (
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      day TEXT NOT NULL,
      pages_http INTEGER NOT NULL DEFAULT 0,
      pages_browser INTEGER NOT NULL DEFAULT 0,
      pages_stealth INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL DEFAULT 0,
      browser_ms INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, day)
    );
    CREATE TABLE quota_counters (
      workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      metric TEXT NOT NULL,
      period TEXT NOT NULL,
      used INTEGER NOT NULL CHECK (used >= 0),
      PRIMARY KEY (workspace_id, metric, period)
    );
    `,
  down: `
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
    `,
};
