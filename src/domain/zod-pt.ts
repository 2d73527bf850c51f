// The one Portuguese fallback for zod's built-in messages (app and server); a message set on the
// schema always wins over it.
import type * as z from 'zod/mini';

export function ptIssueMessage(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'unrecognized_keys':
      return `campo não permitido: ${(iss.keys as string[]).join(', ')}`;
    case 'invalid_type':
      return iss.input === undefined ? 'campo obrigatório ausente' : `tipo inválido (esperado ${iss.expected})`;
    case 'too_big':
      return `valor acima do limite (${String(iss.maximum)})`;
    case 'too_small':
      return `valor abaixo do mínimo (${String(iss.minimum)})`;
    default:
      return 'valor inválido';
  }
}
