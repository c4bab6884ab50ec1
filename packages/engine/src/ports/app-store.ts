import type { Recipe } from '@scrapifie/recipe';
import type {
  ApiKey,
  Credential,
  CredentialWithSecret,
  Delivery,
  Member,
  NewApiKey,
  NewCredential,
  NewDelivery,
  NewProxyEntry,
  NewRefreshToken,
  NewSchedule,
  NewWebhook,
  ProxyEntry,
  ProxyPatch,
  QuotaRequest,
  QuotaResult,
  RecipeVersion,
  RefreshToken,
  RotateResult,
  Schedule,
  SchedulePatch,
  StoredRecipe,
  UsageDelta,
  UsageQuery,
  UsageTotals,
  User,
  Webhook,
  Workspace,
  WorkspaceRole,
} from './app-store-types.ts';

export * from './app-store-types.ts';

/**
 * Why an AppStore call was refused: `conflict` (a unique name, e-mail, prefix or version is taken),
 * `not_found` (the thing a call refers to does not exist in that workspace), `last_owner` (the call would leave a
 * workspace without an owner), `invalid` (bad input, named in the message).
 */
export class AppStoreError extends Error {
  readonly code: 'conflict' | 'not_found' | 'last_owner' | 'invalid';
  constructor(code: AppStoreError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppStoreError';
    this.code = code;
  }
}

/**
 * What the API keeps beyond crawls: workspaces and members, users and their refresh tokens, API keys, recipes with
 * versions, schedules, webhooks with their delivery log, credentials, proxy entries, and usage with quotas.
 *
 * Every workspace-owned record is read and changed through its workspace id: a call with another workspace's id
 * finds nothing (null, false or `not_found`). Ids that are not UUIDs find nothing either. Secrets arrive hashed or
 * encrypted by the API; the store keeps them as given and never logs them.
 */
export interface AppStore {
  // Users
  /** `conflict` when the e-mail (case-insensitive) is taken. */
  createUser(input: { email: string; passwordHash: string; name?: string | null | undefined }): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  /**
   * Whether any user exists besides the one with `exceptEmail` (the API lets the first user register on a server that
   * allows no sign-up; the desktop's local user does not count).
   */
  hasUsers(exceptEmail?: string): Promise<boolean>;
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;

  // Workspaces and members
  /** Creates the workspace with `ownerId` as its owner, in one transaction. */
  createWorkspace(input: { name: string; ownerId: string }): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | null>;
  renameWorkspace(id: string, name: string): Promise<boolean>;
  /** Deletes the workspace and everything it owns. */
  deleteWorkspace(id: string): Promise<boolean>;
  /** The workspaces a user belongs to, oldest first, with the user's role in each. */
  workspacesOf(userId: string): Promise<Array<Workspace & { role: WorkspaceRole }>>;
  /** `conflict` when the user is a member already. */
  addMember(workspaceId: string, userId: string, role: WorkspaceRole): Promise<Member>;
  /** `not_found` for a non-member; `last_owner` when it would demote the only owner. */
  setMemberRole(workspaceId: string, userId: string, role: WorkspaceRole): Promise<Member>;
  /** False for a non-member; `last_owner` when it would remove the only owner. */
  removeMember(workspaceId: string, userId: string): Promise<boolean>;
  roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | null>;
  listMembers(workspaceId: string): Promise<Member[]>;

  // Refresh tokens (rotation with reuse detection)
  createRefreshToken(input: NewRefreshToken): Promise<RefreshToken>;
  /**
   * Presents the token with hash `tokenHash` at time `now`: when it is valid it is marked used and a successor
   * (`next`) is stored in its family, atomically; when it was used before, its whole family is revoked.
   */
  rotateRefreshToken(tokenHash: string, next: { tokenHash: string; expiresAt: string }, now: string): Promise<RotateResult>;
  /** Revokes the family of the token with this hash (logout). False when no such token. */
  revokeRefreshFamilyOf(tokenHash: string): Promise<boolean>;
  revokeRefreshFamily(familyId: string): Promise<boolean>;
  /** Revokes every family of the user (password change, "log out everywhere"). Returns how many. */
  revokeAllRefreshTokens(userId: string): Promise<number>;

  // API keys
  /** `conflict` when the prefix is taken. */
  createApiKey(input: NewApiKey): Promise<ApiKey>;
  /** The key with this prefix, or null when there is none or it is revoked. The caller compares the hash. */
  findApiKeyByPrefix(prefix: string): Promise<ApiKey | null>;
  /** Every key of the workspace, revoked ones included, newest first. */
  listApiKeys(workspaceId: string): Promise<ApiKey[]>;
  touchApiKey(id: string, at: string): Promise<void>;
  revokeApiKey(workspaceId: string, id: string): Promise<boolean>;

  // Recipes with versions
  createRecipe(input: { workspaceId: string; name: string; recipe: Recipe; createdBy?: string | null | undefined; message?: string | null | undefined }): Promise<StoredRecipe>;
  /**
   * Stores `recipe` as the next version (and renames when `name` is given). With `expectedVersion`, refuses with
   * `conflict` unless the latest version is still that one (two editors cannot silently overwrite each other).
   */
  updateRecipe(
    workspaceId: string,
    id: string,
    input: { recipe: Recipe; name?: string | undefined; expectedVersion?: number | undefined; createdBy?: string | null | undefined; message?: string | null | undefined },
  ): Promise<StoredRecipe>;
  getRecipe(workspaceId: string, id: string): Promise<StoredRecipe | null>;
  /** Newest first by last change; archived ones only when asked. */
  listRecipes(workspaceId: string, opts?: { includeArchived?: boolean | undefined }): Promise<StoredRecipe[]>;
  getRecipeVersion(workspaceId: string, id: string, version: number): Promise<RecipeVersion | null>;
  /** Newest first. */
  listRecipeVersions(workspaceId: string, id: string): Promise<RecipeVersion[]>;
  setRecipeArchived(workspaceId: string, id: string, archived: boolean, at: string): Promise<boolean>;
  /** Deletes the recipe with its versions and schedules. */
  deleteRecipe(workspaceId: string, id: string): Promise<boolean>;

