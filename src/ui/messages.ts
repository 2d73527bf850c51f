// first-load module: user-facing pt-BR text that is not a validation message from src/domain.
// IndexedDB, src/sync, src/db and src/photos hold codes; this file turns them into sentences.
import { isQuotaError } from '../domain/errors';
import type { Note } from '../domain/note';
import type { ReportStatus } from '../domain/report';
import type { PhotoError } from '../photos/photo-errors';
import { formatDateTime, megabytes } from './format';

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
  if (isQuotaError(error)) {
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

/** The title of a duplicated action ("Palestra (cópia)"). */
export const copyTitle = (title: string): string => (title ? `${title} (cópia)` : '');

export const SAVE_STATUS_TEXT = {
  idle: '',
  pending: 'Salvando…',
  saving: 'Salvando…',
  saved: 'Salvo',
  error: 'Não salvo',
} as const;

/** The sentence for a stored note (a failed delivery, a review outcome). */
export function noteText(note: Note | undefined): string | undefined {
  if (!note) return undefined;
  const d = note.detail ?? {};
  const who = d.by ? `${d.by}${d.at ? `, ${formatDateTime(d.at)}` : ''}` : '';
  switch (note.code) {
    case 'offline':
      return 'Sem conexão com a regional. O envio continua quando a internet voltar.';
    case 'timeout':
      return 'A conexão ficou lenta demais e o envio foi interrompido. Nova tentativa automática.';
    case 'rate_limited':
      return 'A regional pediu para aguardar (muitas tentativas).';
    case 'server_error':
      return `O servidor da regional falhou (erro ${d.status ?? '?'}). Nova tentativa automática.`;
    case 'rejected':
      return d.message ?? d.text ?? `A regional recusou o envio (erro ${d.status ?? '?'}).`;
    case 'photo_missing':
      return 'Uma foto deste relatório não está mais no aparelho. Abra o relatório, confira as fotos e envie de novo.';
    case 'session_expired':
      return 'Sessão expirada: entre de novo para enviar.';
    case 'returned':
      return d.text ?? `Devolvido pela regional (${who}): ${d.comment ?? ''}`.trim();
    case 'approved':
      return d.text ?? `Aprovado pela regional${who ? ` (${who})` : ''} e encaminhado ao nível central.`;
    case 'consolidated':
      return d.text ?? 'Consolidado pelo nível central.';
    case 'legacy':
    default:
      return d.text ?? 'Não foi possível enviar. Nova tentativa automática.';
  }
}

/** The message shown to the agent for a failure of the photo pipeline. */
export function photoErrorMessage(error: PhotoError, limits: { photosPerAction: number; maxInputBytes: number }): string {
  const d = error.details;
  const name = d.fileName ? `“${d.fileName}”` : 'O arquivo';
  switch (error.code) {
    case 'empty':
      return `${name} está vazio (0 bytes). Tire a foto de novo ou escolha outra.`;
    case 'not-image':
      return `${name} não é uma foto. Escolha uma imagem JPEG ou PNG.`;
    case 'video':
      return `${name} é um vídeo. Aqui só entram fotos: tire uma foto da ação.`;
    case 'heic':
      return `${name} está no formato HEIC, que este aparelho não consegue abrir. ` +
        'Configure a câmera para salvar em JPEG (no iPhone: Ajustes › Câmera › Formatos › “Mais compatível”) e tire a foto de novo.';
    case 'corrupt':
      return `${name} está danificado ou incompleto e não pôde ser aberto. Copie ou tire a foto de novo.`;
    case 'too-large':
      return `${name} é grande demais${d.byteSize ? ` (${megabytes(d.byteSize)} MB)` : ''}. O limite é ${megabytes(limits.maxInputBytes)} MB por foto.`;
    case 'duplicate':
      return `Esta foto já foi adicionada a esta ação${d.existingLabel ? ` (${d.existingLabel})` : ''}.`;
    case 'limit':
      return `Cada ação pode ter no máximo ${limits.photosPerAction} fotos. ${name} não foi adicionado.`;
    case 'storage-full': {
      const used = d.usageBytes !== undefined && d.quotaBytes
        ? ` Em uso: ${megabytes(d.usageBytes)} MB de ${megabytes(d.quotaBytes)} MB.`
        : '';
      return `Não há espaço no aparelho para salvar a foto.${used} ` +
        'As fotos já salvas não foram perdidas. Libere espaço (apague vídeos ou arquivos antigos) e tente de novo.';
    }
    case 'locked':
      return 'Este relatório já foi enviado e não pode mais ser alterado.';
    case 'failed':
    default:
      return `Não foi possível processar ${name}. Tente de novo.`;
  }
}

/** "Processando foto 2 de 5" */
export function progressMessage(current: number, total: number): string {
  return `Processando foto ${current} de ${total}`;
}

/** Why a reviewer screen's request failed. */
export type RemoteFailure = 'offline' | 'expired' | 'forbidden' | 'not_found' | 'refused' | 'server';

export const REMOTE_FAILURE_TEXT: Record<RemoteFailure, string> = {
  offline: 'Sem conexão com o servidor. Esta tela precisa de internet.',
  expired: 'Sua sessão expirou. Entre de novo para continuar.',
  forbidden: 'Sua conta não tem acesso a estes dados.',
  not_found: 'Relatório não encontrado.',
  refused: 'O servidor recusou a operação.',
  server: 'O servidor não respondeu como esperado. Tente de novo em alguns minutos.',
};
