/**
 * Closed lists used by the action form, the endpoint, the Painel and the CSV export.
 * Values are stable slugs (stored and sent); labels are pt-BR text for people.
 */

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

function options<const V extends string>(pairs: readonly (readonly [V, string])[]) {
  return pairs.map(([value, label]) => ({ value, label })) as readonly Option<V>[];
}

export const ACTION_TYPES = options([
  ['palestra', 'Palestra'],
  ['oficina', 'Oficina'],
  ['roda_conversa', 'Roda de conversa'],
  ['campanha_blitz', 'Campanha/blitz educativa'],
  ['teatro', 'Teatro/apresentação cultural'],
  ['distribuicao_material', 'Distribuição de material educativo'],
  ['mutirao', 'Mutirão'],
  ['feira_evento', 'Feira/evento de saúde'],
  ['reuniao_parceiros', 'Reunião com parceiros'],
  ['midia_redes', 'Ação em mídia/redes sociais'],
  ['capacitacao', 'Capacitação'],
  ['visita_caminhada', 'Visita/caminhada'],
  ['outro', 'Outro'],
] as const);

/**
 * Themes: the brief's list plus the health-campaign calendar in ../shared/data/campaigns.json
 * (`month` marks the campaign month, used to suggest themes for the report's month).
 */
export const THEMES: readonly (Option & { month?: number })[] = [
  { value: 'arboviroses', label: 'Dengue/arboviroses (combate ao Aedes aegypti)', month: 12 },
  { value: 'vacinacao', label: 'Vacinação', month: 4 },
  { value: 'saude_mental', label: 'Saúde mental (Janeiro Branco)', month: 1 },
  { value: 'tabagismo', label: 'Tabagismo' },
  { value: 'ist_hiv_aids', label: 'IST/HIV/aids (Dezembro Vermelho)', month: 12 },
  { value: 'tuberculose', label: 'Tuberculose' },
  { value: 'hanseniase', label: 'Hanseníase (Janeiro Roxo)', month: 1 },
  { value: 'saude_bucal', label: 'Saúde bucal' },
  { value: 'alimentacao_saudavel', label: 'Alimentação saudável' },
  { value: 'atividade_fisica', label: 'Atividade física' },
  { value: 'residuos_reciclagem', label: 'Resíduos/reciclagem' },
  { value: 'doacao_sangue', label: 'Doação de sangue (Junho Vermelho)', month: 6 },
  { value: 'lupus_fibromialgia_alzheimer', label: 'Lúpus, fibromialgia e Alzheimer (Fevereiro Roxo)', month: 2 },
  { value: 'leucemia_medula', label: 'Leucemia e doação de medula óssea (Fevereiro Laranja)', month: 2 },
  { value: 'cancer_colo_utero', label: 'Câncer do colo do útero (Março Lilás)', month: 3 },
  { value: 'saude_trabalhador', label: 'Saúde e segurança no trabalho (Abril Verde)', month: 4 },
  { value: 'autismo', label: 'Autismo (Abril Azul)', month: 4 },
  { value: 'transito', label: 'Segurança no trânsito (Maio Amarelo)', month: 5 },
  { value: 'doencas_intestinais', label: 'Doenças inflamatórias intestinais (Maio Roxo)', month: 5 },
  { value: 'hepatites', label: 'Hepatites virais (Julho Amarelo)', month: 7 },
  { value: 'aleitamento', label: 'Aleitamento materno (Agosto Dourado)', month: 8 },
  { value: 'violencia_mulher', label: 'Violência contra a mulher (Agosto Lilás)', month: 8 },
  { value: 'suicidio', label: 'Prevenção do suicídio (Setembro Amarelo)', month: 9 },
  { value: 'doacao_orgaos', label: 'Doação de órgãos (Setembro Verde)', month: 9 },
  { value: 'cancer_infantojuvenil', label: 'Câncer infantojuvenil (Setembro Dourado)', month: 9 },
  { value: 'cancer_mama', label: 'Câncer de mama (Outubro Rosa)', month: 10 },
  { value: 'saude_homem', label: 'Saúde do homem e câncer de próstata (Novembro Azul)', month: 11 },
  { value: 'cancer_pele', label: 'Câncer de pele (Dezembro Laranja)', month: 12 },
  { value: 'outro', label: 'Outro' },
];

