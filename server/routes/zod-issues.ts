import * as z from 'zod/mini';
import { ptIssueMessage } from '../../src/domain/zod-pt.ts';

/** Parses with Portuguese messages; issues as the API's [{path, message}] (dotted paths). */
export function parseWithIssues<T>(schema: z.core.$ZodType<T>, input: unknown):
  | { success: true; data: T }
  | { success: false; issues: { path: string; message: string }[] } {
  const r = z.safeParse(schema, input, { error: ptIssueMessage });
  if (r.success) return { success: true, data: r.data };
  return { success: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}
