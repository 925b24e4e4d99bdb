// Search page: queries digest's search index (search/, see src/render/search.rs) in the
// browser. Reads ?q= and ?region= from the URL and keeps them there, so a search can be
// linked and shared.
//
// The index is of Chinese character bigrams and Latin words, split into shards; a query
// loads only the shards of its tokens. Text and queries are folded to one script character
// by character, so either script finds articles in both editions. Results are shown ten at
// a time (headline, date, regions and the summary around the first match, matches marked),
// from the texts the index keeps for each edition: no article page is fetched.
// Text functions the index (src/render/search.rs) and this script must agree on: folding,
// tokens, shards. tests/search_parity.rs runs them in Node against Rust's results.
var digestSearchText = (function () {
  "use strict";
  // As Fold in search.rs: ASCII case, full-width ASCII, then the Traditional→Simplified table.
  function foldChar(c, table) {
    var code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
    if (c.length === 1 && c < "\u0080") return c.toLowerCase();
    return table.get(c) || c;
  }

  function foldText(text, table) {
    return Array.from(text, function (c) { return foldChar(c, table); }).join("");
  }

  // As is_han in clean/punctuation.rs.
  function isHan(c) {
    var code = c.codePointAt(0);
    return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x3134f);
  }

  function isWordChar(c) {
    return /^[a-z0-9]$/.test(c);
  }

  // As tokens() in search.rs: bigrams of adjacent Han characters (a lone one is a token),
  // runs of ASCII letters and digits.
  function tokens(folded) {
    var out = [];
    var han = [];
    var word = "";
    function flushHan() {
      if (han.length === 1) out.push(han[0]);
      for (var i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
      han = [];
    }
    function flushWord() {
      if (word) out.push(word);
      word = "";
    }
    Array.from(folded).forEach(function (c) {
      if (isHan(c)) {
        flushWord();
        han.push(c);
      } else if (isWordChar(c)) {
        flushHan();
        word += c;
      } else {
        flushHan();
        flushWord();
      }
    });
    flushHan();
    flushWord();
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  // FNV-1a, 32 bits, over UTF-8: as shard_of in search.rs.
  function shardOf(token, shards) {
    var hash = 0x811c9dc5;
    new TextEncoder().encode(token).forEach(function (byte) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    });
    return hash % shards;
  }

  // Documents matching the query's tokens, best first, as [{doc, matched, score}].
  // `postings(token)` gives a promise of a Map document number → weight; `meta` is the
  // index's meta.json. A lone character that abbreviates a region (沪, 京) stands for that
  // region's articles. A token no article holds cannot be meant (海专 in 上海专利, where two
  // words meet) and is left out; of the rest, a document must hold all when there are one
  // or two, else at least two in three. Documents holding more of the query come first:
  // as the tokens are overlapping bigrams, a document where the query's words stand
  // together (a phrase) holds the bigrams across their boundary too, so phrases rank
  // above scattered words. Then by the sum over tokens of idf × (1 + weight); ties go to
  // the newer article (lower number). Only documents in the chosen region (`regionToken`)
  // and year (`year`, a key of meta.years), if given.
  async function rank(toks, meta, postings, regionToken, year) {
    var words = toks.map(function (t) {
      var region = Object.prototype.hasOwnProperty.call(meta.regions, t) ? meta.regions[t] : null;
      return Array.from(t).length === 1 && region ? region : t;
    });
    var lists = (await Promise.all(words.map(postings))).filter(function (l) { return l.size > 0; });
    var filter = regionToken ? await postings(regionToken) : null;
    var span = year && meta.years && meta.years[year] ? meta.years[year] : null;
    if (lists.length === 0) return [];
    var need = lists.length <= 2 ? lists.length : Math.ceil(lists.length * 2 / 3);
    var n = meta.documents;
    var found = new Map(); // doc → { matched, score }
    lists.forEach(function (list) {
      var df = list.size;
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      list.forEach(function (weight, doc) {
        if (filter && !filter.has(doc)) return;
        if (span && (doc < span[0] || doc > span[1])) return;
        var hit = found.get(doc) || { doc: doc, matched: 0, score: 0 };
        hit.matched += 1;
        hit.score += idf * (1 + weight);
        found.set(doc, hit);
      });
    });
    var hits = Array.from(found.values()).filter(function (h) { return h.matched >= need; });
    hits.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
    });
    return hits;
  }

  // Where an excerpt of about `length` characters around position `at` of `chars` starts
  // and ends: moved (a little) to the nearest punctuation or space, so that it does not
  // cut a word (知识产…).
  function excerptSpan(chars, at, length) {
    var breaks = /[\s，。、；：！？,.;:!?（）()《》“”「」]/;
    var start = Math.max(0, at - 30);
    // Back to just after a break, if one is near.
    for (var i = start; i > 0 && i >= start - 12; i--) {
      if (breaks.test(chars[i - 1])) { start = i; break; }
    }
    var end = Math.min(chars.length, start + length);
    for (var j = end; j < chars.length && j < end + 12; j++) {
      if (breaks.test(chars[j])) { end = j + 1; break; }
    }
    return [start, Math.min(chars.length, end)];
  }

  return {
    foldChar: foldChar, foldText: foldText, tokens: tokens, shardOf: shardOf,
    rank: rank, excerptSpan: excerptSpan
  };
})();
if (typeof module === "object" && module.exports) module.exports = digestSearchText;

