// "Seja um Parceiro da Saúde" (#16): a plain HTML form (no JS) that puts a partner in the registry
// as pending until the municipality's agent or its regional unit confirms it. Against abuse: a
// per-address limit shared by every endpoint process, a honeypot field, a small body, length
// limits, and no HTML accepted. The pages never show anyone's data but the visitor's own input.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS } from '../../src/domain/limits.ts';
import { allMunicipalities } from '../../src/domain/municipality.ts';
import { PARTNER_SIGNUP_PURPOSE, PartnerSignupSchema } from '../../src/domain/partner-registry.ts';
import { PARTNER_KINDS, PARTNER_SECTORS } from '../../src/domain/vocabulary.ts';
import type { AppContext } from '../context.ts';
import { SharedWindowLimiter } from '../rate-limiter.ts';
import { parseWithIssues } from '../routes/zod-issues.ts';
import { html, trusted, type Html } from './html.ts';
import { page, PUBLIC_PREFIX } from './layout.ts';
import { originOf, sendHtml } from './send-html.ts';

export const SIGNUP_PATH = `${PUBLIC_PREFIX}/parceiros`;
export const THANKS_PATH = `${SIGNUP_PATH}/obrigado`;
/** The honeypot: hidden from people, filled by form-filling bots. */
export const HONEYPOT = 'site';

type Form = Record<string, string>;
const TEXT_FIELDS: Record<string, { label: string; max: number }> = {
  nome: { label: 'Nome do parceiro (pessoa, instituição ou grupo)', max: LIMITS.shortTextChars },
  telefone: { label: 'Telefone (com DDD)', max: 20 },
  email: { label: 'E-mail', max: LIMITS.shortTextChars },
  rede_social: { label: 'Rede social (ex.: @perfil)', max: 80 },
};
const FIELD_OF: Record<string, string> = { name: 'nome', phone: 'telefone', email: 'email', social: 'rede_social', kind: 'tipo', governmental: 'governamental', sector: 'setor', municipalityCode: 'municipio', consent: 'consentimento', campaigns: 'campanhas' };

const municipalities = () => [...allMunicipalities()].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));

