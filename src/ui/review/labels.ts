// How a report's status and a reviewer's decision read on the reviewer side.

export const REVIEW_STATUS_LABEL: Record<string, string> = {
  received: 'Aguardando revisão',
  returned: 'Devolvido para correção',
  approved: 'Aprovado e encaminhado ao nível central',
  consolidated: 'Consolidado',
};

export const DECISION_LABEL: Record<string, string> = {
  approve: 'Aprovado e encaminhado ao nível central',
  return: 'Devolvido para correção',
  consolidate: 'Marcado como consolidado',
};

/** "Importar relatório recebido" (#17 Plan B). Reviewer-only texts travel in the review chunk. */
export const IMPORT_TEXT = {
  title: 'Importar relatório recebido',
  hint: 'Selecione juntos o arquivo .txt e as fotos que o município enviou pelo WhatsApp (salve-os antes no computador ou no celular).',
  pick: 'Arquivos do relatório (.txt e fotos)',
  button: 'Importar',
  importing: 'Importando…',
  noManifest: 'Falta o arquivo .txt do relatório. Selecione o .txt junto com as fotos.',
  twoManifests: 'Há mais de um arquivo .txt. Importe um relatório de cada vez.',
  imported: (protocol: string) => `Relatório importado. Protocolo ${protocol}.`,
  alreadyImported: (protocol: string) => `Este relatório já estava na regional (protocolo ${protocol}). Nada foi duplicado.`,
  open: 'Abrir o relatório',
  failed: 'Não foi possível importar agora. Tente de novo.',
} as const;
