import type { ErrorCode } from '../src/domain/api.ts';

/** Default pt-BR message for each error code (routes may pass a more precise one). */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_credentials: 'Usuário ou senha incorretos.',
  rate_limited: 'Muitas tentativas em pouco tempo. Aguarde alguns minutos e tente de novo.',
  unauthenticated: 'Sessão ausente, expirada ou encerrada. Entre novamente.',
  forbidden: 'Você não tem permissão para esta operação.',
  not_found: 'Recurso não encontrado.',
  hash_mismatch: 'O conteúdo da foto não corresponde ao identificador (sha256) informado no endereço.',
  too_large: 'O conteúdo enviado é grande demais.',
  unsupported_media_type: 'Tipo de conteúdo não aceito.',
  missing_photos: 'Algumas fotos do relatório ainda não foram enviadas.',
  revision_conflict: 'Esta revisão do relatório não pode ser aceita: ela já foi recebida com outro conteúdo ou é mais antiga que a revisão guardada.',
  report_locked: 'O relatório já foi aprovado e não pode mais ser alterado.',
  invalid_report: 'O relatório tem problemas a corrigir.',
  invalid_request: 'Requisição inválida.',
  invalid_review: 'A revisão tem problemas a corrigir.',
  invalid_transition: 'Esta decisão não é possível na situação atual do relatório.',
  internal_error: 'Erro interno no servidor. Tente de novo mais tarde.',
  period_taken: 'O município já tem um relatório deste mês.',
  already_resolved: 'Esta duplicidade já foi resolvida.',
  unavailable: 'O servidor está temporariamente sem acesso ao banco de dados. Nada foi perdido: tente de novo em alguns segundos.',
  no_subscription: 'Este aparelho não está inscrito para receber notificações. Ative as notificações em Configurações.',
  push_gone: 'O serviço de notificações do navegador encerrou a inscrição deste aparelho. Ative as notificações de novo.',
  push_failed: 'O serviço de notificações do navegador não respondeu. Tente de novo em alguns minutos.',
  invalid_deadlines: 'Os prazos informados têm problemas a corrigir.',
  access_code_invalid: 'Este código de acesso não existe. Confira se o link foi copiado inteiro ou peça um novo acesso a quem cuida da sua conta.',
  access_code_used: 'Este código de acesso já foi usado. Entre com seu usuário e senha, ou peça um novo acesso a quem cuida da sua conta.',
  access_code_expired: 'Este código de acesso venceu. Peça um novo acesso a quem cuida da sua conta.',
  account_disabled: 'Esta conta está desativada. Fale com a sua unidade regional.',
  invalid_account: 'Os dados da conta têm problemas a corrigir.',
  login_taken: 'Já existe uma conta com este usuário. Escolha outro.',
  wrong_password: 'A senha atual está incorreta.',
  invalid_csv: 'O arquivo não pôde ser lido como CSV.',
  too_many_rows: 'O arquivo tem linhas demais para uma importação.',
  consent_required: 'Para publicar fotos, confirme que as pessoas nas fotos autorizaram o uso de imagem.',
};

/** An error that becomes {"error": {code, message, ...extra}} with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: ErrorCode, message: string = ERROR_MESSAGES[code], extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** "2 MB" for 2 MiB, "512 KB" for 512 KiB. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}
