import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { at, type AppStoreContext } from './fixtures.ts';

/** describeAppStore's cases for the owner of each run: the workspace that started it, and nobody else's. */
export function runWorkspaceCases(ctx: AppStoreContext): void {
  it('records which workspace started a run, lists a workspace\'s runs newest first, and forgets them with the workspace', async () => {
    const { store, owner, workspace } = ctx;
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    const runs = Array.from({ length: 4 }, () => randomUUID());
    await store.recordRunWorkspace(runs[0]!, workspace.id, at(0));
    await store.recordRunWorkspace(runs[1]!, other.id, at(1));
    await store.recordRunWorkspace(runs[2]!, workspace.id, at(2));
    await store.recordRunWorkspace(runs[3]!, workspace.id, at(2));
    // A second record for the same run keeps the first owner.
    await store.recordRunWorkspace(runs[0]!, other.id, at(3));

    expect(await store.runWorkspace(runs[0]!)).toBe(workspace.id);
    expect(await store.runWorkspace(runs[1]!)).toBe(other.id);
    expect(await store.runWorkspace(randomUUID())).toBeNull();
    expect(await store.runIdsOf(workspace.id, 10)).toEqual([runs[3], runs[2], runs[0]]);
    expect(await store.runIdsOf(workspace.id, 2)).toEqual([runs[3], runs[2]]);
    expect(await store.runIdsOf(other.id, 10)).toEqual([runs[1]]);
    expect(await store.runIdsOf('not-a-uuid', 10)).toEqual([]);

    await expect(store.recordRunWorkspace(randomUUID(), randomUUID(), at(4))).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.runIdsOf(workspace.id, 0)).rejects.toThrow(/limit/);

    expect(await store.deleteWorkspace(other.id)).toBe(true);
    expect(await store.runWorkspace(runs[1]!)).toBeNull();
    expect(await store.runIdsOf(workspace.id, 10)).toHaveLength(3);
  });
}