function formPage(req: FastifyRequest, values: Form, errors: { field: string; message: string }[]): Html {
  const bad = new Set(errors.map((e) => e.field));
  const invalid = (f: string) => (bad.has(f) ? trusted(' aria-invalid="true"') : '');
  const text = (name: string, type = 'text', required = false) => {
    const f = TEXT_FIELDS[name];
    return html`<label for="${name}">${f.label}${required ? '' : ' (opcional)'}</label>
<input id="${name}" name="${name}" type="${type}" maxlength="${f.max}" value="${values[name] ?? ''}"${required ? trusted(' required') : ''}${invalid(name)}>`;
  };
  const radio = (name: string, value: string, label: string) =>
    html`<input type="radio" id="${name}-${value}" name="${name}" value="${value}"${values[name] === value ? trusted(' checked') : ''}> <label for="${name}-${value}">${label}</label><br>`;
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${current === value ? trusted(' selected') : ''}>${label}</option>`;
  return page({
    title: 'Seja um Parceiro da Saúde',
    description: 'Inscreva-se como Parceiro da Saúde da Rede de Mobilização Social da SES-MG e receba campanhas e peças digitais para compartilhar.',
    path: SIGNUP_PATH, origin: originOf(req), nav: 'parceiros',
    body: html`<h1>Seja um Parceiro da Saúde</h1>
<p>Pessoas, instituições e grupos (formais ou informais, governamentais ou não) que apoiam as ações de mobilização social em saúde do seu município. O núcleo municipal ou a unidade regional de saúde confirma a inscrição.</p>
${errors.length ? html`<div class="errors" role="alert"><p>Corrija o formulário:</p><ul>${errors.map((e) => html`<li>${e.message}</li>`)}</ul></div>` : ''}
<form class="signup" method="post" action="${SIGNUP_PATH}">
${text('nome', 'text', true)}
<fieldset${invalid('tipo')}><legend>Tipo</legend>${PARTNER_KINDS.map((k) => radio('tipo', k.value, k.label))}</fieldset>
<fieldset${invalid('governamental')}><legend>É governamental?</legend>${radio('governamental', 'sim', 'Sim')}${radio('governamental', 'nao', 'Não')}</fieldset>
<label for="setor">Setor</label>
<select id="setor" name="setor"${invalid('setor')}><option value="">Escolha o setor</option>${PARTNER_SECTORS.map((s) => option(s.value, s.label, values.setor))}</select>
<label for="municipio">Município</label>
<select id="municipio" name="municipio"${invalid('municipio')}><option value="">Escolha o município</option>${municipalities().map((m) => option(m.code, m.name, values.municipio))}</select>
${text('telefone', 'tel')}
${text('email', 'email')}
${text('rede_social')}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">Não preencha este campo</label><input id="${HONEYPOT}" name="${HONEYPOT}" type="text" tabindex="-1" autocomplete="off"></div>
<p class="check"><input type="checkbox" id="campanhas" name="campanhas" value="sim"${values.campanhas === 'sim' ? trusted(' checked') : ''}> <label for="campanhas">Aceito receber informações, campanhas e peças digitais da SES-MG para compartilhar.</label></p>
<p class="check"><input type="checkbox" id="consentimento" name="consentimento" value="sim" required${invalid('consentimento')}> <label for="consentimento">Concordo com o uso dos meus dados: ${PARTNER_SIGNUP_PURPOSE}</label></p>
<button type="submit">Enviar inscrição</button>
</form>`,
  });
}

function messagePage(req: FastifyRequest, title: string, text: string): Html {
  return page({
    title, description: text, path: req.url.split('?')[0], origin: originOf(req), nav: 'parceiros',
    body: html`<h1>${title}</h1><p>${text}</p><p><a href="${PUBLIC_PREFIX}">Voltar ao balanço do mês</a></p>`,
  });
}

/** Strict reading of the posted form: one value per known field, strings only. */
function readForm(body: unknown): Form {
  const out: Form = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** What the visitor typed, checked: too long, HTML or control characters are refused, not cleaned. */
function checkForm(f: Form): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  for (const [name, spec] of Object.entries(TEXT_FIELDS)) {
    const v = f[name] ?? '';
    if (v.length > spec.max) errors.push({ field: name, message: `${spec.label}: no máximo ${spec.max} caracteres.` });
    else if (/[<>]/.test(v)) errors.push({ field: name, message: `${spec.label}: não use os caracteres < e >.` });
    else if (/[\u0000-\u001f\u007f]/.test(v)) errors.push({ field: name, message: `${spec.label}: caracteres inválidos.` });
  }
  return errors;
}

export async function partnerSignupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const perAddress = new SharedWindowLimiter(ctx.store.rateLimits, 'partner-signup', ctx.limits.partnerSignupMaxPerAddress, ctx.limits.partnerSignupWindowMs);

  app.get(SIGNUP_PATH, (req, reply) => sendHtml(req, reply, formPage(req, {}, [])));
  app.get(THANKS_PATH, (req, reply) =>
    sendHtml(req, reply, messagePage(req, 'Inscrição recebida', 'Obrigado! O núcleo municipal ou a unidade regional de saúde vai confirmar sua inscrição. Seus dados não aparecem em nenhuma página pública.')));

  await app.register(async (pub) => {
    // Only this plugin reads urlencoded forms; every API route stays JSON-only.
    pub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: ctx.limits.partnerSignupBodyBytes }, (_req, body, done) => {
      const out: Record<string, string> = {};
      const params = new URLSearchParams(body as string);
      for (const k of params.keys()) {
        const all = params.getAll(k);
        // a field sent twice is refused: no arrays reach the checks
        if (all.length > 1) return done(Object.assign(new Error('repeated field'), { statusCode: 400 }), undefined);
        out[k] = all[0];
      }
      done(null, out);
    });
    pub.setErrorHandler((err: { statusCode?: number; code?: string }, req, reply) => {
      const status = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413 : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 415 : (err.statusCode ?? 500) < 500 ? 400 : 500;
      if (status === 500) req.log.error({ err: { code: err.code } }, 'partner sign-up failed');
      const text = status === 413 ? 'O formulário enviado é grande demais.' : status === 500 ? 'Não foi possível registrar agora. Tente de novo mais tarde.' : 'O formulário enviado é inválido.';
      return sendHtml(req, reply, messagePage(req, 'Inscrição não enviada', text), status);
    });

    pub.post(SIGNUP_PATH, { bodyLimit: ctx.limits.partnerSignupBodyBytes }, async (req: FastifyRequest, reply: FastifyReply) => {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return sendHtml(req, reply, messagePage(req, 'Inscrição não enviada', 'Envie a inscrição pelo formulário desta página.'), 415);
      }
      const wait = await perAddress.hit(req.ip, ctx.now().getTime());
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return sendHtml(req, reply, messagePage(req, 'Muitas inscrições', 'Recebemos muitas inscrições deste endereço. Tente de novo mais tarde.'), 429);
      }
      const form = readForm(req.body);
      // A bot filled the hidden field: it sees the usual confirmation, nothing is stored.
      if ((form[HONEYPOT] ?? '') !== '') return reply.code(303).header('location', THANKS_PATH).send();
      const errors = checkForm(form);
      const parsed = parseWithIssues(PartnerSignupSchema, {
        name: form.nome ?? '',
        kind: form.tipo ?? '',
        governmental: form.governamental === 'sim' ? true : form.governamental === 'nao' ? false : undefined,
        sector: form.setor ?? '',
        municipalityCode: form.municipio ?? '',
        phone: form.telefone || undefined,
        email: form.email || undefined,
        social: form.rede_social || undefined,
        campaigns: form.campanhas === 'sim',
        consent: form.consentimento === 'sim',
      });
      if (!parsed.success) errors.push(...parsed.issues.map((i) => ({ field: FIELD_OF[i.path.split('.')[0]] ?? '', message: i.message })));
      const known = parsed.success && allMunicipalities().some((m) => m.code === parsed.data.municipalityCode);
      if (parsed.success && !known) errors.push({ field: 'municipio', message: 'escolha o município' });
      if (errors.length || !parsed.success) {
        // The form comes back filled in (escaped), except the text fields that were refused.
        const refill = { ...form };
        for (const e of errors) if (e.field in TEXT_FIELDS) delete refill[e.field];
        return sendHtml(req, reply, formPage(req, refill, errors), 422);
      }
      await ctx.store.partners.signup(parsed.data, ctx.now());
      return reply.code(303).header('location', THANKS_PATH).send();
    });
  });
}
