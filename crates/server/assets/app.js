// Dateline's web UI. Every element is built with textContent and setAttribute: text from the pages never
// becomes markup, and a link is only followed when it is http(s) or one of the UI's own.
"use strict";

const view = document.getElementById("view");
const token = new URLSearchParams(location.search).get("token") || sessionStorage.getItem("dateline_token");
if (token) sessionStorage.setItem("dateline_token", token);

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const r = await fetch(url, { headers });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.detail || body.title || r.statusText);
  return body;
}

function safeHref(u) {
  if (typeof u !== "string") return null;
  if (u.startsWith("#/")) return u;
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
  } catch (e) {
    return null;
  }
}

// el("a", {href: "#/x", class: "c"}, "text", child…)
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "href") {
      const h = safeHref(v);
      if (h) e.setAttribute("href", h);
      if (h && !h.startsWith("#/")) e.setAttribute("rel", "noopener noreferrer nofollow");
    } else if (/^on/i.test(k)) {
      continue;
    } else {
      e.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
// Text between two UTF-8 byte offsets.
function bytes(buf, a, b) {
  return dec.decode(buf.subarray(Math.max(0, a), Math.min(buf.length, b)));
}

function day(iso) {
  return iso ? iso.slice(0, 10) : "undated";
}

function route() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, query] = h.split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  let page;
  if (parts[0] === "article" && parts[1]) page = articlePage(parts[1]);
  else if (parts[0] === "person" && parts[1]) page = personPage(parts[1]);
  else if (parts[0] === "story" && parts[1]) page = storyPage(parts[1]);
  else page = searchPage(params);
  page.catch((e) => view.replaceChildren(el("p", { class: "error", role: "alert" }, "Error: " + e.message)));
}

function searchHash(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return "#/search?" + q.toString();
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const f = ev.target;
  location.hash = searchHash({ q: f.q.value, from: f.from.value, to: f.to.value });
});

