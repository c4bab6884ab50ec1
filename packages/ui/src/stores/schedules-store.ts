import type { AppRouter } from '@scrapifie/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { create } from 'zustand';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';

type Outputs = inferRouterOutputs<AppRouter>;
/** A schedule and a library recipe as the API answers them. */
export type ScheduleItem = Outputs['schedules']['list']['schedules'][number];
export type LibraryRecipe = Outputs['recipes']['list']['recipes'][number];
export type NewSchedule = Pick<inferRouterInputs<AppRouter>['schedules']['create'], 'recipeId' | 'name' | 'cron' | 'timezone'>;

interface SchedulesState extends Loadable {
  schedules: ScheduleItem[];
  /** The library recipes a schedule can run. */
  recipes: LibraryRecipe[];
  refresh(): Promise<void>;
  create(s: NewSchedule): Promise<ScheduleItem | undefined>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  remove(id: string): Promise<void>;
}

export const useSchedules = create<SchedulesState>((set, get) => ({
  ...IDLE,
  schedules: [],
  recipes: [],
  async refresh() {
    await attempt(set, async () => {
      const [s, r] = await Promise.all([client().schedules.list.query({}), client().recipes.list.query({ archived: 'hide' })]);
      set({ schedules: s.schedules, recipes: r.recipes });
    });
  },
  async create(s) {
    const created = await attempt(set, () => client().schedules.create.mutate(s));
    if (created) set({ schedules: [...get().schedules, created] });
    return created;
  },
  async setEnabled(id, enabled) {
    const r = await attempt(set, () => (enabled ? client().schedules.enable.mutate({ scheduleId: id }) : client().schedules.disable.mutate({ scheduleId: id })));
    if (r) set({ schedules: get().schedules.map((s) => (s.id === id ? r : s)) });
  },
  async remove(id) {
    const r = await attempt(set, () => client().schedules.delete.mutate({ scheduleId: id }));
    if (r) set({ schedules: get().schedules.filter((s) => s.id !== id) });
  },
}));

/** "Mon 2 Jun, 06:00 CET (in 5 h)": when a schedule fires next (the API's nextRunAt), read in its zone and relative to now. */
export function describeNextRun(iso: string | null, timeZone: string, now = Date.now(), locale?: string): string {
  if (!iso) return 'never (disabled)';
  const at = Date.parse(iso);
  const when = new Date(at).toLocaleString(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const mins = Math.round((at - now) / 60_000);
  const rel = mins < 1 ? 'now' : mins < 60 ? `in ${mins} min` : mins < 48 * 60 ? `in ${Math.round(mins / 60)} h` : `in ${Math.round(mins / 1440)} days`;
  return `${when} (${rel})`;
}
