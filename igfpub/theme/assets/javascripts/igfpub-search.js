// igfpub's search page: runs the reader's query against Pagefind's index of the page's
// language (Pagefind picks it from <html lang>). Nothing is downloaded before the first
// query; each query then fetches only the index chunks and result fragments it needs.
// The form is a plain GET form, so the query is in the URL and the page can be shared.

const form = document.querySelector("form[data-igf-search]");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("igf-search-status");
const list = document.getElementById("igf-search-results");
const text = form.dataset;
const PAGE = 10; // results shown per step: each costs one fragment download

let pagefind = null; // a promise of Pagefind, its index parts merged
let results = [];
let shown = 0;
let latest = 0; // the query whose answer may still be shown; older answers are dropped

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

// A large archive's index comes in parts, one per year of sessions (parts.json lists
// them by Pagefind's language key): each is merged into the queries, on the WebAssembly
// of the main index.
async function load() {
  const base = new URL(text.pagefind, document.baseURI);
  const [module, parts] = await Promise.all([
    import(base.href),
    fetch(new URL("parts.json", base)).then((r) => (r.ok ? r.json() : {})),
  ]);
  const options = { excerptLength: 24 };
  await module.options(options);
  const lang = (document.documentElement.lang || "unknown").toLowerCase();
  await Promise.all(
    (parts[lang] || []).map((part) => module.mergeIndex(new URL(`parts/${part}/`, base).href, options)),
  );
  return module;
}

function engine() {
  pagefind ??= load().catch((error) => {
    pagefind = null; // a later query tries again
    throw error;
  });
  return pagefind;
}

// Excerpts are page text with <mark> around the matched words. They are rebuilt from text
// nodes and <mark> elements only, so nothing else from the index can become markup.
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "igf-search__excerpt";
  html.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const mark = part.match(/^<mark>(.*)<\/mark>$/);
    const node = mark ? document.createElement("mark") : null;
    const raw = document.createElement("textarea");
    raw.innerHTML = mark ? mark[1] : part; // decodes entities without running anything
    if (node) {
      node.textContent = raw.value;
      p.append(node);
    } else {
      p.append(raw.value);
    }
  });
  return p;
}

// The writing direction of a language, where the browser knows it.
function direction(lang) {
  try {
    const locale = new Intl.Locale(lang);
    return (locale.getTextInfo?.() ?? locale.textInfo)?.direction || "auto";
  } catch {
    return "auto";
  }
}

function item(data) {
  const li = document.createElement("li");
  li.className = "igf-search__result";
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta?.title || data.url;
  // A title in another language than the page's (a page shown in English in its place)
  // is marked as such, as the page marks it (Shown.heading_attrs in igfpub/core/present.py).
  const [titleLang] = data.filters?.title_lang || [];
  if (titleLang) {
    a.lang = titleLang;
    a.dir = direction(titleLang);
  }
  const title = document.createElement("p");
  title.className = "igf-search__title";
  title.append(a);
  li.append(title, excerpt(data.excerpt || ""));
  return li;
}

async function showMore(query) {
  const batch = results.slice(shown, shown + PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (query !== latest) return;
  data.forEach((d) => list.append(item(d)));
  shown += batch.length;
  document.querySelector(".igf-search__more")?.remove();
  if (shown < results.length) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button igf-search__more";
    more.textContent = text.more;
    more.addEventListener("click", async () => {
      const next = shown;
      await showMore(query);
      // Keyboard readers go on from the first new result, not from the top of the list.
      list.children[next]?.querySelector("a")?.focus();
    });
    list.after(more);
  }
}

async function run(q) {
  const query = ++latest;
  const words = q.trim();
  list.replaceChildren();
  document.querySelector(".igf-search__more")?.remove();
  results = [];
  shown = 0;
  if (!words) {
    status.textContent = "";
    return;
  }
  status.textContent = text.searching;
  list.setAttribute("aria-busy", "true");
  try {
    const found = await (await engine()).search(words);
    if (query !== latest) return;
    results = found.results;
    await showMore(query);
    if (query !== latest) return;
    // Announced (role=status) once the results it counts are on the page.
    status.textContent = say(results.length ? text.found : text.none, {
      query: words,
      total: results.length.toLocaleString(document.documentElement.lang),
    });
  } catch (error) {
    if (query !== latest) return;
    status.textContent = text.failed;
    console.error(error);
  }
  list.setAttribute("aria-busy", "false");
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

const params = new URLSearchParams(location.search);
const initial = params.get("q") || "";
input.value = initial;
if (initial.trim()) {
  run(initial);
} else if (params.has("q")) {
  // Sent here by the header's search button (narrow screens show no field there): the
  // reader wants to type. A plain visit keeps focus at the top of the page.
  input.focus();
}
