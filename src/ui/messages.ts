// first-load module: user-facing pt-BR text that is not a validation message from src/domain.
import type { ReportStatus } from '../domain/report';

export const STATUS_LABEL: Record<ReportStatus, string> = {
  draft: 'Rascunho',
  queued: 'Na fila — aguardando conexão',
  received: 'Recebido pela regional',
  needs_fix: 'Precisa de correção',
  returned: 'Devolvido pela regional',
  approved: 'Aprovado',
  consolidated: 'Consolidado',
};

/** Explains a failed local write in plain Portuguese (the typed text stays on screen). */
export function saveErrorMessage(error: unknown): string {
  const name = (error as { name?: string; inner?: { name?: string } })?.inner?.name ?? (error as Error)?.name;
  if (name === 'QuotaExceededError') {
    return 'Não foi possível salvar: o armazenamento do celular está cheio. Libere espaço (apague fotos ou apps que não usa) e toque em qualquer campo para tentar de novo. O que você digitou continua na tela.';
  }
  if (name === 'ReportLockedError') {
    return 'Este relatório já foi enviado e não pode ser alterado. Volte à lista para ver a situação.';
  }
  if (name === 'NotFoundError') {
    return 'Este item não existe mais neste aparelho (talvez tenha sido excluído em outra aba).';
  }
  return 'Não foi possível salvar neste aparelho. O que você digitou continua na tela; tente de novo em instantes. Se persistir, reinicie o app.';
}

export const SAVE_STATUS_TEXT = {
  idle: '',
  pending: 'Salvando…',
  saving: 'Salvando…',
  saved: 'Salvo',
  error: 'Não salvo',
} as const;
