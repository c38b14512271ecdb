// kansa review: lists the findings of data.js (window.KANSA_REVIEW), lowest confidence first,
// with filters. Every value from the data is put into the page with textContent or an
// attribute setter, never parsed as markup: text read from PDFs is data.
'use strict';
(function () {
  const data = window.KANSA_REVIEW || { findings: [] };
  const findings = Array.isArray(data.findings) ? data.findings : [];
  const SVG = 'http://www.w3.org/2000/svg';
  const WEAK = 0.9;
  const filters = {
    municipality: document.getElementById('filter-municipality'),
    status: document.getElementById('filter-status'),
    method: document.getElementById('filter-method'),
  };
  const list = document.getElementById('findings');

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmt(c) {
    return typeof c === 'number' && isFinite(c) ? c.toFixed(2) : '\u2014';
  }

  function weak(c) {
    return !(typeof c === 'number' && isFinite(c)) || c < WEAK;
  }

  // A confidence beside a value, marked when weak.
  function conf(c) {
    return el('span', weak(c) ? 'c weak' : 'c', fmt(c));
  }

  function addOptions(select, entries) {
    for (const [value, label] of entries) {
      const o = el('option', null, label);
      o.value = value;
      select.appendChild(o);
    }
  }

  function fillFilters() {
    const munis = new Map();
    const statuses = new Set();
    const methods = new Set();
    for (const f of findings) {
      munis.set(f.municipality_key, f.municipality_label);
      for (const s of f.statuses || []) statuses.add(s);
      methods.add(f.method);
    }
    addOptions(filters.municipality,
      [...munis.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ja')));
    addOptions(filters.status, [...statuses].sort().map((s) => [s, s]));
    addOptions(filters.method, [...methods].sort().map((m) => [m, m]));
  }

  // Filters come from the address (#municipality=...&status=...&method=...), so that a view
  // can be bookmarked or opened preset; choosing one writes it back.
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    for (const [name, select] of Object.entries(filters)) {
      const wanted = params.get(name) || '';
      const known = [...select.options].some((o) => o.value === wanted);
      select.value = known ? wanted : '';
    }
  }

  function writeHash() {
    const params = new URLSearchParams();
    for (const [name, select] of Object.entries(filters))
      if (select.value) params.set(name, select.value);
    const hash = params.toString();
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname);
    } catch (e) {
      // Some browsers refuse replaceState on file: pages; the filters still apply.
    }
  }

  function matches(f) {
    const m = filters.municipality.value, s = filters.status.value, k = filters.method.value;
    if (m && f.municipality_key !== m) return false;
    if (s && !(f.statuses || []).includes(s)) return false;
    if (k && f.method !== k) return false;
    return true;
  }

  function pageFigure(f, p) {
    const fig = el('figure', 'page');
    fig.appendChild(el('figcaption', null, 'page ' + p.page + ' of ' + f.document.file));
    if (!p.image) {
      fig.appendChild(el('p', 'unavailable',
        'source not available' + (p.unavailable ? ': ' + p.unavailable : '')));
      return fig;
    }
    const sheet = el('div', 'sheet');
    const img = el('img');
    img.setAttribute('src', p.image);
    img.setAttribute('alt', 'page ' + p.page + ' of ' + f.document.file);
    img.setAttribute('loading', 'lazy');
    img.setAttribute('width', String(p.width_px));
    img.setAttribute('height', String(p.height_px));
    sheet.appendChild(img);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + p.width + ' ' + p.height);
    svg.setAttribute('preserveAspectRatio', 'none');
    for (const b of p.boxes || []) {
      const r = document.createElementNS(SVG, 'rect');
      r.setAttribute('x', String(b.x0));
      r.setAttribute('y', String(b.y0));
      r.setAttribute('width', String(Math.max(0, b.x1 - b.x0)));
      r.setAttribute('height', String(Math.max(0, b.y1 - b.y0)));
      if (b.weak) r.setAttribute('class', 'weak');
      const t = document.createElementNS(SVG, 'title');
      t.textContent = b.field;
      r.appendChild(t);
      svg.appendChild(r);
    }
    sheet.appendChild(svg);
    fig.appendChild(sheet);
    const full = el('a', 'full', 'open the page image');
    full.setAttribute('href', p.image);
    fig.appendChild(full);
    if (!p.boxes || p.boxes.length === 0)
      fig.appendChild(el('p', 'empty', 'no cell boxes stored for this page'));
    return fig;
  }

  function row(dl, label, value, c) {
    dl.appendChild(el('dt', null, label));
    const dd = el('dd');
    if (value === null || value === undefined || value === '') dd.appendChild(el('span', 'empty', 'none'));
    else dd.appendChild(document.createTextNode(String(value)));
    if (c !== undefined) dd.appendChild(conf(c));
    dl.appendChild(dd);
  }

  function fieldsBlock(f) {
    const box = el('div', 'extracted');
    const fc = f.field_confidence || {};
    const dl = el('dl', 'fields');
    row(dl, 'document', f.document.file + (f.document.title ? ' \u2014 ' + f.document.title : ''));
    row(dl, 'municipality', f.municipality_label);
    row(dl, 'ref', f.ref, fc.ref);
    row(dl, 'kind', f.kind, fc.kind);
    row(dl, 'title', f.title, fc.title);
    row(dl, 'summary', f.summary, fc.summary);
    row(dl, 'report pages', (f.report_pages || []).join(', '), fc.report_pages);
    row(dl, 'measures', String((f.measures || []).length), fc.measures);
    box.appendChild(dl);
    (f.measures || []).forEach((m, i) => {
      const div = el('div', 'measure');
      const h = el('h3', null, 'measure ' + (i + 1));
      h.appendChild(conf(m.confidence));
      div.appendChild(h);
      const mfc = m.field_confidence || {};
      const mdl = el('dl', 'fields');
      row(mdl, 'department', m.department, mfc.department);
      row(mdl, 'status', m.status + (m.status_raw ? ' (' + m.status_raw + ')' : ''), mfc.status);
      row(mdl, 'date', m.date || m.date_raw, mfc.date);
      row(mdl, 'text', m.text, mfc.text);
      div.appendChild(mdl);
      box.appendChild(div);
    });
    return box;
  }

  // Why the confidence is what it is (review/reasons.hpp): the finding's confidence is the
  // product of its field confidences and its measures'.
  function reasonsBlock(f) {
    const a = f.account || { factors: 0, weak: [], notes: [] };
    const div = el('div', 'reasons');
    div.appendChild(el('h3', null, 'Why the confidence is ' + fmt(f.confidence)));
    const weakList = a.weak || [];
    let text = 'It multiplies ' + a.factors + ' field confidences (the finding\u2019s and those of its ' +
      a.measures + ' measure' + (a.measures === 1 ? '' : 's') + '). ';
    if (weakList.length)
      text += 'Those under ' + WEAK + ' (below) give ' + fmt(a.weak_product) + ', the other ' +
        (a.factors - a.weak_factors) + ' give ' + fmt(a.rest_product) + '.';
    else if (a.lowest)
      text += 'None is under ' + WEAK + '; together they give ' + fmt(a.rest_product) +
        '. The lowest: ' + a.lowest.field + ' ' + fmt(a.lowest.confidence) + '.';
    div.appendChild(el('p', null, text));
    if (weakList.length) {
      const ul = el('ul');
      for (const w of weakList) {
        const li = el('li', null, w.field + ' ' + fmt(w.confidence));
        if (w.why) li.appendChild(el('span', 'why', ' \u2014 ' + w.why));
        ul.appendChild(li);
      }
      div.appendChild(ul);
    }
    if (a.notes && a.notes.length) {
      const notes = el('ul', 'notes');
      for (const n of a.notes) notes.appendChild(el('li', null, n));
      div.appendChild(notes);
    }
    return div;
  }

  function card(f) {
    const art = el('article', 'finding');
    art.setAttribute('data-id', f.id);
    const h = el('h2');
    h.appendChild(el('span', weak(f.confidence) ? 'confidence low' : 'confidence', fmt(f.confidence)));
    h.appendChild(el('span', null, f.ref ? f.ref : '#' + f.ordinal));
    h.appendChild(el('span', 'tag', f.document.file));
    h.appendChild(el('span', 'tag', f.kind));
    h.appendChild(el('span', 'tag', f.method));
    art.appendChild(h);
    const cols = el('div', 'columns');
    const pages = el('div', 'pages');
    if (!f.pages || f.pages.length === 0)
      pages.appendChild(el('p', 'unavailable', 'no source page recorded'));
    for (const p of f.pages || []) pages.appendChild(pageFigure(f, p));
    cols.appendChild(pages);
    const right = el('div');
    right.appendChild(reasonsBlock(f));
    right.appendChild(fieldsBlock(f));
    cols.appendChild(right);
    art.appendChild(cols);
    return art;
  }

  function render() {
    const shown = findings.filter(matches);
    const fragment = document.createDocumentFragment();
    for (const f of shown) fragment.appendChild(card(f));
    list.replaceChildren(fragment);
    document.getElementById('shown-count').textContent = String(shown.length);
    document.getElementById('total-count').textContent = String(findings.length);
  }

  fillFilters();
  readHash();
  render();
  for (const select of Object.values(filters))
    select.addEventListener('change', () => {
      writeHash();
      render();
    });
  window.addEventListener('hashchange', () => {
    readHash();
    render();
  });
})();