  // Schedules
  /** `not_found` when the recipe is not in the workspace. */
  createSchedule(input: NewSchedule): Promise<Schedule>;
  getSchedule(workspaceId: string, id: string): Promise<Schedule | null>;
  listSchedules(workspaceId: string): Promise<Schedule[]>;
  updateSchedule(workspaceId: string, id: string, patch: SchedulePatch): Promise<Schedule | null>;
  deleteSchedule(workspaceId: string, id: string): Promise<boolean>;
  /** Enabled schedules of every workspace due at `now`, earliest first. */
  dueSchedules(now: string, limit: number): Promise<Schedule[]>;
  /**
   * Claims one firing: moves nextRunAt from `expectedNextRunAt` to `nextRunAt` and sets lastRunAt, only if nobody did
   * so first. True for exactly one of several schedulers racing for the same firing.
   */
  claimScheduleRun(id: string, expectedNextRunAt: string, nextRunAt: string | null, at: string): Promise<boolean>;

  // Webhooks
  createWebhook(input: NewWebhook): Promise<Webhook>;
  /** `now` decides which rotated-out secrets are still valid. */
  getWebhook(workspaceId: string, id: string, now: string): Promise<Webhook | null>;
  listWebhooks(workspaceId: string, now: string): Promise<Webhook[]>;
  /** Enabled webhooks of the workspace subscribed to `event`. */
  webhooksFor(workspaceId: string, event: string, now: string): Promise<Webhook[]>;
  updateWebhook(workspaceId: string, id: string, patch: { url?: string | undefined; events?: string[] | undefined }): Promise<boolean>;
  /** Makes `ciphertext` the current secret; the previous ones stay valid until `previousValidUntil`. */
  rotateWebhookSecret(workspaceId: string, id: string, ciphertext: string, previousValidUntil: string): Promise<boolean>;
  /** Enabling clears the failure count; disabling keeps the reason. */
  setWebhookDisabled(workspaceId: string, id: string, disabled: { at: string; reason: string } | null): Promise<boolean>;
  deleteWebhook(workspaceId: string, id: string): Promise<boolean>;
  /** Logs one delivery attempt and returns the consecutive failures after it (a success resets them to 0). */
  recordDelivery(input: NewDelivery): Promise<{ consecutiveFailures: number }>;
  /** Newest first. */
  listDeliveries(workspaceId: string, webhookId: string, limit: number): Promise<Delivery[]>;

  // Credentials
  /** `conflict` when the name is taken in the workspace. */
  createCredential(input: NewCredential): Promise<Credential>;
  /** Metadata only, by name. */
  listCredentials(workspaceId: string): Promise<Credential[]>;
  getCredential(workspaceId: string, id: string): Promise<CredentialWithSecret | null>;
  getCredentialByName(workspaceId: string, name: string): Promise<CredentialWithSecret | null>;
  updateCredential(workspaceId: string, id: string, input: { ciphertext: string; hint?: string | null | undefined }): Promise<boolean>;
  deleteCredential(workspaceId: string, id: string): Promise<boolean>;

  // Proxy configuration
  /** `not_found` when credentialId is not a credential of the workspace. */
  createProxy(input: NewProxyEntry): Promise<ProxyEntry>;
  listProxies(workspaceId: string): Promise<ProxyEntry[]>;
  updateProxy(workspaceId: string, id: string, patch: ProxyPatch): Promise<ProxyEntry | null>;
  deleteProxy(workspaceId: string, id: string): Promise<boolean>;

  // Runs by workspace (the crawl store keeps runs; this says which workspace started each)
  /** Records that `workspaceId` started run `runId` (a second call for the same run changes nothing). */
  recordRunWorkspace(runId: string, workspaceId: string, at: string): Promise<void>;
  /** The workspace that started the run, or null (a run of no workspace: the desktop's, or one from before). */
  runWorkspace(runId: string): Promise<string | null>;
  /** The ids of the runs the workspace started, newest first. */
  runIdsOf(workspaceId: string, limit: number): Promise<string[]>;

  // Usage and quotas
  recordUsage(workspaceId: string, delta: UsageDelta): Promise<void>;
  /** Usage summed by day or month, oldest first. */
  usage(workspaceId: string, query: UsageQuery): Promise<UsageTotals[]>;
  /**
   * Adds `amount` to the quota counter only if the result stays within `limit`, in one atomic statement: however
   * many callers race, the counter never passes the limit.
   */
  consumeQuota(workspaceId: string, request: QuotaRequest): Promise<QuotaResult>;
  /** Gives back reserved quota that went unused (never below 0). Returns the counter after. */
  refundQuota(workspaceId: string, request: Omit<QuotaRequest, 'limit'>): Promise<number>;
  quotaUsed(workspaceId: string, metric: string, period: string): Promise<number>;

  close(): Promise<void>;
}
