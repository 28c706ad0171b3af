/* The static site's search page when the search is served by the dynamic site: go there, keeping this
   address's query and fragment (?q=…), to the link marked a[data-search-target]. Without this script a
   <noscript> refresh goes to the search page there, without the query. */
(function () {
  "use strict";
  function go() {
    var link = document.querySelector("a[data-search-target]");
    if (link) {
      window.location.replace(link.href + window.location.search + window.location.hash);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", go);
  } else {
    go();
  }
})();