export const AUDIENCES = options([
  ['populacao_geral', 'População geral'],
  ['criancas', 'Crianças'],
  ['adolescentes', 'Adolescentes'],
  ['jovens', 'Jovens'],
  ['mulheres', 'Mulheres'],
  ['homens', 'Homens'],
  ['gestantes', 'Gestantes'],
  ['idosos', 'Idosos'],
  ['trabalhadores', 'Trabalhadores'],
  ['pessoas_deficiencia', 'Pessoas com deficiência'],
  ['povos_tradicionais', 'Povos e comunidades tradicionais'],
  ['profissionais_saude', 'Profissionais de saúde'],
  ['outro', 'Outro'],
] as const);

export const PARTNER_SECTORS = options([
  ['educacao', 'Educação'],
  ['cultura', 'Cultura'],
  ['assistencia_social', 'Assistência social'],
  ['comercio_economia', 'Comércio/economia'],
  ['saude', 'Saúde'],
  ['sociedade_civil', 'Sociedade civil/ONG'],
  ['instituicao_religiosa', 'Instituição religiosa'],
  ['imprensa_midia', 'Imprensa/mídia'],
  ['poder_publico', 'Poder público'],
  ['outro', 'Outro'],
] as const);

export const ZONES = options([
  ['urbana', 'Urbana'],
  ['rural', 'Rural'],
] as const);

export function labelOf(list: readonly Option[], value: string): string {
  return list.find((o) => o.value === value)?.label ?? value;
}

export const typeLabel = (value: string): string => labelOf(ACTION_TYPES, value);
export const themeLabel = (value: string): string => labelOf(THEMES, value);
export const audienceLabel = (value: string): string => labelOf(AUDIENCES, value);
export const sectorLabel = (value: string): string => labelOf(PARTNER_SECTORS, value);
export const zoneLabel = (value: string): string => labelOf(ZONES, value);

/** The audiences most actions reach: shown first, the rest behind "Mostrar todos os públicos". */
const COMMON_AUDIENCES = new Set(['populacao_geral', 'criancas', 'adolescentes', 'jovens', 'idosos', 'gestantes']);

/** The short audience list: the common ones and whatever is chosen. */
export const isFeaturedAudience = (value: string, chosen: readonly string[]): boolean => COMMON_AUDIENCES.has(value) || chosen.includes(value);

/** The brief's common themes (shown before the long tail of campaign themes). */
const COMMON_THEMES = new Set(['arboviroses', 'vacinacao', 'saude_mental', 'tabagismo', 'ist_hiv_aids', 'tuberculose', 'hanseniase', 'saude_bucal', 'alimentacao_saudavel', 'atividade_fisica', 'residuos_reciclagem', 'doacao_sangue', 'outro']);

/** Themes sorted with the campaigns of `month` (1–12) first, then the common ones. */
export function themesForMonth(month: number): readonly Option[] {
  const rank = (t: (typeof THEMES)[number]) => (t.month === month ? 0 : COMMON_THEMES.has(t.value) ? 1 : 2);
  return [...THEMES].sort((a, b) => rank(a) - rank(b));
}

/** The short list shown first: the month's campaigns, the common themes and whatever is chosen. */
export function isFeaturedTheme(value: string, month: number, chosen: readonly string[]): boolean {
  const t = THEMES.find((x) => x.value === value);
  return Boolean(t && (t.month === month || COMMON_THEMES.has(t.value) || chosen.includes(value)));
}

/** Partner kinds (#16): "pessoas físicas ou jurídicas e/ou agrupamentos humanos formais ou informais". */
export const PARTNER_KINDS = options([
  ['pessoa_fisica', 'Pessoa física'],
  ['pessoa_juridica', 'Pessoa jurídica'],
  ['grupo_informal', 'Grupo informal'],
] as const);
