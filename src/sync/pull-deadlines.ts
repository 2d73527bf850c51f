import { DeadlineSettingsSchema } from '../domain/deadline-settings';
import { saveDeadlines } from '../db/notification-settings';
import type { MobilizaDb } from '../db/database';
import type { HttpClient } from './http';

/** GET /deadlines and keep the rule on the phone, so the due date shows offline. */
export async function pullDeadlines(db: MobilizaDb, http: HttpClient): Promise<boolean> {
  const res = await http.request('GET', '/deadlines');
  const parsed = DeadlineSettingsSchema.safeParse(await res.json());
  if (!parsed.success) return false;
  await saveDeadlines(db, parsed.data);
  return true;
}
