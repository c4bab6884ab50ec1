import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { describeNextRun, useSchedules, type ScheduleItem } from '../stores/schedules-store.ts';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Library recipes run on a cron schedule: create, enable/disable, delete; when each fires next (the API computes it). */
export function SchedulesScreen() {
  const s = useSchedules();
  const [form, setForm] = useState({ recipeId: '', name: '', cron: '0 6 * * 1-5', timezone: ZONE });
  const [created, setCreated] = useState<ScheduleItem | null>(null);
  useEffect(() => void s.refresh(), [s.refresh]);
  const recipeName = (id: string) => s.recipes.find((r) => r.id === id)?.name ?? id;
  const columns: Array<Column<ScheduleItem>> = [
    { header: 'Name', cell: (r) => r.name },
    { header: 'Recipe', cell: (r) => recipeName(r.recipeId) },
    { header: 'When', cell: (r) => <span className="mono">{r.cron} · {r.timezone}</span> },
    { header: 'Next run', cell: (r) => <span data-col="next">{describeNextRun(r.nextRunAt, r.timezone)}</span> },
    { header: 'Last run', cell: (r) => when(r.lastRunAt) },
    { header: 'Enabled', cell: (r) => <span className={r.enabled ? 'badge on' : 'badge off'}>{r.enabled ? 'on' : 'off'}</span> },
    {
      header: '',
      cell: (r) => (
        <span className="actions">
          <button onClick={() => void s.setEnabled(r.id, !r.enabled)}>{r.enabled ? 'Disable' : 'Enable'}</button>
          <ConfirmButton label="Delete" question={`Delete schedule ${r.name}?`} onConfirm={() => s.remove(r.id)} />
        </span>
      ),
    },
  ];
  const recipeId = form.recipeId || s.recipes[0]?.id || '';
  return (
    <ScreenFrame title="Schedules" intro="Runs a library recipe's latest version at the times a cron expression names, read in a time zone.">
      <ErrorBanner error={s.error} />
      <CreateForm
        label="New schedule"
        submit="Create schedule"
        busy={s.loading}
        onSubmit={async () => setCreated((await s.create({ ...form, recipeId, name: form.name || `${recipeName(recipeId)} (${form.cron})` })) ?? null)}
      >
        <Field label="Recipe">
          <select value={recipeId} onChange={(e) => setForm({ ...form, recipeId: e.target.value })} required>
            {s.recipes.length === 0 && <option value="">No library recipe yet</option>}
            {s.recipes.map((r) => <option key={r.id} value={r.id}>{r.name} (v{r.version})</option>)}
          </select>
        </Field>
        <Field label="Name"><input value={form.name} placeholder="optional" onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
        <Field label="Cron"><input className="mono" value={form.cron} onChange={(e) => setForm({ ...form, cron: e.target.value })} required /></Field>
        <Field label="Time zone"><input value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })} required /></Field>
      </CreateForm>
      {created && (
        <p className="notice" data-testid="next-run">
          Schedule <strong>{created.name}</strong> runs next {describeNextRun(created.nextRunAt, created.timezone)} ({created.timezone}); your time: {created.nextRunAt ? new Date(created.nextRunAt).toLocaleString() : 'never'}.
        </p>
      )}
      <ResourceTable label="Schedules" rows={s.schedules} columns={columns} rowKey={(r) => r.id} empty="No schedules yet." />
    </ScreenFrame>
  );
}
