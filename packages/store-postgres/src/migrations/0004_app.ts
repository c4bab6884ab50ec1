import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The AppStore's tables (@scrapifie/store-kysely queries them): users, workspaces and members, refresh token families,
 * API keys, recipes with versions, schedules, webhooks with secrets and deliveries, credentials, proxies, usage and
 * quota counters. UUID keys (deliveries also have an identity for their order); every foreign key is indexed, by its
 * own index or as the leading column of a primary key or unique constraint.
 */
export const app: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE workspace_members (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      );
      CREATE INDEX workspace_members_user ON workspace_members (user_id);

      CREATE TABLE refresh_families (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX refresh_families_user ON refresh_families (user_id);
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
      CREATE INDEX api_keys_created_by ON api_keys (created_by);

      CREATE TABLE recipes (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        version integer NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX recipes_workspace ON recipes (workspace_id, updated_at);
      CREATE TABLE recipe_versions (
        recipe_id uuid NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
        version integer NOT NULL,
        recipe text NOT NULL,
        message text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (recipe_id, version)
      );
      CREATE INDEX recipe_versions_created_by ON recipe_versions (created_by);

      CREATE TABLE schedules (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        recipe_id uuid NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
        name text NOT NULL,
        cron text NOT NULL,
        timezone text NOT NULL,
        enabled integer NOT NULL CHECK (enabled IN (0, 1)),
        next_run_at timestamptz,
        last_run_at timestamptz,
        input text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX schedules_workspace ON schedules (workspace_id);
      CREATE INDEX schedules_recipe ON schedules (recipe_id);
      CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;

      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        url text NOT NULL,
        events text NOT NULL,
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX webhooks_workspace ON webhooks (workspace_id);
      CREATE TABLE webhook_secrets (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        ciphertext text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz
      );
      CREATE INDEX webhook_secrets_webhook ON webhook_secrets (webhook_id);
      CREATE TABLE webhook_deliveries (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event_type text NOT NULL,
        attempt integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
        response_status integer,
        error text,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, seq);

      CREATE TABLE credentials (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL,
        ciphertext text NOT NULL,
        hint text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT credentials_workspace_name UNIQUE (workspace_id, name)
      );
      CREATE TABLE proxies (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        url text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('datacenter', 'residential', 'mobile')),
        credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
        country text,
        enabled integer NOT NULL CHECK (enabled IN (0, 1)),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT proxies_workspace_name UNIQUE (workspace_id, name)
      );
      CREATE INDEX proxies_credential ON proxies (credential_id);

      CREATE TABLE usage_daily (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        day text NOT NULL,
        pages_http bigint NOT NULL DEFAULT 0,
        pages_browser bigint NOT NULL DEFAULT 0,
        pages_stealth bigint NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0,
        browser_ms bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day)
      );
      CREATE TABLE quota_counters (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        metric text NOT NULL,
        period text NOT NULL,
        used bigint NOT NULL CHECK (used >= 0),
        PRIMARY KEY (workspace_id, metric, period)
      );
    `.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`
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
    `.execute(db);
  },
};
