// "Enviar pelo WhatsApp" on a queued report (#17): always offered, prominent after 2 days in the queue.
import { useState } from 'preact/hooks';
import { planBDue, type OutboxItem } from '../../domain/outbox';
import { useDb } from '../db-context';
import { PLAN_B_TEXT } from '../messages';
import { PlanBError, sharePackage } from './share-package';

export function PlanB({ item }: { item: OutboxItem }) {
  const db = useDb();
  const [state, setState] = useState<{ busy?: boolean; done?: string; error?: string }>({});
  const due = planBDue(item, Date.now());
  const send = async () => {
    setState({ busy: true });
    try {
      const outcome = await sharePackage(db, item.reportId);
      setState(outcome === 'cancelled' ? {} : { done: PLAN_B_TEXT[outcome] });
    } catch (e) {
      if (!(e instanceof PlanBError)) console.error(e);
      setState({ error: e instanceof PlanBError ? PLAN_B_TEXT.refused[e.code] : PLAN_B_TEXT.failed });
    }
  };
  return (
    <div class={due ? 'notice plan-b' : 'plan-b'} data-testid="plan-b">
      {due && <p>{PLAN_B_TEXT.offer}</p>}
      <button type="button" class={`button block${due ? ' primary' : ''}`} disabled={state.busy} onClick={send}>
        {state.busy ? PLAN_B_TEXT.working : PLAN_B_TEXT.button}
      </button>
      {!state.done && !state.error && due && <p class="hint">{PLAN_B_TEXT.how}</p>}
      {state.done && <p role="status">{state.done}</p>}
      {state.error && <p class="error" role="alert">{state.error}</p>}
    </div>
  );
}
