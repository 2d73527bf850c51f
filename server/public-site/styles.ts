// The public pages' stylesheet, inlined in each page (about 2 KB gzip). Colours meet WCAG AA.
export const PUBLIC_CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;color:#1b1f24;background:#fff}
body{margin:0}
a{color:#0b5394}
.skip{position:absolute;left:-999px}.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}form.signup label{display:block;margin:.8em 0 .2em;font-weight:600}form.signup input[type=text],form.signup input[type=tel],form.signup input[type=email],form.signup select{width:100%;max-width:32em;padding:.5em;font:inherit}form.signup fieldset{border:0;padding:0;margin:.8em 0}form.signup fieldset label,form.signup .check label{display:inline;font-weight:400}form.signup button{margin-top:1em;padding:.7em 1.4em;font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px}.errors{border-left:4px solid #b00020;padding:.2em 1em;background:#fdecee}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.top{background:#0b5394;color:#fff;padding:12px 16px}
.top a{color:#fff}
.brand{margin:0 0 6px;font-weight:600}
.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.top a[aria-current]{font-weight:700;text-decoration-thickness:3px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.3em 0}
h2{font-size:1.25rem;margin:1.6em 0 .5em;border-bottom:2px solid #dde3ea;padding-bottom:4px}
.note{background:#f1f5f9;border-left:4px solid #0b5394;padding:8px 12px;margin:12px 0}
.periods{display:flex;flex-wrap:wrap;gap:8px 16px;margin:8px 0;padding:0;list-style:none}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:12px 0;padding:0;list-style:none}
.kpis li{border:1px solid #cfd8e3;border-radius:8px;padding:10px 12px}
.kpis strong{display:block;font-size:1.7rem;line-height:1.1}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dde3ea;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
.bar{display:block;height:8px;background:#2171b5;border-radius:4px;min-width:2px;margin-top:4px}
.two{display:grid;gap:0 32px}
@media (min-width:800px){.two{grid-template-columns:1fr 1fr}}
.mapa{margin:8px 0}
.mapa svg{width:100%;height:auto;max-height:80vh;display:block}
.mapa .m path{stroke:#fff;stroke-width:.4px;vector-effect:non-scaling-stroke}
.mapa .m path:hover,.mapa .m path.sel{stroke:#d9480f;stroke-width:2px}
.mapa .r{fill:none;stroke:#1b1f24;stroke-width:1.2px;vector-effect:non-scaling-stroke;pointer-events:none}
.legenda{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px}
.sw{display:inline-block;width:14px;height:14px;border:1px solid #8a96a3;margin-right:6px;vertical-align:-2px}
.map-caption{min-height:1.5em;font-weight:600;margin:4px 0}
.measures{display:flex;flex-wrap:wrap;gap:8px 16px;list-style:none;padding:0}
.card{border:1px solid #cfd8e3;border-radius:8px;padding:8px 12px;margin:8px 0}.card img{max-width:100%;height:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px;list-style:none;padding:0}
.cards article{border:1px solid #cfd8e3;border-radius:8px;overflow:hidden}
.cards .txt{padding:8px 12px}
.cards h3{margin:.2em 0;font-size:1.1rem}
.meta{color:#4a5563;font-size:.92rem;margin:.2em 0}
.photos{display:flex;gap:4px;overflow-x:auto}
.photos img{height:180px;width:auto;display:block}
.cal li{margin:4px 0}.cal .now{font-weight:700}
.swc{display:inline-block;width:.9em;height:.9em;border-radius:50%;border:1px solid #8a96a3;margin-right:6px;vertical-align:-1px}
footer{border-top:1px solid #dde3ea;color:#4a5563;padding:12px 16px;font-size:.9rem;max-width:1100px;margin:24px auto 0}
@media print{.top nav,.skip,.measures,.periods,.map-caption{display:none}.top{background:none;color:#000;padding:0}
main{max-width:none;padding:0}a{color:#000;text-decoration:none}.kpis li,.cards article{break-inside:avoid}
.mapa{break-inside:avoid}table{break-inside:auto}tr{break-inside:avoid}.photos img{height:120px}}
`.replace(/\n/g, '');
