// The site's glue, nothing more: the list's search and filters live (they work without
// it: CSS hides what a filter leaves out, the browser's find searches), and the service
// worker that keeps the site for offline use once it has been visited over HTTP.
"use strict";
(function () {
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    var root = document.querySelector('link[rel="stylesheet"]').getAttribute("href")
      .replace(/assets\/site\.css$/, "");
    navigator.serviceWorker.register(root + "sw.js").catch(function () {});
  }
  var list = document.querySelector(".cards-list");
  if (!list) return;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var search = document.getElementById("q");
  var none = document.getElementById("none");
  var params = new URLSearchParams(location.search);
  if (params.get("q")) search.value = params.get("q");
  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var chosen = {};
    document.querySelectorAll(".filters input:checked").forEach(function (input) {
      if (input.value) chosen[input.name] = input.value;
    });
    var shown = 0;
    list.querySelectorAll(":scope > li").forEach(function (item) {
      var text = fold(item.getAttribute("data-words") || "");
      var keep = words.every(function (word) { return text.indexOf(word) >= 0; });
      Object.keys(chosen).forEach(function (name) {
        if (!item.classList.contains(name + "-" + chosen[name])) keep = false;
      });
      item.style.display = keep ? "" : "none";
      if (keep) shown += 1;
    });
    none.hidden = shown > 0;
  }
  search.addEventListener("input", apply);
  search.form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  document.querySelectorAll(".filters input").forEach(function (input) {
    input.addEventListener("change", apply);
  });
  apply();
})();
