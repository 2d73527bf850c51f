import { useMemo, useState } from 'preact/hooks';
import { saveProfile } from '../../db/settings';
import { findMunicipality, searchMunicipalities, type Municipality } from '../../domain/municipality';
import type { ProfileSetting } from '../../domain/outbox';
import { useDb } from '../db-context';
import { href, navigate } from '../hooks/use-route';

/** First run (and "Editar perfil"): the agent's municipality, name and role. */
export default function ProfileForm({ profile }: { profile: ProfileSetting | null }) {
  const db = useDb();
  const [query, setQuery] = useState('');
  const [municipality, setMunicipality] = useState<Municipality | undefined>(
    profile ? findMunicipality(profile.municipalityCode) : undefined,
  );
  const [name, setName] = useState(profile?.name ?? '');
  const [role, setRole] = useState(profile?.role ?? '');
  const [phone, setPhone] = useState(profile?.phone ?? '');
  const [email, setEmail] = useState(profile?.email ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState('');
  const results = useMemo(() => searchMunicipalities(query, 8), [query]);
  const locked = Boolean(profile?.accountId);

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!municipality) next.municipality = 'Escolha o seu município na lista.';
    if (!name.trim()) next.name = 'Informe o seu nome.';
    if (!role.trim()) next.role = 'Informe o seu cargo ou função.';
    setErrors(next);
    if (Object.keys(next).length || !municipality) {
      document.getElementById(`p-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    try {
      await saveProfile(db, {
        ...profile,
        municipalityCode: municipality.code,
        municipalityName: municipality.name,
        regional: municipality.regional,
        name: name.trim(),
        role: role.trim(),
        phone: phone.trim(),
        email: email.trim(),
      });
      navigate(href.list());
    } catch (error) {
      console.error(error);
      setSaveError('Não foi possível salvar neste aparelho. Verifique se há espaço livre e tente de novo.');
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <header class="top">
        <h1>{profile ? 'Seu perfil' : 'Bem-vindo ao Mobiliza'}</h1>
      </header>
      {!profile && (
        <p class="lead">
          Registre as ações de mobilização social do seu município e envie o relatório mensal à sua Unidade Regional de Saúde —
          mesmo sem internet. Primeiro, diga quem você é.
        </p>
      )}

      <fieldset disabled={locked}>
        <legend>Município</legend>
        {municipality ? (
          <div class="chosen" data-testid="chosen-municipality">
            <strong>{municipality.name}</strong>
            <span>
              Regional {municipality.regional} · Região de saúde {municipality.healthRegion}
            </span>
            {!locked && (
              <button type="button" class="button link" onClick={() => setMunicipality(undefined)}>
                Trocar município
              </button>
            )}
          </div>
        ) : (
          <>
            <label for="p-municipality">Buscar município (nome ou código IBGE)</label>
            <input
              id="p-municipality"
              type="search"
              autocomplete="off"
              value={query}
              aria-describedby={errors.municipality ? 'e-municipality' : undefined}
              aria-invalid={Boolean(errors.municipality)}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            {errors.municipality && <p id="e-municipality" class="field-error">{errors.municipality}</p>}
            {query.trim() && (
              <ul class="options" aria-label="Municípios encontrados">
                {results.length === 0 && <li class="empty">Nenhum município de Minas Gerais com esse nome.</li>}
                {results.map((m) => (
                  <li key={m.code}>
                    <button type="button" class="option" onClick={() => setMunicipality(m)}>
                      <strong>{m.name}</strong> <span>Regional {m.regional}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {locked && <p class="hint">O município vem da sua conta e não pode ser trocado aqui.</p>}
      </fieldset>

      <Field id="p-name" label="Seu nome" value={name} onInput={setName} error={errors.name} autocomplete="name" />
      <Field id="p-role" label="Cargo ou função" value={role} onInput={setRole} error={errors.role} hint="Ex.: referência técnica de mobilização" />
      <Field id="p-phone" label="Telefone (opcional)" value={phone} onInput={setPhone} type="tel" autocomplete="tel" />
      <Field id="p-email" label="E-mail (opcional)" value={email} onInput={setEmail} type="email" autocomplete="email" />

      {saveError && <p class="error" role="alert">{saveError}</p>}
      <button type="submit" class="button primary block">
        {profile ? 'Salvar perfil' : 'Começar'}
      </button>
      {profile && (
        <a class="button link block" href={href.list()}>
          Cancelar
        </a>
      )}
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'tel' | 'email';
  autocomplete?: string;
}) {
  const { id, label, value, onInput, error, hint, type = 'text', autocomplete } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      <input
        id={id}
        type={type as 'text'}
        value={value}
        autocomplete={autocomplete}
        aria-invalid={Boolean(error)}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
