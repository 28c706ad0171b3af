/* Search on the static copy of the site: the page's ?q= is looked up in the language's index
   (data-index: [{t: title, s: summary, u: address, k: type, d: date}]). Every word of the query must
   appear in the title or the summary; Chinese needs no word breaks (a substring match). Results are
   built with textContent only. */
(function () {
  "use strict";
  var MAX_RESULTS = 50;

  function normalise(text) {
    return String(text || "").normalize ? String(text || "").normalize("NFKC").toLowerCase() : String(text || "").toLowerCase();
  }

  function score(entry, words) {
    var title = normalise(entry.t);
    var text = title + " " + normalise(entry.s) + " " + normalise(entry.k);
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) === -1) {
        return 0;
      }
      total += title.indexOf(words[i]) !== -1 ? 3 : 1;
    }
    return total;
  }

  function show(box, query, pages) {
    var summary = box.querySelector(".search-summary");
    var list = box.querySelector(".search-hit-list");
    var words = normalise(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) {
      summary.textContent = "";
      return;
    }
    var hits = [];
    pages.forEach(function (entry) {
      var value = score(entry, words);
      if (value) {
        hits.push({ entry: entry, value: value });
      }
    });
    hits.sort(function (a, b) {
      return b.value - a.value || String(b.entry.d || "").localeCompare(String(a.entry.d || ""));
    });
    if (!hits.length) {
      summary.textContent = box.getAttribute("data-summary-none");
      return;
    }
    summary.textContent =
      hits.length === 1
        ? box.getAttribute("data-summary-one")
        : box.getAttribute("data-summary-many").replace("{count}", String(hits.length));
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      item.className = "search-hit";
      heading.className = "search-hit-title";
      link.href = hit.entry.u;
      link.textContent = hit.entry.t;
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = [hit.entry.k, hit.entry.d].filter(Boolean).join(" · ");
      item.appendChild(meta);
      if (hit.entry.s) {
        var snippet = document.createElement("p");
        snippet.className = "search-hit-snippet";
        snippet.textContent = hit.entry.s;
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
  }

  function init() {
    var box = document.getElementById("static-search");
    if (!box) {
      return;
    }
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var input = document.getElementById("search-page-q");
    if (input) {
      input.value = query;
    }
    if (!query.trim()) {
      return;
    }
    fetch(box.getAttribute("data-index"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        show(box, query.slice(0, 200), data.pages || []);
      })
      .catch(function () {
        box.querySelector(".search-summary").textContent = box.getAttribute("data-unavailable");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
