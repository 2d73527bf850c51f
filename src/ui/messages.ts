// first-load module: user-facing pt-BR text that is not a validation message from src/domain.
// IndexedDB, src/sync, src/db and src/photos hold codes; this file turns them into sentences.
import { isQuotaError } from '../domain/errors';
import type { Note } from '../domain/note';
import type { ReportDraft, ReportStatus } from '../domain/report';
import { formatPeriod } from '../domain/period';
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
      return `${d.fileName ? `${name}: esta` : 'Esta'} foto já foi adicionada a esta ação${d.existingLabel ? ` (${d.existingLabel})` : ''}.`;
    case 'limit':
      return `Cada ação pode ter no máximo ${limits.photosPerAction} fotos. ${name} não foi adicionado.`;
    case 'storage-full':
    case 'storage-failed': {
      // on a full disk the browser's quota can still read ~1 GB: the figures help only with a quota error
      const used = error.code === 'storage-full' && d.usageBytes !== undefined && d.quotaBytes
        ? ` Em uso: ${megabytes(d.usageBytes)} MB de ${megabytes(d.quotaBytes)} MB.`
        : '';
      const photo = d.fileName ? `A foto ${name}` : 'A foto';
      const why = error.code === 'storage-full'
        ? 'não há espaço no aparelho para salvá-la.'
        : 'o aparelho não conseguiu gravá-la (o armazenamento pode estar cheio).';
      return `${photo} não foi salva: ${why}${used} ` +
        'As fotos já salvas não foram perdidas. Libere espaço (apague vídeos ou arquivos antigos) e escolha esta foto de novo.';
    }
    case 'locked':
      return `${d.fileName ? `A foto ${name} não foi adicionada: e` : 'E'}ste relatório já foi enviado e não pode mais ser alterado.`;
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

// --- One report per municipality and month (issue #12) ---

/** "Já existe um relatório de dezembro de 2026 (protocolo …, enviado por …)." */
export function conflictText(c: NonNullable<ReportDraft['conflict']>): string {
  return `Já existe um relatório de ${formatPeriod(c.period)} (protocolo ${c.protocol}, enviado por ${c.sentBy}).`;
}


export const HISTORY_TEXT = {
  mergeOffer: (revision: number) =>
    `Você pode juntar as ações deste aparelho a esse relatório: elas entram depois das ações já enviadas, com as fotos renumeradas, como a revisão ${revision}. Você confere tudo antes de enviar.`,
  mergeButton: 'Juntar minhas ações a esse relatório',
  merging: 'Juntando…',
  mergeRetry: 'A regional já devolveu? Tentar juntar de novo',
  mergeLocked:
    'Esse relatório já foi aprovado pela regional (ou consolidado) e não aceita novas ações. Peça à regional que o devolva ao município para juntar as suas. Seu rascunho continua guardado neste aparelho.',
  mergeOffline: 'Sem conexão com a regional. Conecte-se à internet para juntar as ações; seu rascunho continua guardado.',
  mergeSignIn: 'Entre novamente com sua conta para juntar as ações; seu rascunho continua guardado.',
  mergeFailed: 'Não foi possível juntar as ações agora. Seu rascunho continua guardado; tente de novo em instantes.',
  merged: 'Ações juntadas. Confira o relatório e envie quando estiver pronto.',
  photosLoading: 'Baixando as fotos deste relatório…',
  photosOffline: 'As fotos deste relatório estão na regional e aparecem quando houver internet.',
  marked: 'A regional pediu correção nesta ação',
  markedShort: 'correção pedida',
  /** ready-to-send reminder (a warning, not a block) */
  unchangedMarked: (numbers: number[]) =>
    numbers.length === 1
      ? `A regional pediu correção na ação ${numbers[0]}, que ainda não foi alterada. Confira antes de enviar.`
      : `A regional pediu correção nas ações ${numbers.slice(0, -1).join(', ')} e ${numbers.at(-1)}, que ainda não foram alteradas. Confira antes de enviar.`,
  returnedMarks: (numbers: number[]) =>
    numbers.length === 1 ? `Correção pedida na ação ${numbers[0]}.` : `Correção pedida nas ações ${numbers.slice(0, -1).join(', ')} e ${numbers.at(-1)}.`,
} as const;

