import type { FetchTier, ProxyTierName, Recipe } from '@scrapifie/recipe';

/** The records the AppStore keeps. Ids are UUIDs; times are ISO 8601 strings (UTC). */

export const WORKSPACE_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
/** Strongest first: an owner may do everything an admin may, and so on. */
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

export interface Member {
  workspaceId: string;
  userId: string;
  email: string;
  role: WorkspaceRole;
  createdAt: string;
}

export interface User {
  id: string;
  /** Stored lower-cased: e-mail addresses are unique regardless of case. */
  email: string;
  name: string | null;
  /** The password hash the API made (argon2id or bcrypt); the store never sees a password. */
  passwordHash: string;
  createdAt: string;
}

export interface NewRefreshToken {
  userId: string;
  /** Omitted for a new login: the token starts a new family. */
  familyId?: string | undefined;
  /** A hash of the token (the token itself is never stored). */
  tokenHash: string;
  expiresAt: string;
}

export interface RefreshToken {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: string;
  createdAt: string;
}

/**
 * What presenting a refresh token did: `rotated` marked it used and stored its successor in the same family;
 * `reused` means it had been used before, so the whole family is now revoked (a stolen token was replayed).
 */
export type RotateResult =
  | { status: 'rotated'; token: RefreshToken }
  | { status: 'reused'; familyId: string; userId: string }
  | { status: 'expired' | 'revoked' | 'unknown' };

export interface NewApiKey {
  workspaceId: string;
  name: string;
  /** The public, unique start of the key, used to find it (e.g. "sk_live_ab12cd34"). */
  prefix: string;
  /** A hash of the whole key; the key itself is shown once and never stored. */
  keyHash: string;
  role: WorkspaceRole;
  createdBy?: string | null | undefined;
}

export interface ApiKey {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  keyHash: string;
  role: WorkspaceRole;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface StoredRecipe {
  id: string;
  workspaceId: string;
  name: string;
  /** The latest version's number (1 for a new recipe). */
  version: number;
  recipe: Recipe;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RecipeVersion {
  recipeId: string;
  version: number;
  recipe: Recipe;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface NewSchedule {
  workspaceId: string;
  recipeId: string;
  name: string;
  /** A cron expression; the scheduler parses it and computes nextRunAt. */
  cron: string;
  /** IANA zone the cron expression is read in. Default "UTC". */
  timezone?: string | undefined;
  enabled?: boolean | undefined;
  nextRunAt: string | null;
  /** Input rows (or other run options) passed to each run, as JSON. */
  input?: unknown;
}

export interface Schedule {
  id: string;
  workspaceId: string;
  recipeId: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  input: unknown;
  createdAt: string;
  updatedAt: string;
}

export type SchedulePatch = Partial<Pick<Schedule, 'name' | 'cron' | 'timezone' | 'enabled' | 'nextRunAt' | 'input'>>;

export interface NewWebhook {
  workspaceId: string;
  url: string;
  /** Event types, e.g. ["run.completed", "run.failed"]. */
  events: string[];
  /** The signing secret, encrypted by the API (the store never sees it in clear). */
  secretCiphertext: string;
}

export interface WebhookSecret {
  id: string;
  ciphertext: string;
  createdAt: string;
  /** Null for the current secret; a rotated-out secret stays valid until then. */
  expiresAt: string | null;
}

export interface Webhook {
  id: string;
  workspaceId: string;
  url: string;
  events: string[];
  /** Secrets valid at the time of reading, newest first (two during a rotation). */
  secrets: WebhookSecret[];
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewDelivery {
  webhookId: string;
  /** The webhook-id header value: the same across retries of one event. */
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: 'succeeded' | 'failed';
  responseStatus?: number | null | undefined;
  error?: string | null | undefined;
  durationMs: number;
}

export interface Delivery extends Required<NewDelivery> {
  id: string;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
}

export interface NewCredential {
  workspaceId: string;
  /** Unique within the workspace. */
  name: string;
  kind: string;
  /** The secret, encrypted by the API. */
  ciphertext: string;
  /** What the UI may show, e.g. "••••ab12" (the API masks it). */
  hint?: string | null | undefined;
}

export interface Credential {
  id: string;
  workspaceId: string;
  name: string;
  kind: string;
  hint: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CredentialWithSecret extends Credential {
  ciphertext: string;
}

export interface NewProxyEntry {
  workspaceId: string;
  name: string;
  /** Proxy URL without the password (the password lives in a credential). */
  url: string;
  tier: Exclude<ProxyTierName, 'none'>;
  credentialId?: string | null | undefined;
  country?: string | null | undefined;
  enabled?: boolean | undefined;
}

export interface ProxyEntry {
  id: string;
  workspaceId: string;
  name: string;
  url: string;
  tier: Exclude<ProxyTierName, 'none'>;
  credentialId: string | null;
  country: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ProxyPatch = Partial<Pick<ProxyEntry, 'name' | 'url' | 'tier' | 'credentialId' | 'country' | 'enabled'>>;

/** Work to add to a workspace's usage at a time (recorded by day, UTC). */
export interface UsageDelta {
  at: string;
  pagesByTier?: Partial<Record<FetchTier, number>> | undefined;
  bytes?: number | undefined;
  browserSeconds?: number | undefined;
}

/** Usage summed over one period: "2025-03" for a month, "2025-03-14" for a day. */
export interface UsageTotals {
  period: string;
  pagesByTier: Record<FetchTier, number>;
  pages: number;
  bytes: number;
  browserSeconds: number;
}

export interface UsageQuery {
  granularity: 'day' | 'month';
  /** Inclusive ISO dates (YYYY-MM-DD); default: everything. */
  from?: string | undefined;
  to?: string | undefined;
}

/** A quota counter: how much of `metric` the workspace used in `period` (e.g. pages in "2025-03"). */
export interface QuotaRequest {
  metric: string;
  period: string;
  amount: number;
  /** The most the counter may reach; a request that would exceed it is refused whole. */
  limit: number;
}

export interface QuotaResult {
  granted: boolean;
  /** The counter after the call (unchanged when refused). */
  used: number;
  remaining: number;
}
