// The review page of `kg review`: list facts, write curations. Plain JavaScript, no build step, nothing from
// the network. Every text from an article goes in as a DOM text node (el() below, textContent): never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { info: null, view: null, facts: new Map(), activeFact: null };

// ------------------------------------------------------------------ DOM helpers

// el("p", {class: "x", onclick: fn}, "text", node…): children are text (as text nodes) or nodes
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) {
  node.replaceChildren();
  return node;
}

function show(message, kind) {
  const box = clear($("status"));
  if (!message) return;
  box.className = kind || "info";
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  box.append(el("span", {}, message));
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body;
  try {
    body = await response.json();
  } catch (err) {
    body = { error: `HTTP ${response.status}` };
  }
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function articleLink(id, text) {
  return el("a", { href: "#/article/" + encodeURIComponent(id) }, text || id);
}

// ------------------------------------------------------------------ curator fields (remembered)

function remember(id) {
  const input = $(id);
  input.value = localStorage.getItem("kg-review." + id) || "";
  input.addEventListener("input", () => localStorage.setItem("kg-review." + id, input.value));
}

// ------------------------------------------------------------------ article list, region, queries

let searchTimer = null;

async function loadArticles() {
  const q = $("search").value;
  try {
    const body = await api("/api/articles?q=" + encodeURIComponent(q));
    const list = clear($("article-list"));
    for (const a of body.articles) {
      list.append(el("li", {},
        articleLink(a.id, a.title || a.file),
        el("span", { class: "muted" }, ` ${a.file} · ${a.outlet || "outlet?"} · ${a.published || "no date"} · ${a.facts} facts`)));
    }
    $("article-count").textContent = body.total === body.articles.length
      ? `${body.total} articles` : `${body.articles.length} of ${body.total} articles shown`;
  } catch (err) {
    show(err.message, "error");
  }
}

function fillQueryParams() {
  const q = state.info.queries.find((x) => x.name === $("query").value);
  const box = clear($("query-params"));
  for (const p of (q ? q.params : [])) {
    box.append(el("label", {}, p.name + (p.required ? " (required)" : ""),
      el("input", { name: p.name, placeholder: p.help || p.type, "data-param": p.name })));
  }
}

// ------------------------------------------------------------------ routing

function route() {
  const hash = location.hash.slice(1);
  const [path, query] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  show("");
  if (parts[0] === "article" && parts[1]) return showArticle(parts.slice(1).join("/"));
  if (parts[0] === "region" && parts[1]) return showRegion(parts[1]);
  if (parts[0] === "query" && parts[1]) return showQuery(parts[1], query || "");
  resetView("Pick an article, a region or a saved query", "");
}

function resetView(title, meta) {
  $("view-title").textContent = title;
  $("view-meta").textContent = meta;
  for (const id of ["facts", "query-table", "region-articles", "other-curations", "article-text"]) clear($(id));
  $("article-panel").hidden = true;
  $("add").hidden = true;
  $("order-note").hidden = true;
  $("source-note").hidden = true;
  state.facts = new Map();
  state.activeFact = null;
  state.view = null;
}

async function showArticle(id) {
  resetView("Loading…", "");
  try {
    const v = await api("/api/article/" + encodeURIComponent(id));
    resetView(v.article.title || v.article.file, `${v.article.file} · ${v.article.outlet || "outlet?"} · ` +
      `${v.article.published || "no date"} · ${v.facts.length} facts`);
    state.view = v;
    $("order-note").hidden = false;
    renderFacts(v.facts, { inArticle: true });
    renderOtherCurations(v.other_curations);
    $("article-panel").hidden = false;
    if (v.source.status !== "ok") {
      $("source-note").hidden = false;
      $("source-note").textContent = v.source.message;
    }
    renderText();
    $("add").hidden = false;
    fillAddFields();
  } catch (err) {
    resetView("Article", "");
    show(err.message, "error");
  }
}

async function showRegion(name) {
  resetView("Loading…", "");
  try {
    const v = await api("/api/region?name=" + encodeURIComponent(name));
    resetView(`Region: ${v.region}`, `${v.facts.length} facts in ${v.articles.length} articles`);
    state.view = v;
    $("order-note").hidden = false;
    const box = $("region-articles");
    box.append(el("h3", {}, "Articles"), el("ul", {}, v.articles.map((a) =>
      el("li", {}, articleLink(a.id, a.title || a.file), el("span", { class: "muted" }, ` ${a.file}`)))));
    renderFacts(v.facts, {});
  } catch (err) {
    resetView("Region", "");
    show(err.message, "error");
  }
}

async function showQuery(name, query) {
  resetView("Loading…", "");
  try {
    const v = await api("/api/query/" + encodeURIComponent(name) + (query ? "?" + query : ""));
    if ($("query").value !== name) {
      $("query").value = name;
      fillQueryParams();
      for (const [k, x] of Object.entries(v.params)) {
        const input = $("query-params").querySelector(`input[name="${CSS.escape(k)}"]`);
        if (input) input.value = x;
      }
    }
    const params = Object.entries(v.params).map(([k, x]) => `${k}=${x}`).join(", ");
    resetView(`Query: ${v.query}${params ? " (" + params + ")" : ""}`,
      `${v.total_rows} rows${v.total_rows > v.rows.length ? ` (first ${v.rows.length} shown)` : ""}, ` +
      `${v.facts.length} facts behind them`);
    state.view = v;
    $("order-note").hidden = false;
    renderQueryTable(v);
    renderFacts(v.facts, {});
  } catch (err) {
    resetView("Query", "");
    show(err.message, "error");
  }
}

function renderQueryTable(v) {
  const head = el("tr", {}, el("th", {}, "#"), v.columns.map((c) => el("th", {}, c)), el("th", {}, "facts"));
  const rows = v.rows.map((row, i) => el("tr", { dataset: { row: String(i) } },
    el("td", {}, String(i + 1)), row.map((x) => el("td", {}, x)),
    el("td", {}, el("button", { type: "button", onclick: () => filterRow(i) }, `${v.row_facts[i].length}`))));
  $("query-table").append(el("table", { class: "rows" }, el("thead", {}, head), el("tbody", {}, rows)));
}

function filterRow(i) {
  const wanted = new Set(state.view.row_facts[i]);
  const all = [...document.querySelectorAll("#facts .fact")];
  const showingOnly = all.every((card) => wanted.has(card.dataset.factId) || card.hidden);
  for (const card of all) card.hidden = showingOnly ? false : !wanted.has(card.dataset.factId);
  show(showingOnly ? "Showing the facts of every row" : `Showing the facts of row ${i + 1} (click again for all)`);
}

// ------------------------------------------------------------------ facts

const FIELD_ORDER = (kind) => state.info.kinds[kind].fields;

function confidenceText(f) {
  return f.confidence === null ? "no score" : f.confidence.toFixed(2);
}

function renderFacts(facts, opts) {
  const box = clear($("facts"));
  if (!facts.length) box.append(el("p", { class: "muted" }, "No facts here."));
  for (const f of facts) {
    state.facts.set(f.id, f);
    box.append(factCard(f, opts));
  }
}

function factCard(f, opts) {
  const fields = el("dl", { class: "fields" });
  for (const k of FIELD_ORDER(f.kind)) {
    fields.append(el("dt", {}, k), el("dd", {}, f.fact[k] === null || f.fact[k] === undefined ? "—" : String(f.fact[k])));
  }
  const ctx = f.context;
  const evidence = ctx.fits
    ? el("blockquote", { class: "evidence" }, ctx.before, el("mark", {}, ctx.span), ctx.after)
    : el("blockquote", { class: "evidence alone" }, el("mark", {}, ctx.span || "(no evidence text)"),
      el("span", { class: "muted" }, " (evidence alone: the article text is not available or has changed)"));
  const card = el("article", { class: "fact", dataset: { factId: f.id, kind: f.kind } },
    el("header", {},
      el("span", { class: "kind" }, f.kind),
      el("span", { class: f.confidence === null ? "conf none" : "conf", title: f.confidence === null
        ? "made by a rule that gives no confidence; listed after the scored facts" : "confidence" },
        confidenceText(f)),
      el("span", { class: "rule", title: "the rule or model that made it" }, f.rule || "?"),
      opts.inArticle ? null : articleLink(f.article, f.article_title),
      f.rows ? el("span", { class: "muted" }, ` rows ${f.rows.map((r) => r + 1).join(", ")}`) : null),
    fields, evidence,
    el("ul", { class: "curations" }, f.curations.map(curationItem)),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "confirm", onclick: () => send(f, "confirm") }, "Confirm"),
      el("button", { type: "button", class: "reject", onclick: () => send(f, "reject") }, "Reject"),
      state.info.kinds[f.kind].correctable.length
        ? el("button", { type: "button", class: "correct", onclick: () => toggleCorrect(f, card) }, "Correct…") : null,
      opts.inArticle && ctx.fits ? el("button", { type: "button", class: "locate", onclick: () => renderText(f) }, "Show in text") : null));
  return card;
}

