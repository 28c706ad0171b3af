/* The static site's / page: go to the language the browser prefers among the links on the page
   (a[data-language]); without this script a <noscript> refresh leads to the default language. */
(function () {
  "use strict";
  var links;
  function choose() {
    links = document.querySelectorAll("a[data-language]");
    if (!links.length) {
      return false;
    }
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
    for (var i = 0; i < wanted.length; i++) {
      var tag = String(wanted[i] || "").toLowerCase();
      for (var j = 0; j < links.length; j++) {
        var code = links[j].getAttribute("data-language");
        var base = code.split("-")[0];
        if (tag === code || tag.split("-")[0] === base) {
          window.location.replace(links[j].href);
          return true;
        }
      }
    }
    window.location.replace(links[0].href);
    return true;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", choose);
  } else {
    choose();
  }
})();
