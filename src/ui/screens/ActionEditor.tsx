import { useState } from 'preact/hooks';
import { getAction, updateAction } from '../../db/actions';
import { photoCountOfAction } from '../../db/photos';
import { putNow } from '../../db/put-now';
import { EDITABLE_STATUSES, getReport } from '../../db/reports';
import type { ActionDraft, ActionDraftFields, Audience, Theme } from '../../domain/action';
import { LIMITS } from '../../domain/limits';
import { formatPeriod, latestAllowedDate, periodBounds, toIsoDate } from '../../domain/period';
import type { ReportDraft } from '../../domain/report';
import { ACTION_EDITOR_TEXT, HISTORY_TEXT } from '../messages';
import { ACTION_TYPES, AUDIENCES, isFeaturedAudience, isFeaturedTheme, themesForMonth, ZONES, type Option } from '../../domain/vocabulary';
import { CheckboxGroup, RadioGroup, SelectInput, TextArea, TextInput } from '../components/Fields';
import { PartnerPicker } from '../components/PartnerPicker';
import { PhotoPicker } from '../components/PhotoPicker';
import { SaveIndicator } from '../components/SaveIndicator';
import { useDb } from '../db-context';
import { useAutosave } from '../hooks/use-autosave';
import { useFocusField } from '../hooks/use-focus-field';
import { useLiveQuery } from '../hooks/use-live-query';
import { href } from '../hooks/use-route';

export default function ActionEditor(props: { reportId: string; actionId: string; field?: string }) {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const [report, action] = await Promise.all([getReport(db, props.reportId), getAction(db, props.actionId)]);
    return report && action ? { report, action } : null;
  }, [db, props.reportId, props.actionId]);
  if (data === undefined) return <p class="loading">Carregando…</p>;
  if (data === null) {
    return (
      <div>
        <p class="error" role="alert">Esta ação não existe mais neste aparelho (talvez tenha sido excluída).</p>
        <a class="button" href={href.report(props.reportId)}>Voltar ao relatório</a>
      </div>
    );
  }
  return <Form key={props.actionId} report={data.report} action={data.action} field={props.field} />;
}

function fieldsOf(a: ActionDraft): ActionDraftFields {
  const { id: _i, reportId: _r, number: _n, createdAt: _c, updatedAt: _u, ...fields } = a;
  return fields;
}

