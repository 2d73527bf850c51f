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
