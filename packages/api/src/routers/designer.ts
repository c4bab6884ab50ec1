import { z } from 'zod';
import { ScrapifieError } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import type { DesignerFrame, DesignerService } from '../designer/service.ts';
import { editorProcedure, router } from '../trpc.ts';

/** The designer's procedures: live page sessions for the studio (HTTP + SSE on the web, IPC on the desktop). */

const SessionId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'a designer session id is letters, digits, "_" and "-"');
const Coord = z.number().finite().min(0).max(10_000);
const Selector = z.string().trim().min(1, 'a selector cannot be empty').max(2000);
const FieldName = z.string().min(1).max(100);
const Point = { sessionId: SessionId, x: Coord, y: Coord };

const InputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('click'), x: Coord, y: Coord }),
  z.strictObject({ type: z.literal('type'), text: z.string().min(1).max(10_000) }),
  z.strictObject({ type: z.literal('press'), key: z.string().min(1).max(50) }),
  z.strictObject({ type: z.literal('scroll'), dx: z.number().finite(), dy: z.number().finite(), x: Coord.optional(), y: Coord.optional() }),
  z.strictObject({ type: z.literal('navigate'), url: z.string().min(1).max(8000) }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('forward') }),
  z.strictObject({ type: z.literal('reload') }),
]);

const PickSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.enum(['select', 'widen', 'narrow']), x: Coord, y: Coord }),
  z.strictObject({
    mode: z.literal('field'), x: Coord, y: Coord,
    kind: z.enum(['auto', 'text', 'link', 'image', 'attribute']).optional(),
    attr: z.string().min(1).max(200).optional(),
    name: FieldName.optional(),
  }),
  z.strictObject({ mode: z.literal('pagination'), x: Coord, y: Coord }),
]);

const EditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setItemSelector'), selector: Selector }),
  z.strictObject({ op: z.literal('setFieldSelector'), name: FieldName, selector: Selector }),
  z.strictObject({ op: z.literal('renameField'), name: FieldName, to: FieldName }),
  z.strictObject({ op: z.literal('removeField'), name: FieldName }),
  z.strictObject({ op: z.literal('choosePagination'), index: z.number().int().min(0).max(100).nullable() }),
]);

function designerOf(ctx: ApiContext): DesignerService {
  const d = ctx.services.designer;
  if (!d) throw new ScrapifieError('TIER_UNAVAILABLE', 'the visual designer is not available on this server (it needs a browser)');
  return d;
}

async function checkTarget(ctx: ApiContext, url: string): Promise<void> {
  await ctx.services.targetPolicy?.checkUrl(url);
}

export const designerRouter = router({
  open: editorProcedure
    .input(z.strictObject({ url: z.string().min(1).max(8000) }))
    .mutation(async ({ ctx, input }) => {
      await checkTarget(ctx, input.url);
      return designerOf(ctx).open(input.url);
    }),

  state: editorProcedure.input(z.strictObject({ sessionId: SessionId })).query(({ ctx, input }) => designerOf(ctx).state(input.sessionId)),

  close: editorProcedure.input(z.strictObject({ sessionId: SessionId })).mutation(async ({ ctx, input }) => {
    await designerOf(ctx).close(input.sessionId);
    return { closed: true };
  }),

  /** The live page as JPEG frames (base64); Chromium sends a frame only when the page changes. */
  frames: editorProcedure.input(z.strictObject({ sessionId: SessionId })).subscription(async function* ({ ctx, input, signal }): AsyncGenerator<DesignerFrame> {
    yield* designerOf(ctx).frames(input.sessionId, signal);
  }),

  input: editorProcedure.input(z.strictObject({ sessionId: SessionId, input: InputSchema })).mutation(async ({ ctx, input }) => {
    if (input.input.type === 'navigate') await checkTarget(ctx, input.input.url);
    return designerOf(ctx).input(input.sessionId, input.input);
  }),

  hover: editorProcedure.input(z.strictObject(Point)).mutation(({ ctx, input }) => designerOf(ctx).hover(input.sessionId, input.x, input.y)),

  pick: editorProcedure.input(z.strictObject({ sessionId: SessionId, pick: PickSchema })).mutation(({ ctx, input }) => designerOf(ctx).pick(input.sessionId, input.pick)),

  edit: editorProcedure.input(z.strictObject({ sessionId: SessionId, edit: EditSchema })).mutation(({ ctx, input }) => designerOf(ctx).edit(input.sessionId, input.edit)),

  detectPagination: editorProcedure.input(z.strictObject({ sessionId: SessionId })).mutation(({ ctx, input }) => designerOf(ctx).detectPagination(input.sessionId)),

  checkTiers: editorProcedure.input(z.strictObject({ sessionId: SessionId })).mutation(({ ctx, input }) => designerOf(ctx).checkTiers(input.sessionId)),

  /** Records the login: start at the sign-in page, stop once signed in (typed secrets go to the credential store). */
  record: editorProcedure
    .input(z.strictObject({
      sessionId: SessionId,
      record: z.discriminatedUnion('op', [
        z.strictObject({ op: z.literal('start'), credential: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a credential name is letters, digits, "_" and "-" (at most 100)').optional() }),
        z.strictObject({ op: z.literal('stop') }),
        z.strictObject({ op: z.literal('discard') }),
      ]),
    }))
    .mutation(({ ctx, input }) => designerOf(ctx).record(input.sessionId, input.record)),

  recipe: editorProcedure
    .input(z.strictObject({ sessionId: SessionId, name: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => ({ recipe: await designerOf(ctx).recipe(input.sessionId, input.name) })),
});