function Form({ report, action, field }: { report: ReportDraft; action: ActionDraft; field?: string }) {
  const db = useDb();
  const editable = EDITABLE_STATUSES.includes(report.status);
  const [form, setForm] = useState<ActionDraftFields>(() => fieldsOf(action));
  const save = useAutosave<ActionDraftFields>(
    async (value) => {
      await updateAction(db, action.id, value);
    },
    (value) => editable && putNow(db, 'actions', { ...action, ...value, updatedAt: new Date().toISOString() }),
  );
  useFocusField(field, true);

  const set = <K extends keyof ActionDraftFields>(key: K) => (value: ActionDraftFields[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    save.schedule(next);
  };
  const { first, last } = periodBounds(report.period);
  const maxDate = [last, latestAllowedDate(new Date())].sort()[0];
  const today = toIsoDate(new Date());
  const month = Number(report.period.slice(5, 7));
  const [allThemes, setAllThemes] = useState(false);
  const themes = themesForMonth(month).filter((t) => allThemes || isFeaturedTheme(t.value, month, form.themes));
  const hiddenThemes = themesForMonth(month).length - themes.length;
  const [allAudiences, setAllAudiences] = useState(false);
  const audiences = AUDIENCES.filter((a) => allAudiences || isFeaturedAudience(a.value, form.audience));
  const hiddenAudiences = AUDIENCES.length - audiences.length;
  const photoCount = useLiveQuery(() => photoCountOfAction(db, action.id), [db, action.id]);
  // the photos are at the end of a long form: one tap takes the agent there (issue #17)
  const toPhotos = () => {
    const section = document.getElementById(`photos-${action.id}`);
    section?.scrollIntoView({ block: 'start' });
    section?.querySelector<HTMLInputElement>('input[type=file]:not([capture])')?.focus({ preventScroll: true });
  };

  return (
    <div class="editor" onFocusOut={() => void save.flush()}>
      <header class="top">
        <a class="back" href={href.report(report.id)} onClick={() => void save.flush()}>
          ‹ Relatório de {formatPeriod(report.period)}
        </a>
        <h1>Ação {action.number}</h1>
        <button type="button" class="button small jump-photos" onClick={toPhotos} data-testid="jump-photos">
          {ACTION_EDITOR_TEXT.jumpToPhotos(photoCount ?? 0)}
        </button>
      </header>
      {!editable && <p class="notice">Relatório enviado: esta ação está somente para leitura.</p>}
      {report.marks && action.id in report.marks.actions && (
        <p class="notice marked" role="status" data-testid="action-marked-notice">{HISTORY_TEXT.marked}</p>
      )}

      <fieldset class="section" disabled={!editable}>
        <legend class="visually-hidden">Dados da ação {action.number}</legend>
        <TextInput id="f-title" label="Título da ação" value={form.title} onChange={set('title')} maxLength={LIMITS.titleChars}
          hint="Ex.: Palestra sobre dengue na Escola Estadual João XXIII" />
        <TextInput id="f-date" label="Data" type="date" value={form.date} onChange={set('date')} min={first} max={maxDate}
          hint={`Dentro de ${formatPeriod(report.period)}${maxDate < last ? `, até hoje (${today.split('-').reverse().join('/')})` : ''}.`} />
        <SelectInput id="f-type" label="Tipo de ação" value={form.type} onChange={(v) => set('type')(v as ActionDraftFields['type'])}
          options={ACTION_TYPES} placeholder="Escolha o tipo" />
        {form.type === 'outro' && (
          <TextInput id="f-typeOther" label="Qual tipo de ação?" value={form.typeOther} onChange={set('typeOther')} maxLength={LIMITS.shortTextChars} />
        )}
        <CheckboxGroup<Theme> id="f-themes" label="Temas" hint="Escolha um ou mais. As campanhas do mês aparecem primeiro."
          values={form.themes} onChange={set('themes')} options={themes as readonly Option<Theme>[]} />
        {hiddenThemes > 0 && (
          <button type="button" class="button small show-more" onClick={() => setAllThemes(true)}>
            Mostrar todos os temas ({hiddenThemes} campanhas a mais)
          </button>
        )}
        {form.themes.includes('outro') && (
          <TextInput id="f-themeOther" label="Qual outro tema?" value={form.themeOther} onChange={set('themeOther')} maxLength={LIMITS.shortTextChars} />
        )}
        <TextInput id="f-place" label="Local" value={form.place.description} maxLength={LIMITS.shortTextChars}
          hint="Ex.: Praça da Matriz, UBS Centro, Escola Municipal…"
          onChange={(description) => set('place')({ ...form.place, description })} />
        <RadioGroup id="f-place.zone" label="Zona" value={form.place.zone} options={ZONES}
          onChange={(zone) => set('place')({ ...form.place, zone })} />
        <CheckboxGroup<Audience> id="f-audience" label="Público" values={form.audience} onChange={set('audience')}
          options={audiences as readonly Option<Audience>[]} />
        {hiddenAudiences > 0 && (
          <button type="button" class="button small show-more" onClick={() => setAllAudiences(true)}>
            {ACTION_EDITOR_TEXT.allAudiences(hiddenAudiences)}
          </button>
        )}
        {form.audience.includes('outro') && (
          <TextInput id="f-audienceOther" label="Qual outro público?" value={form.audienceOther} onChange={set('audienceOther')} maxLength={LIMITS.shortTextChars} />
        )}
        <TextInput id="f-participants" label="Número de participantes" type="number" inputMode="numeric"
          min="0" max={String(LIMITS.participantsMax)}
          value={form.participants === null ? '' : String(form.participants)}
          hint="Pessoas alcançadas pela ação (estimativa, se necessário)."
          onChange={(v) => set('participants')(v.trim() === '' ? null : Number(v))} />
        <PartnerPicker ownerId={report.ownerId} municipalityCode={report.municipalityCode} partners={form.partners} onChange={set('partners')} />
        <TextArea id="f-description" label="Descrição da ação" value={form.description} onChange={set('description')}
          maxLength={LIMITS.descriptionChars} hint="O que foi feito, como, resultados e encaminhamentos." />
      </fieldset>

      <PhotoPicker db={db} actionId={action.id} actionNumber={action.number} editable={editable} />

      <SaveIndicator status={save.status} error={save.error} />
      <a class="button primary block" href={href.report(report.id)} onClick={() => void save.flush()}>
        Concluir e voltar ao relatório
      </a>
    </div>
  );
}