function curationItem(c) {
  const what = c.action === "correct"
    ? `correct → ${Object.entries(c.to || {}).map(([k, v]) => `${k}: ${v === null ? "—" : v}`).join(", ")}`
    : c.action === "add" ? `add ${c.kind}: ${Object.entries(c.fact).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join(", ")}`
    : c.action;
  return el("li", { class: "curation " + c.action }, el("strong", {}, what),
    ` by ${c.by || "?"}, ${c.at || ""}`, c.why ? el("span", { class: "muted" }, ` (${c.why})`) : null,
    el("span", { class: "muted" }, ` [${c.file} #${c.index}]`));
}

function renderOtherCurations(list) {
  const box = clear($("other-curations"));
  if (!list || !list.length) return;
  box.append(el("h3", {}, "Added facts and curations that match no fact of this build"),
    el("ul", { class: "curations" }, list.map(curationItem)));
}

function toggleCorrect(f, card) {
  const old = card.querySelector("form.correct-form");
  if (old) { old.remove(); return; }
  const editable = new Set(state.info.kinds[f.kind].correctable);
  const form = el("form", { class: "correct-form" });
  for (const k of FIELD_ORDER(f.kind)) {
    const value = f.fact[k] === null || f.fact[k] === undefined ? "" : String(f.fact[k]);
    form.append(el("label", {}, k, el("input", { name: k, value, disabled: !editable.has(k) })));
  }
  form.append(el("button", { type: "submit" }, "Save correction"),
    el("button", { type: "button", onclick: () => form.remove() }, "Cancel"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const to = {};
    for (const input of form.querySelectorAll("input:not([disabled])")) {
      const before = f.fact[input.name] === null || f.fact[input.name] === undefined ? "" : String(f.fact[input.name]);
      if (input.value.trim() !== before) to[input.name] = input.value.trim() || null;
    }
    if (!Object.keys(to).length) { show("change at least one field to correct the fact", "error"); return; }
    send(f, "correct", to).then((ok) => { if (ok) form.remove(); });
  });
  card.append(form);
  form.querySelector("input:not([disabled])").focus();
}

