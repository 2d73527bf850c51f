// Small labelled form controls (each with a visible label, hint and error wired for screen readers).
import type { Option } from '../../domain/vocabulary';

interface Base {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

function Extras({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </>
  );
}

export function TextInput(
  props: Base & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'date' | 'number';
    maxLength?: number;
    min?: string;
    max?: string;
    inputMode?: 'numeric' | 'text' | 'tel' | 'email';
    autocomplete?: string;
  },
) {
  const { id, label, hint, error, value, onChange, type = 'text', ...rest } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // preact's input typings are a union per type; ours is one of the plain text-like types
        type={type as 'text'}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onChange(e.currentTarget.value)}
        {...rest}
      />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

/** A password with its visible label (sign-in, access link, password change): one style everywhere. */
export function PasswordField(props: { id: string; label: string; value: string; onChange: (value: string) => void; autocomplete: 'current-password' | 'new-password' }) {
  const { id, label, value, onChange, autocomplete } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="password" autocomplete={autocomplete} value={value} onInput={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}

export function TextArea(props: Base & { value: string; onChange: (value: string) => void; maxLength: number; rows?: number }) {
  const { id, label, hint, error, value, onChange, maxLength, rows = 4 } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={Boolean(error)}
        aria-describedby={[describedBy(id, hint, error), `${id}-count`].filter(Boolean).join(' ')}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <p class="counter" id={`${id}-count`}>
        {value.length} de {maxLength} caracteres
      </p>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectInput(props: Base & { value: string; onChange: (value: string) => void; options: readonly Option[]; placeholder: string }) {
  const { id, label, hint, error, value, onChange, options, placeholder } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxGroup<V extends string>(
  props: Base & { values: readonly V[]; onChange: (values: V[]) => void; options: readonly Option<V>[] },
) {
  const { id, label, hint, error, values, onChange, options } = props;
  const toggle = (v: V, on: boolean) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return (
    <fieldset class="field choices" id={id} tabIndex={-1} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <Extras id={id} hint={hint} error={error} />
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input type="checkbox" checked={values.includes(o.value)} onChange={(e) => toggle(o.value, e.currentTarget.checked)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function RadioGroup<V extends string>(
  props: Base & { value: string; onChange: (value: V) => void; options: readonly Option<V>[] },
) {
  const { id, label, hint, error, value, onChange, options } = props;
  return (
    <fieldset class="field choices inline" id={id} tabIndex={-1} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <Extras id={id} hint={hint} error={error} />
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input type="radio" name={id} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
