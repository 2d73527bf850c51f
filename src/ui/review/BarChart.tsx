export interface Bar {
  label: string;
  value: number;
  /** extra text after the label, e.g. "12 de 39 municípios" */
  detail?: string;
}

import { formatNumber as fmt } from '../format';

/**
 * Horizontal bars without a chart library. The figures are a real table (label and number as
 * text, read by screen readers and printed); each bar is a decorative inline SVG hidden from
 * assistive technology, so nothing is said twice.
 */
export function BarChart({ title, bars, note, valueLabel = 'Ações' }: { title: string; bars: Bar[]; note?: string; valueLabel?: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <figure class="chart">
      <figcaption>
        <strong>{title}</strong>
        {note && <span class="hint"> {note}</span>}
      </figcaption>
      {bars.length === 0 ? (
        <p class="empty">Nada registrado no período.</p>
      ) : (
        <table class="chart-table">
          <thead class="visually-hidden">
            <tr>
              <th scope="col">Item</th>
              <th scope="col">{valueLabel}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">
                  {b.label}
                  {b.detail && <span class="chart-detail"> {b.detail}</span>}
                </th>
                <td class="chart-value">{fmt(b.value)}</td>
                <td class="chart-bar">
                  <svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" preserveAspectRatio="none">
                    <rect width={max ? Math.max((b.value / max) * 100, b.value ? 1 : 0) : 0} height="10" rx="1" />
                  </svg>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