// ------------------------------------------------------------------ writing curations

function curator() {
  const by = $("by").value.trim();
  if (!by) {
    show("fill in your name (Curator, at the top) first: every curation says who made it", "error");
    $("by").focus();
  }
  return by;
}

async function post(payload) {
  return api("/api/curations", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload) });
}

async function send(f, action, to) {
  const by = curator();
  if (!by) return false;
  try {
    const body = await post({ article: f.article, action, kind: f.kind, fact: f.fact, to: to || null, by,
      why: $("why").value, evidence: f.context.sentence || f.evidence });
    f.curations.push(body.entry);
    const card = document.querySelector(`.fact[data-fact-id="${CSS.escape(f.id)}"]`);
    if (card) card.querySelector("ul.curations").append(curationItem(body.entry));
    show(`written: ${action} ${f.kind} → ${body.entry.file} entry ${body.entry.index}`, "ok");
    return true;
  } catch (err) {
    show(err.message, "error");
    return false;
  }
}

function fillAddFields() {
  const kinds = state.info.kinds;
  const select = $("add-kind");
  if (!select.options.length) {
    for (const k of Object.keys(kinds)) select.append(el("option", { value: k }, k));
  }
  const kind = kinds[select.value];
  const box = clear($("add-fields"));
  for (const k of [...kind.fields, ...kind.extra]) {
    const required = kind.key.includes(k);
    box.append(el("label", {}, k + (required ? " *" : ""), el("input", { name: k, required,
      placeholder: k === "parties" ? "party codes, comma-separated" : k === "start" || k === "end" ? "YYYY or YYYY-MM-DD" : "" })));
  }
}

