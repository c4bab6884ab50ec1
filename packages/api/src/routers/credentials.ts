import { z } from 'zod';
import type { Credential } from '@scrapifie/engine';
import { ApiError } from '../errors.ts';
import { appCall } from '../services/app-errors.ts';
import { appOf, workspaceOf } from '../services/app.ts';
import { sealCredential, secretsOf } from '../services/credentials.ts';
import { adminProcedure, editorProcedure, router, viewerProcedure } from '../trpc.ts';

export const CREDENTIAL_KINDS = ['password', 'token', 'proxy'] as const;

const CredentialIdSchema = z.uuid('a credential id is a UUID');
const NameSchema = z.string().trim().min(1, 'a name is required').max(100);
// The value is only ever encrypted: no message below quotes it.
const ValueSchema = z.string().min(1, 'the value is empty').max(8192, 'the value is longer than 8192 characters');
const UsernameSchema = z.string().min(1).max(256);

const CredentialView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  hint: z.string().nullable().describe('The last 4 characters of the value, masked (e.g. "••••ab12")'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function view(c: Credential): z.infer<typeof CredentialView> {
  return { id: c.id, name: c.name, kind: c.kind, hint: c.hint, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

const TAGS = ['credentials'];

export const credentialsRouter = router({
  create: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/credentials', tags: TAGS, summary: 'Store a credential', description: 'Encrypts the value at rest. The value is never returned: answers show a masked hint only.' }, successStatus: 201 })
    .input(z.strictObject({ name: NameSchema, kind: z.enum(CREDENTIAL_KINDS), value: ValueSchema, username: UsernameSchema.optional() }))
    .output(CredentialView)
    .mutation(async ({ ctx, input }) => {
      const app = appOf(ctx);
      const workspaceId = workspaceOf(ctx);
      const sealed = sealCredential(secretsOf(ctx), workspaceId, { value: input.value, username: input.username });
      const created = await appCall(() => app.createCredential({ workspaceId, name: input.name, kind: input.kind, ...sealed }));
      ctx.logger.debug('credential created', { credentialId: created.id, name: created.name, kind: created.kind });
      return view(created);
    }),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/credentials', tags: TAGS, summary: 'List credentials', description: 'Names, kinds and masked hints; never values.' } })
    .input(z.strictObject({}))
    .output(z.object({ credentials: z.array(CredentialView) }))
    .query(async ({ ctx }) => ({ credentials: (await appOf(ctx).listCredentials(workspaceOf(ctx))).map(view) })),

  update: editorProcedure
    .meta({ openapi: { method: 'PATCH', path: '/credentials/{credentialId}', tags: TAGS, summary: "Replace a credential's value", description: 'Encrypts the new value; the old one is gone.' } })
    .input(z.strictObject({ credentialId: CredentialIdSchema, value: ValueSchema, username: UsernameSchema.optional().describe('Replaced with the value (omitted: none)') }))
    .output(CredentialView)
    .mutation(async ({ ctx, input }) => {
      const app = appOf(ctx);
      const workspaceId = workspaceOf(ctx);
      const sealed = sealCredential(secretsOf(ctx), workspaceId, { value: input.value, username: input.username });
      const notFound = () => new ApiError('NOT_FOUND', `No credential ${input.credentialId} in this workspace`);
      if (!(await appCall(() => app.updateCredential(workspaceId, input.credentialId, sealed)))) throw notFound();
      const after = await app.getCredential(workspaceId, input.credentialId);
      if (!after) throw notFound();
      ctx.logger.debug('credential value replaced', { credentialId: after.id, name: after.name });
      return view(after);
    }),

  delete: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/credentials/{credentialId}', tags: TAGS, summary: 'Delete a credential', description: 'Proxies that used it keep working without credentials (their reference is cleared).' } })
    .input(z.strictObject({ credentialId: CredentialIdSchema }))
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await appCall(() => appOf(ctx).deleteCredential(workspaceOf(ctx), input.credentialId)))) throw new ApiError('NOT_FOUND', `No credential ${input.credentialId} in this workspace`);
      ctx.logger.debug('credential deleted', { credentialId: input.credentialId });
      return { deleted: true as const };
    }),
});
