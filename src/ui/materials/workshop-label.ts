/** The workshop names (agent screen and reviewer screen). */
export const WORKSHOP_LABEL = { capacitacao: 'Oficina de capacitação', reciclagem: 'Oficina de reciclagem de resíduos', teatro: 'Oficina de teatro' } as const;
