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
  invalid_material: 'O material tem problemas a corrigir.',
  consent_required: 'Para publicar fotos, confirme que as pessoas nas fotos autorizaram o uso de imagem.',
  package_invalid: 'O arquivo .txt não é um pacote de relatório do Mobiliza, ou foi cortado. Peça ao município que envie de novo o arquivo .txt gerado pelo app, sem alterá-lo.',
  package_tampered: 'O arquivo .txt foi alterado depois de gerado pelo app (ou não foi gerado por este aparelho): a assinatura não confere. Peça ao município que envie de novo o pacote gerado pelo app.',
  package_wrong_municipality: 'O relatório do pacote é de outro município que não o da conta que o gerou. O pacote foi recusado.',
  package_photo_missing: 'Faltam fotos no pacote. Selecione o arquivo .txt junto com todas as fotos recebidas.',
  package_photo_altered: 'Uma foto do pacote não é igual à original. Peça ao município que envie as fotos como documento.',
  package_out_of_scope: 'Este relatório é de um município fora da sua unidade regional.',
  device_unknown: 'O aparelho que gerou este pacote não é conhecido pelo servidor (ou entrou antes desta versão). O agente deve entrar de novo no app e gerar outro pacote.',
  device_revoked: 'O aparelho que gerou este pacote foi desconectado da conta (ou a conta foi desativada). O pacote foi recusado.',
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
