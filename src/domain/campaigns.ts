/**
 * The health-campaign calendar (copied from ../shared/data/campaigns.json, which is also behind the
 * campaign themes in vocabulary.ts): month, name, colour, what it is about, and the action theme
 * whose actions count for it. tests/domain/campaigns.test.ts keeps it equal to the shared file.
 */
export interface Campaign {
  month: number;
  name: string;
  /** colour word of the campaign ("roxo"), or null when it has none */
  color: string | null;
  about: string;
  /** the THEMES value that counts its actions */
  theme: string;
}

export const CAMPAIGNS: readonly Campaign[] = [
  { month: 1, name: 'Janeiro Branco', color: 'branco', about: 'Saúde mental e emocional', theme: 'saude_mental' },
  { month: 1, name: 'Janeiro Roxo', color: 'roxo', about: 'Hanseníase: combate e conscientização (26/jan Dia Mundial contra a Hanseníase)', theme: 'hanseniase' },
  { month: 2, name: 'Fevereiro Roxo', color: 'roxo', about: 'Lúpus, fibromialgia e doença de Alzheimer', theme: 'lupus_fibromialgia_alzheimer' },
  { month: 2, name: 'Fevereiro Laranja', color: 'laranja', about: 'Leucemia e doação de medula óssea', theme: 'leucemia_medula' },
  { month: 3, name: 'Março Lilás', color: 'lilás', about: 'Prevenção do câncer do colo do útero', theme: 'cancer_colo_utero' },
  { month: 4, name: 'Abril Verde', color: 'verde', about: 'Segurança e saúde no trabalho (prevenção de acidentes de trabalho)', theme: 'saude_trabalhador' },
  { month: 4, name: 'Abril Azul', color: 'azul', about: 'Conscientização sobre o autismo (2/abr)', theme: 'autismo' },
  { month: 4, name: 'Vacinação contra a Influenza', color: null, about: 'Campanha anual de vacinação contra a gripe (grupos prioritários)', theme: 'vacinacao' },
  { month: 5, name: 'Maio Amarelo', color: 'amarelo', about: 'Segurança no trânsito / redução de acidentes', theme: 'transito' },
  { month: 5, name: 'Maio Roxo', color: 'roxo', about: 'Doenças inflamatórias intestinais (Crohn, retocolite)', theme: 'doencas_intestinais' },
  { month: 6, name: 'Junho Vermelho', color: 'vermelho', about: 'Doação de sangue', theme: 'doacao_sangue' },
  { month: 7, name: 'Julho Amarelo', color: 'amarelo', about: 'Prevenção e enfrentamento das hepatites virais', theme: 'hepatites' },
  { month: 8, name: 'Agosto Dourado', color: 'dourado', about: 'Aleitamento materno (Semana Mundial 1–7/ago)', theme: 'aleitamento' },
  { month: 8, name: 'Agosto Lilás', color: 'lilás', about: 'Enfrentamento à violência contra a mulher (Lei Maria da Penha)', theme: 'violencia_mulher' },
  { month: 9, name: 'Setembro Amarelo', color: 'amarelo', about: 'Prevenção do suicídio / valorização da vida', theme: 'suicidio' },
  { month: 9, name: 'Setembro Verde', color: 'verde', about: 'Doação de órgãos', theme: 'doacao_orgaos' },
  { month: 9, name: 'Setembro Dourado', color: 'dourado', about: 'Câncer infantojuvenil', theme: 'cancer_infantojuvenil' },
  { month: 10, name: 'Outubro Rosa', color: 'rosa', about: 'Prevenção e diagnóstico precoce do câncer de mama', theme: 'cancer_mama' },
  { month: 11, name: 'Novembro Azul', color: 'azul', about: 'Saúde do homem e prevenção do câncer de próstata (e Dia Mundial do Diabetes, 14/nov)', theme: 'saude_homem' },
  { month: 12, name: 'Dezembro Vermelho', color: 'vermelho', about: 'Prevenção ao HIV/AIDS e outras ISTs (1/dez Dia Mundial de Luta contra a AIDS)', theme: 'ist_hiv_aids' },
  { month: 12, name: 'Dezembro Laranja', color: 'laranja', about: 'Prevenção do câncer de pele', theme: 'cancer_pele' },
  { month: 12, name: 'Enfrentamento das arboviroses (dengue, zika, chikungunya)', color: null, about: 'Combate ao Aedes aegypti / eliminação de criadouros; em Minas Gerais a temporada vai de dezembro a maio', theme: 'arboviroses' },
];

/** The campaigns of `month` (1–12). */
export function campaignsOfMonth(month: number): Campaign[] {
  return CAMPAIGNS.filter((c) => c.month === month);
}

/** Every month of the calendar starting at `current` (1–12): the current campaigns first. */
export function calendarFrom(current: number): { month: number; campaigns: Campaign[] }[] {
  return Array.from({ length: 12 }, (_, i) => ((current - 1 + i) % 12) + 1).map((month) => ({ month, campaigns: campaignsOfMonth(month) }));
}