function chart(days, label) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const w = Math.max(days.length * 14, 200), h = 80;
  svg.setAttribute("viewBox", `0 0 ${w} ${h + 14}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("preserveAspectRatio", "xMinYMax meet");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  const max = Math.max(1, ...days.map((d) => d[1]));
  days.forEach(([d, n], i) => {
    const r = document.createElementNS(ns, "rect");
    const bh = Math.max(1, (n / max) * h);
    r.setAttribute("x", i * 14 + 2);
    r.setAttribute("y", h - bh);
    r.setAttribute("width", 10);
    r.setAttribute("height", bh);
    const t = document.createElementNS(ns, "title");
    t.textContent = `${d}: ${n}`;
    r.append(t);
    svg.append(r);
  });
  const span = days.length ? ` (${days[0][0]} to ${days[days.length - 1][0]}, ${days.length} days with articles)` : "";
  return el("figure", {}, svg, el("figcaption", {}, label + span));
}

function snippet(s) {
  if (!s) return null;
  const buf = enc.encode(s.fragment);
  const p = el("p", { class: "snippet" });
  let at = 0;
  for (const [a, b] of s.highlights) {
    if (a < at) continue;
    p.append(bytes(buf, at, a), el("mark", {}, bytes(buf, a, b)));
    at = b;
  }
  p.append(bytes(buf, at, buf.length));
  return p;
}

async function searchPage(params) {
  const form = document.getElementById("search");
  form.q.value = params.q || "";
  form.from.value = params.from || "";
  form.to.value = params.to || "";
  const found = await api("/api/search", params);
  const att = await api("/api/attention", { q: params.q || "", from: params.from, to: params.to, outlet: params.outlet, lang: params.lang });
  const facetBox = (name, key, values) =>
    values.length
      ? el("section", { class: "facet" }, el("h3", {}, name),
          el("ul", {}, values.map(([v, n]) =>
            el("li", {}, el("a", { href: searchHash({ ...params, [key]: v, cursor: "" }), class: params[key] === v ? "on" : null }, v), " ", el("span", { class: "count" }, n)))))
      : null;
  const f = found.facets || {};
  const active = Object.entries(params).filter(([k, v]) => v && !["q", "cursor"].includes(k));
  const results = found.articles.map((a) =>
    el("li", { class: "hit" },
      el("a", { href: "#/article/" + encodeURIComponent(a.id), class: "title" }, a.title || "(no headline)"),
      el("div", { class: "meta" }, day(a.published), " · ", a.outlet || "unknown outlet"),
      snippet(a.snippet)));
  view.replaceChildren(
    el("div", { class: "search" },
      el("aside", { class: "facets", "aria-label": "Filters" },
        active.length ? el("p", {}, active.map(([k, v]) => el("a", { href: searchHash({ ...params, [k]: "", cursor: "" }), class: "chip" }, `${k}: ${v} ✕`))) : null,
        facetBox("Outlets", "outlet", f.outlet || []),
        facetBox("Languages", "lang", f.language || []),
        facetBox("People and places", "entity", f.entity || []),
        facetBox("Speakers", "speaker", f.speaker || []),
        facetBox("Stories", "story", f.story || [])),
      el("section", { class: "results" },
        el("h1", {}, `${found.total} articles`),
        att[0] && att[0].days.length ? chart(att[0].days, "Articles per day") : null,
        el("ol", {}, results),
        found.next ? el("a", { href: searchHash({ ...params, cursor: found.next }), class: "more" }, "Next page") : null)));
  view.focus({ preventScroll: true });
}

async function articlePage(id) {
  const d = await api("/api/articles/" + encodeURIComponent(id));
  const a = d.article;
  const buf = enc.encode(a.text);
  // Boundaries of quotations and entity mentions in the body.
  const spans = [];
  for (const q of a.quotes || []) if (!q.in_title) spans.push({ s: q.start, e: q.end, quote: q });
  for (const ent of a.entities || [])
    for (const m of ent.mentions || []) if (!m.in_title) spans.push({ s: m.start, e: m.end, entity: ent });
  const cuts = new Set([0, buf.length]);
  for (const s of spans) { cuts.add(s.s); cuts.add(s.e); }
  const points = [...cuts].filter((x) => x >= 0 && x <= buf.length).sort((x, y) => x - y);
  const body = el("div", { class: "text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const text = bytes(buf, s, e);
    const q = spans.find((x) => x.quote && x.s <= s && e <= x.e);
    const m = spans.find((x) => x.entity && x.s <= s && e <= x.e);
    let node = text;
    if (m) node = el("span", { class: "ent " + m.entity.type, title: `${m.entity.type}: ${m.entity.name}` }, text);
    if (q) node = el("mark", { class: "quote", title: `${q.quote.speaker || "unknown speaker"} (${q.quote.kind}, ${q.quote.cue || "no cue"})` }, node);
    body.append(node);
  }
  const links = (d.links || []).map((l) =>
    l.article.id === a.id
      ? el("li", {}, `${l.kind} of `, el("a", { href: "#/article/" + encodeURIComponent(l.original.id) }, l.original.id), ` (${l.similarity})`)
      : el("li", {}, "copied by ", el("a", { href: "#/article/" + encodeURIComponent(l.article.id) }, l.article.id), ` (${l.kind}, ${l.similarity})`));
  const people = (a.entities || []).filter((e) => e.type === "person");
  view.replaceChildren(
    el("article", { class: "article" },
      el("h1", {}, a.title || "(no headline)"),
      el("dl", { class: "meta" },
        el("dt", {}, "Published"), el("dd", {}, a.published || "undated", a.published_basis ? el("span", { class: "muted" }, ` — ${a.published_basis}`) : null),
        el("dt", {}, "Outlet"), el("dd", {}, a.outlet || "unknown"),
        a.authors && a.authors.length ? [el("dt", {}, "By"), el("dd", {}, a.authors.join(", "))] : null,
        a.url ? [el("dt", {}, "URL"), el("dd", {}, safeHref(a.url) ? el("a", { href: a.url }, a.url) : a.url)] : null,
        d.story !== null && d.story !== undefined ? [el("dt", {}, "Story"), el("dd", {}, el("a", { href: "#/story/" + d.story }, "story " + d.story))] : null,
        links.length ? [el("dt", {}, "Copies"), el("dd", {}, el("ul", {}, links))] : null),
      a.lead ? el("p", { class: "lead" }, a.lead) : null,
      body,
      people.length ? el("section", {}, el("h2", {}, "People"), el("ul", { class: "inline" }, people.map((p) => el("li", {}, el("a", { href: "#/person/" + encodeURIComponent(p.name) }, p.name))))) : null));
  view.focus({ preventScroll: true });
}

async function personPage(name) {
  const d = await api("/api/entities/" + encodeURIComponent(name));
  const quotes = d.quotes.slice().sort((x, y) => (x.published || "").localeCompare(y.published || ""));
  view.replaceChildren(
    el("section", { class: "person" },
      el("h1", {}, d.entity.name),
      el("p", { class: "muted" }, `${d.entity.type} · ${d.entity.articles} articles · ${d.entity.mentions} mentions`),
      d.aliases.length ? el("p", {}, "Written as: ", d.aliases.map(([a, n]) => `${a} (${n})`).join(", ")) : null,
      d.roles && d.roles.length ? el("p", {}, "Roles: ", d.roles.map(([r, n]) => `${r} (${n})`).join(", ")) : null,
      d.mentions_per_day.length ? chart(d.mentions_per_day, "Articles mentioning them per day") : null,
      d.statements.length ? el("section", {}, el("h2", {}, "Statements carried by several articles"),
        el("ul", {}, d.statements.map((s) => {
          const first = s.reports[0] || {};
          return el("li", {}, el("q", {}, s.text), ` — ${s.reports.length} reports, first `,
            el("a", { href: "#/article/" + encodeURIComponent(first.article || "") }, `${first.outlet || "unknown outlet"}, ${day(first.published)}`));
        }))) : null,
      el("h2", {}, `Quotations (${quotes.length})`),
      el("ol", { class: "quotes" }, quotes.map((q) =>
        el("li", {}, el("q", {}, q.text),
          el("div", { class: "meta" }, day(q.published), " · ", q.outlet || "unknown outlet", q.via ? ` · via ${q.via}` : "", " · ",
            el("a", { href: "#/article/" + encodeURIComponent(q.article) }, q.title || "the article"))))),
      d.articles.length ? el("section", {}, el("h2", {}, `Articles (${d.entity.articles})`),
        el("ol", {}, d.articles.map((a) => el("li", {}, el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || "(no headline)"),
          el("span", { class: "meta" }, ` · ${day(a.published)} · ${a.outlet || "unknown outlet"}`))))) : null,
      d.co_occurring.length ? el("section", {}, el("h2", {}, "Named with"), el("ul", { class: "inline" }, d.co_occurring.map(([n, c]) => el("li", {}, `${n} (${c})`)))) : null));
  view.focus({ preventScroll: true });
}

async function storyPage(id) {
  const s = await api("/api/stories/" + encodeURIComponent(id));
  const independent = new Set(s.independent_sources);
  view.replaceChildren(
    el("section", { class: "story" },
      el("h1", {}, `Story ${s.id}: ${s.label}`),
      el("p", { class: "muted" }, `${day(s.first_seen)} to ${day(s.last_seen)} · ${s.articles.length} articles · ${s.independent_sources.length} independent sources of ${s.outlets.length} outlets`),
      el("h2", {}, "Articles"),
      el("ol", { class: "timeline" }, s.articles.map((a, i) =>
        el("li", {}, el("span", { class: "when" }, day(a.published)), " ",
          el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || "(no headline)"),
          " · ", a.outlet || "unknown outlet",
          a.copy_of ? el("span", { class: "tag" }, "copy") : a.outlet && independent.has(a.outlet) ? el("span", { class: "tag ok" }, "independent") : null,
          i === 0 ? el("span", { class: "tag first" }, "first report") : null))),
      el("h2", {}, "Statements"),
      el("ol", { class: "timeline" }, s.timeline.map((t) =>
        el("li", {}, el("span", { class: "when" }, day(t.published)), " ",
          t.speaker ? el("a", { href: "#/person/" + encodeURIComponent(t.speaker) }, t.speaker) : "unknown speaker", ": ", el("q", {}, t.text),
          " ", el("a", { href: "#/article/" + encodeURIComponent(t.article) }, t.outlet || "article"),
          t.first ? el("span", { class: "tag first" }, "first") : null)))));
  view.focus({ preventScroll: true });
}

window.addEventListener("hashchange", route);
route();
