import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../server/export/csv.ts';
import { DRIVERS, submission, useEndpoint, type Account } from './helpers.ts';

describe('csv cells', () => {
  it('quotes per RFC 4180 and neutralises formulas', () => {
    expect(csvCell('simples')).toBe('simples');
    expect(csvCell('com; ponto e vírgula')).toBe('"com; ponto e vírgula"');
    expect(csvCell('aspas "duplas"')).toBe('"aspas ""duplas"""');
    expect(csvCell('duas\nlinhas')).toBe('"duas\nlinhas"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+5511')).toBe("'+5511");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(undefined)).toBe('');
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa;b\r\n1;x\r\n');
  });
});

describe.each(DRIVERS)('GET /exports/actions.csv on %s', (kind) => {
  const env = useEndpoint(kind);
  const csv = (who: Account | undefined, query: string) => env.inject({ method: 'GET', url: `/api/v1/exports/actions.csv?${query}`, account: who });

  async function send(agent: Account, period: string, patch: (a: Record<string, any>, i: number) => void, n = 1) {
    const photos: string[] = [];
    for (let i = 0; i < n; i++) photos.push(await env.putPhoto(agent));
    const body = submission({ photos, municipalityCode: agent.user.municipalityCode, period });
    body.actions.forEach(patch);
    const res = await env.putReport(agent, body);
    expect(res.statusCode, res.body).toBe(201);
    return { body, protocol: res.json().protocol as string };
  }

  it('UTF-8 with BOM, `;`, CRLF, labels, one row per action, every field; hostile text stays text', async () => {
    const bh = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const central = await env.account('central', 'central');
    const { protocol } = await send(bh, '2026-10', (a, i) => {
      if (i === 0) {
        Object.assign(a, {
          title: '=HYPERLINK("http://evil","clique")', type: 'outro', typeOther: '@rodada', themes: ['arboviroses', 'outro'],
          themeOther: '+tema', audience: ['idosos', 'outro'], audienceOther: '-público', participants: 12,
          description: 'Linha 1; "citação"\nLinha 2', place: { description: 'Praça São José', zone: 'rural' },
          partners: [{ name: 'Escola Estadual', sector: 'educacao' }, { name: 'Igreja', sector: 'instituicao_religiosa' }],
        });
      }
    }, 2);
    const res = await csv(central, 'from=2026-10&to=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="acoes-2026-10-a-2026-10.csv"');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    // header + 2 actions (the description's own \n is inside quotes and is not a CRLF)
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'Protocolo;Situação;Revisão;Recebido em;Mês de referência;Código IBGE;Município;Unidade regional;Responsável;Ação nº;Data;Título;' +
        'Tipo de ação;Tipo (outro);Temas;Outro tema;Local;Zona;Público;Outro público;Participantes;Parceiros;Descrição;Fotos',
    );
    expect(lines[1]).toBe([
      protocol, 'Recebido', '1', '23/11/2026, 09:00', '2026-10', '3106200', 'Belo Horizonte', 'Belo Horizonte', 'Ana Souza', '1', '10/10/2026',
      `"'=HYPERLINK(""http://evil"",""clique"")"`, 'Outro', "'@rodada", 'Dengue/arboviroses (combate ao Aedes aegypti), Outro', "'+tema",
      'Praça São José', 'Rural', 'Idosos, Outro', "'-público", '12',
      'Escola Estadual (Educação), Igreja (Instituição religiosa)', '"Linha 1; ""citação""\nLinha 2"', '1',
    ].join(';'));
    expect(lines[2]).toMatch(new RegExp(`^${protocol};Recebido;1;.*;2;11/10/2026;Ação 2;Palestra;;Dengue/arboviroses`));
  });

  it('scope: central all or a unit, regional its unit (another → 403), agents their municipality only', async () => {
    const bh = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const betim = await env.account('ag-betim', 'agent', { municipalityCode: '3106705' });
    const jf = await env.account('ag-jf', 'agent', { municipalityCode: '3136702' });
    const ursBh = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('central', 'central');
    await send(bh, '2026-10', () => {});
    await send(betim, '2026-11', () => {}, 2);
    await send(jf, '2026-10', () => {});
    await send(jf, '2026-06', () => {}); // outside the range below

    const rows = async (who: Account, query: string) => {
      const res = await csv(who, query);
      expect(res.statusCode, `${who.user.login} ${query}: ${res.body}`).toBe(200);
      return res.rawPayload.toString('utf8').split('\r\n').slice(1, -1).map((l) => l.split(';')[6]);
    };
    expect(await rows(central, 'from=2026-09&to=2026-11')).toEqual(['Belo Horizonte', 'Juiz de Fora', 'Betim', 'Betim']);
    expect(await rows(central, 'from=2026-09&to=2026-11&regional=Juiz%20de%20Fora')).toEqual(['Juiz de Fora']);
    expect(await rows(ursBh, 'from=2026-09&to=2026-11')).toEqual(['Belo Horizonte', 'Betim', 'Betim']);
    expect(await rows(bh, 'from=2026-09&to=2026-11')).toEqual(['Belo Horizonte']);
    expect(await rows(jf, 'from=2026-01&to=2026-11')).toEqual(['Juiz de Fora', 'Juiz de Fora']);

    expect((await csv(ursBh, 'regional=Juiz%20de%20Fora')).statusCode).toBe(403);
    expect((await csv(bh, 'regional=Belo%20Horizonte')).statusCode).toBe(403);
    expect((await csv(central, 'from=2026-11&to=2026-01')).statusCode).toBe(400);
    expect((await csv(undefined, '')).statusCode).toBe(401);
  });
});
