// Search page: queries the Pagefind index in the browser. Reads ?q= and ?region= from the
// URL and keeps them there, so a search can be linked and shared.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var region = root.querySelector("select[name=region]");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  region.value = params.get("region") || "";
  var pagefind = null;
  var latest = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function remember(q, r) {
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    if (r) url.searchParams.set("region", r); else url.searchParams.delete("region");
    history.replaceState(null, "", url);
  }

  async function run() {
    var q = input.value.trim();
    var r = region.value;
    remember(q, r);
    var ticket = ++latest;
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    if (!pagefind) return;
    var search = await pagefind.search(q, r ? { filters: { region: r } } : {});
    if (ticket !== latest || !search) return;
    var data = await Promise.all(search.results.slice(0, 50).map(function (hit) { return hit.data(); }));
    if (ticket !== latest) return;
    status.textContent = root.dataset.count.replace("{n}", String(search.results.length));
    list.replaceChildren.apply(list, data.map(function (d) {
      var item = element("li", "search-result");
      var heading = element("h2", "search-result-title");
      var link = element("a", "", d.meta.title || d.url);
      link.href = d.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = element("p", "entry-meta");
      if (d.meta.date) meta.appendChild(element("time", "", d.meta.date));
      var regions = (d.filters && d.filters.region) || [];
      regions.forEach(function (name) { meta.appendChild(element("span", "badge", name)); });
      item.appendChild(meta);
      var excerpt = element("p", "search-excerpt");
      excerpt.appendChild(markedText(d.excerpt));
      item.appendChild(excerpt);
      return item;
    }));
  }

  // Pagefind's excerpt is HTML: the page's text with the matches in <mark>. The page text
  // can hold markup-like text from a scraped article (an escaped "<img onerror=…>"), so the
  // excerpt is parsed in an inert document and rebuilt from its text and <mark>s only:
  // nothing else from it reaches the page.
  function markedText(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createDocumentFragment();
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          var mark = document.createElement("mark");
          copy(node, mark);
          to.appendChild(mark);
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName !== "SCRIPT" && node.tagName !== "STYLE") {
          copy(node, to);
        }
      });
    })(parsed, out);
    return out;
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  region.addEventListener("change", run);

  import(new URL(root.dataset.bundle + "pagefind.js", location.href).href)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: 40 });
    })
    .then(function () { return run(); })
    .catch(function () { status.textContent = root.dataset.unavailable; });
})();