/** The partner picker of the action editor (#16). */
export const PARTNER_TEXT = {
  legend: 'Parceiros (opcional)',
  remove: 'Remover',
  cancel: 'Cancelar',
  search: 'Buscar parceiro (sem acentos)',
  pending: ' (inscrição pendente)',
  confirm: 'Confirmar inscrição',
  confirmFailed: 'Sem conexão? Confirme com internet.',
  add: '+ Novo parceiro',
  name: 'Nome do parceiro',
  kind: 'Tipo',
  sector: 'Setor',
  pick: 'Escolha',
  governmental: 'Governamental',
  phone: 'Telefone',
  email: 'E-mail',
  social: 'Rede social',
  campaigns: 'Aceita receber campanhas da SES',
  save: 'Salvar parceiro',
  history: 'Ações com este parceiro',
} as const;
/** A report with no action yet: "Verificar e enviar" and its card say to add one first (issue #17). */
export const NO_ACTIONS_TEXT = {
  check: 'Nenhuma ação registrada neste mês: adicione cada ação realizada, com pelo menos uma foto, em “+ Adicionar ação”.',
  addAction: 'Adicionar ação',
  orJustify: 'Se não houve nenhuma ação no mês, escreva a justificativa:',
  card: 'adicione as ações do mês (ou justifique o mês sem ações)',
};

export const ACTION_EDITOR_TEXT = {
  /** the jump to the photo section at the top of the action editor */
  jumpToPhotos: (count: number) => `Fotos (${count}) ↓`,
  allAudiences: (hidden: number) => `Mostrar todos os públicos (${hidden} a mais)`,
};
// --- Plan B, "Enviar pelo WhatsApp" (issue #17) ---

export const PLAN_B_TEXT = {
  button: 'Enviar pelo WhatsApp',
  working: 'Preparando os arquivos…',
  offer: 'Este relatório está na fila há mais de 2 dias sem chegar à regional. Sem internet? Envie pelo WhatsApp: a regional importa os arquivos e o relatório conta como enviado.',
  cardHint: 'Na fila há mais de 2 dias — abra para enviar pelo WhatsApp',
  how: 'Escolha a conversa da sua regional e envie todos os arquivos (as fotos e o .txt). Se o WhatsApp perguntar, envie as fotos como documento, para não perder qualidade.',
  shared: 'Arquivos compartilhados. Quando a regional importar, o protocolo aparece aqui assim que houver internet.',
  downloaded: 'Os arquivos foram baixados (pasta Downloads). Envie todos eles, as fotos e o .txt, para a sua regional pelo WhatsApp, como documento.',
  refused: {
    not_queued: 'Este relatório não está na fila de envio.',
    no_device: 'Para enviar pelo WhatsApp, entre de novo com sua conta uma vez (com internet): o aparelho recebe a chave que assina o pacote.',
    photo_missing: 'Uma foto deste relatório não está mais no aparelho. Abra o relatório, confira as fotos e envie de novo.',
  },
  failed: 'Não foi possível preparar os arquivos. Tente de novo.',
  header: (municipality: string, period: string, revision: number, photos: number) =>
    [
      `Relatório mensal do Mobiliza — ${municipality}, ${formatPeriod(period)} (revisão ${revision})`,
      `Para a regional: no Mobiliza, em "Relatórios recebidos" › "Importar relatório recebido", selecione este arquivo junto com ${photos === 1 ? 'a foto' : `as ${photos} fotos`}.`,
      'Não altere este arquivo: ele é assinado pelo aparelho do município.',
    ].join('\n'),
  fileName: (municipality: string, period: string) => `Relatório ${municipality} ${period}.txt`,
} as const;
