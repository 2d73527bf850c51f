import * as z from 'zod';

/** Portuguese text for zod's built-in messages; messages set on the schema win. */
export function ptIssueMessage(iss: z.core.$ZodRawIssue): string {
  if (iss.code === 'unrecognized_keys') return `campo não permitido: ${(iss.keys as string[]).join(', ')}`;
  if (iss.code === 'invalid_type' && iss.input === undefined) return 'campo obrigatório ausente';
  return 'valor inválido';
}

/** Parses with Portuguese messages; issues as the API's [{path, message}] (dotted paths). */
export function parseWithIssues<T>(schema: z.core.$ZodType<T>, input: unknown):
  | { success: true; data: T }
  | { success: false; issues: { path: string; message: string }[] } {
  // functional form: works for classic and zod/mini schemas alike
  const r = z.safeParse(schema, input, { error: ptIssueMessage });
  if (r.success) return { success: true, data: r.data };
  return { success: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}
