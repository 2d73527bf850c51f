// Typed failures of the photo pipeline and their pt-BR messages for the agent.

export type PhotoErrorCode =
  | 'empty'
  | 'not-image'
  | 'video'
  | 'heic'
  | 'corrupt'
  | 'too-large'
  | 'duplicate'
  | 'limit'
  | 'storage-full'
  | 'locked'
  | 'failed';

export interface PhotoErrorDetails {
  /** the agent's file name, shown in the message */
  fileName?: string;
  /** duplicate: label of the photo already stored ("Foto 2.3") */
  existingLabel?: string;
  /** too-large: the file's size in bytes */
  byteSize?: number;
  /** storage-full: from navigator.storage.estimate() */
  usageBytes?: number;
  quotaBytes?: number;
}

export class PhotoError extends Error {
  constructor(
    readonly code: PhotoErrorCode,
    readonly details: PhotoErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`photo ${code}${details.fileName ? `: ${details.fileName}` : ''}`, options);
    this.name = 'PhotoError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException ? error.name === 'AbortError' : (error as { name?: string } | null)?.name === 'AbortError';
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 });

/** The message shown to the agent (pt-BR). */
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
      return `${name} é grande demais${d.byteSize ? ` (${mb(d.byteSize)} MB)` : ''}. O limite é ${mb(limits.maxInputBytes)} MB por foto.`;
    case 'duplicate':
      return `Esta foto já foi adicionada a esta ação${d.existingLabel ? ` (${d.existingLabel})` : ''}.`;
    case 'limit':
      return `Cada ação pode ter no máximo ${limits.photosPerAction} fotos. ${name} não foi adicionado.`;
    case 'storage-full': {
      const used = d.usageBytes !== undefined && d.quotaBytes
        ? ` Em uso: ${mb(d.usageBytes)} MB de ${mb(d.quotaBytes)} MB.`
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