(function (text) {
  "use strict";
  if (typeof document === "undefined") return;
  var root = document.getElementById("search");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var region = root.querySelector("select[name=region]");
  var yearSelect = root.querySelector("select[name=year]");
  var sort = root.querySelector("select[name=sort]");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  region.value = params.get("region") || "";
  if (sort) sort.value = params.get("sort") === "date" ? "date" : "";
  var wantedYear = params.get("year") || "";
  var index = new URL(root.dataset.index, location.href);
  var site = new URL(root.dataset.root, location.href);
  var PAGE = 10;
  var FORMAT = 2;
  var meta = null;
  var fold = new Map();
  var cache = new Map(); // fetched JSON by path
  var latest = 0;
  var shown = null; // { ticket, hits, next, terms }

  function json(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, index)).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      }));
    }
    return cache.get(path);
  }

  function foldChar(c) { return text.foldChar(c, fold); }
  function foldText(t) { return text.foldText(t, fold); }
  var tokens = text.tokens;
  function shardOf(token) { return text.shardOf(token, meta.shards); }

  // A token's postings as a Map of document number → weight, or an empty Map.
  function postings(token) {
    return json("shards/" + shardOf(token) + ".json").then(function (shard) {
      var found = new Map();
      var list = Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : [];
      var doc = 0;
      list.forEach(function (value) {
        doc += Math.floor(value / 8);
        found.set(doc, value % 8);
      });
      return found;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function remember(q, r, s, y) {
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    if (r) url.searchParams.set("region", r); else url.searchParams.delete("region");
    if (s) url.searchParams.set("sort", s); else url.searchParams.delete("sort");
    if (y) url.searchParams.set("year", y); else url.searchParams.delete("year");
    history.replaceState(null, "", url);
  }

  async function run() {
    var q = input.value.trim();
    var r = region.value;
    var s = sort ? sort.value : "";
    var y = yearSelect ? yearSelect.value : "";
    remember(q, r, s, y);
    var ticket = ++latest;
    list.replaceChildren();
    more.hidden = true;
    if (!q) {
      status.textContent = "";
      return;
    }
    if (!meta) return;
    var folded = foldText(q);
    var toks = tokens(folded);
    var regionToken = r ? meta.regions[foldText(r)] : null;
    var hits = toks.length ? await text.rank(toks, meta, postings, regionToken, y) : [];
    if (ticket !== latest) return;
    // Documents are numbered newest first.
    if (s === "date") hits.sort(function (a, b) { return a.doc - b.doc; });
    // A label may give the forms for one and for other numbers, split by "|".
    const forms = root.dataset.count.split("|");
    const form = hits.length === 1 || forms.length === 1 ? forms[0] : forms[1];
    status.textContent = hits.length
      ? form.replace("{n}", String(hits.length))
      : form.replace("{n}", "0") + " " + root.dataset.none;
    var terms = folded.split(/\s+/).filter(Boolean);
    shown = { ticket: ticket, hits: hits, next: 0, terms: terms };
    await showMore();
  }

  async function showMore() {
    var batch = shown;
    var slice = batch.hits.slice(batch.next, batch.next + PAGE);
    batch.next += slice.length;
    more.hidden = true;
    var items = await Promise.all(slice.map(function (hit) { return result(hit.doc, batch.terms); }));
    if (batch.ticket !== latest) return;
    items.forEach(function (item) { if (item) list.appendChild(item); });
    more.hidden = batch.next >= batch.hits.length;
  }

  // One result, from the index's texts in this edition (no article page is fetched).
  async function result(doc, terms) {
    var chunk = Math.floor(doc / meta.chunk);
    var docs = await json(root.dataset.docs + chunk + ".json");
    var entry = docs[doc - chunk * meta.chunk];
    if (!entry || typeof entry.s !== "string") return null;
    var href = new URL("articles/" + encodeURIComponent(entry.s) + ".html", site).href;
    var item = element("li", "search-result");
    var heading = element("h2", "search-result-title");
    var link = element("a", "");
    link.appendChild(excerptOf(entry.t, terms, true));
    link.href = href;
    heading.appendChild(link);
    item.appendChild(heading);
    var meta_ = element("p", "entry-meta");
    meta_.appendChild(element("time", "", entry.d));
    (entry.r || []).forEach(function (name) {
      meta_.appendChild(element("span", "badge", name));
    });
    item.appendChild(meta_);
    if (entry.x) {
      var excerpt = element("p", "search-excerpt");
      excerpt.appendChild(excerptOf(entry.x, terms, false));
      item.appendChild(excerpt);
    }
    return item;
  }

  // About 80 characters of `source` around the first match of a term (or of its first
  // token), or all of it when `whole`, with every match marked. Built from text nodes and <mark> only: article text
  // can hold markup-like text, which must stay text.
  function excerptOf(source, terms, whole) {
    var chars = Array.from(source);
    var folded = chars.map(foldChar).join("");
    var needles = terms.slice();
    terms.forEach(function (term) { needles = needles.concat(tokens(term)); });
    needles = needles.filter(function (n, i) { return n && needles.indexOf(n) === i; });
    needles.sort(function (a, b) { return b.length - a.length; });
    // Folding maps a character to one character, so positions in `folded` (in UTF-16
    // units) map back through the code point arrays.
    var foldedChars = Array.from(folded);
    var at = -1;
    for (var i = 0; i < needles.length && at < 0; i++) at = indexIn(foldedChars, needles[i], 0);
    var span = whole ? [0, chars.length] : text.excerptSpan(chars, at < 0 ? 0 : at, 80);
    var start = span[0];
    var end = span[1];
    var out = document.createDocumentFragment();
    if (start > 0) out.appendChild(document.createTextNode("…"));
    var pos = start;
    while (pos < end) {
      var next = -1;
      var length = 0;
      for (var j = 0; j < needles.length; j++) {
        var found = indexIn(foldedChars, needles[j], pos);
        if (found >= 0 && found < end && (next < 0 || found < next)) {
          next = found;
          length = Array.from(needles[j]).length;
        }
      }
      if (next < 0) {
        out.appendChild(document.createTextNode(chars.slice(pos, end).join("")));
        break;
      }
      if (next > pos) out.appendChild(document.createTextNode(chars.slice(pos, next).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(next, Math.min(end, next + length)).join("");
      out.appendChild(mark);
      pos = next + length;
    }
    if (end < chars.length) out.appendChild(document.createTextNode("…"));
    return out;
  }

  // The index of `needle` in an array of characters, from `from`, or -1.
  function indexIn(chars, needle, from) {
    var want = Array.from(needle);
    outer: for (var i = from; i + want.length <= chars.length; i++) {
      for (var k = 0; k < want.length; k++) if (chars[i + k] !== want[k]) continue outer;
      return i;
    }
    return -1;
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  region.addEventListener("change", run);
  if (sort) sort.addEventListener("change", run);
  if (yearSelect) yearSelect.addEventListener("change", run);
  more.addEventListener("click", function () { if (shown) showMore(); });

  Promise.all([json("meta.json"), json("fold.json")])
    .then(function (loaded) {
      if (loaded[0].format !== FORMAT) throw new Error("search index format " + loaded[0].format);
      meta = loaded[0];
      // The years the index holds, newest first, as choices.
      if (yearSelect && meta.years) {
        Object.keys(meta.years).sort().reverse().forEach(function (year) {
          var option = document.createElement("option");
          option.value = year;
          option.textContent = year;
          yearSelect.appendChild(option);
        });
        yearSelect.value = Object.prototype.hasOwnProperty.call(meta.years, wantedYear) ? wantedYear : "";
        yearSelect.hidden = false;
      }
      var from = Array.from(loaded[1].from);
      var to = Array.from(loaded[1].to);
      from.forEach(function (c, i) { fold.set(c, to[i]); });
      return run();
    })
    .catch(function () { status.textContent = root.dataset.unavailable; });
})(digestSearchText);