async function addFact(ev) {
  ev.preventDefault();
  const by = curator();
  if (!by || !state.view || state.view.view !== "article") return;
  const fact = {};
  for (const input of $("add-fields").querySelectorAll("input")) {
    if (input.value.trim()) fact[input.name] = input.value.trim();
  }
  const evidence = $("add-evidence").value.trim();
  if (!evidence) { show("give the evidence: select the sentence in the article text, or paste it", "error"); return; }
  try {
    const body = await post({ article: state.view.article.id, action: "add", kind: $("add-kind").value, fact, by,
      why: $("why").value, evidence });
    state.view.other_curations.push(body.entry);
    renderOtherCurations(state.view.other_curations);
    show(`written: add ${body.entry.kind} → ${body.entry.file} entry ${body.entry.index}` +
      (body.notes.length ? ` (note: ${body.notes.join("; ")})` : ""), body.notes.length ? "warn" : "ok");
    $("add-form").reset();
    fillAddFields();
  } catch (err) {
    show(err.message, "error");
  }
}

function useSelection() {
  const sel = window.getSelection();
  const panel = $("article-text");
  if (!sel || sel.isCollapsed || !panel.contains(sel.anchorNode)) {
    show("select the sentence in the article text first", "error");
    return;
  }
  $("add-evidence").value = sel.toString().trim();
}

// ------------------------------------------------------------------ article text

// The article text with every evidence span marked, and `active`'s sentence and span emphasised.
function renderText(active) {
  const v = state.view;
  const box = clear($("article-text"));
  if (!v || v.text === null || v.text === undefined) {
    box.append(el("p", { class: "muted" }, "The article's text is not available."));
    return;
  }
  const text = v.text;
  const spans = v.facts.filter((f) => f.context.fits).map((f) => [f.start, f.end]);
  let sentence = null;
  if (active) sentence = [active.start - active.context.before.length, active.end + active.context.after.length];
  const cuts = new Set([0, text.length]);
  for (const [a, b] of spans) { cuts.add(a); cuts.add(b); }
  if (active) for (const x of [...sentence, active.start, active.end]) cuts.add(x);
  const points = [...cuts].sort((a, b) => a - b);
  let target = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const classes = [];
    if (spans.some(([s, e]) => s <= a && b <= e)) classes.push("ev");
    if (sentence && sentence[0] <= a && b <= sentence[1]) classes.push("sentence");
    if (active && active.start <= a && b <= active.end) classes.push("active");
    const part = classes.length ? el("span", { class: classes.join(" ") }, text.slice(a, b)) : document.createTextNode(text.slice(a, b));
    if (!target && classes.includes("active")) target = part;
    box.append(part);
  }
  if (target) target.scrollIntoView({ block: "center" });
}

// ------------------------------------------------------------------ start

async function start() {
  remember("by");
  remember("why");
  try {
    state.info = await api("/api/info");
  } catch (err) {
    show(err.message, "error");
    return;
  }
  $("build-info").textContent = `build: ${state.info.build} · curations: ${state.info.curations} · ` +
    `${state.info.articles} articles`;
  for (const r of state.info.regions) $("regions").append(el("option", { value: r }));
  for (const q of state.info.queries) $("query").append(el("option", { value: q.name }, `${q.name}: ${q.summary}`));
  fillQueryParams();
  $("query").addEventListener("change", fillQueryParams);
  $("query-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const input of $("query-params").querySelectorAll("input")) if (input.value.trim()) params.set(input.name, input.value.trim());
    location.hash = "#/query/" + encodeURIComponent($("query").value) + (params.toString() ? "?" + params : "");
  });
  $("region-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if ($("region").value.trim()) location.hash = "#/region/" + encodeURIComponent($("region").value.trim());
  });
  $("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadArticles, 200); });
  $("add-kind").addEventListener("change", fillAddFields);
  $("add-form").addEventListener("submit", addFact);
  $("use-selection").addEventListener("click", useSelection);
  window.addEventListener("hashchange", route);
  await loadArticles();
  route();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
