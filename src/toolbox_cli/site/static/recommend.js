// The questionnaire: the answers are in the address (the command line's names), the form
// shows them, and the plan is the project's own engine's, run by Pyodide in the browser
// (toolbox_cli.cli.web). No second implementation of the advice lives here: this is glue.
"use strict";
(function () {
  var here = document.documentElement.lang;
  var wanted = new URLSearchParams(location.search).get("lang");
  if (wanted && wanted !== here && (wanted === "fr" || wanted === "en")) {
    location.replace("recommend" + (wanted === "en" ? ".en" : "") + ".html" + location.search);
    return;
  }
  var form = document.getElementById("answers");
  var status = document.getElementById("status");
  var plan = document.getElementById("plan");
  var switcher = document.querySelector(".lang-switch");
  var base = switcher ? switcher.getAttribute("href").split("?")[0] : "";

  function showAnswers(search) {
    var params = new URLSearchParams(search);
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      var values = params.getAll(input.name);
      if (input.type === "radio" && !values.length) {
        input.checked = input.value === "" || false;
      } else {
        input.checked = values.indexOf(input.value) >= 0;
      }
    });
    if (switcher) {
      params.set("lang", here === "fr" ? "en" : "fr");
      switcher.setAttribute("href", base + "?" + params);
    }
  }
  function asked(search) {
    var params = new URLSearchParams(search);
    return ["actor", "maturity", "goal"].some(function (name) { return params.has(name); });
  }
  showAnswers(location.search);
  if (plan.getAttribute("data-live") !== "1") return;

  function say(text, kind) {
    status.hidden = !text;
    status.className = "status" + (kind ? " " + kind : "");
    status.textContent = text || "";
  }
  function text(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    });
  }
  function bytes(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  }
  // The runtime is loaded when the page opens: the engine's modules, then the catalogue.
  var ready = loadPyodide({ indexURL: "pyodide/" }).then(function (pyodide) {
    return text("py/files.json").then(function (listed) {
      return Promise.all(JSON.parse(listed).map(function (name) {
        // A compiled catalogue (.mo) is bytes; a module is text.
        var binary = /\.mo$/.test(name);
        return (binary ? bytes("py/" + name) : text("py/" + name)).then(function (content) {
          var path = "/home/pyodide/site-py/" + name;
          pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
          pyodide.FS.writeFile(path, content);
        });
      }));
    }).then(function () { return text("data/catalogue.json"); }).then(function (catalogue) {
      pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/site-py')");
      var web = pyodide.pyimport("toolbox_cli.cli.web");
      return function (search) { return JSON.parse(web.page_json(catalogue, search)); };
    });
  });

  function compute(search, focus) {
    if (!asked(search)) { say(""); plan.innerHTML = ""; return Promise.resolve(); }
    say(status.getAttribute("data-computing"));
    document.body.setAttribute("aria-busy", "true");
    document.body.setAttribute("data-plan", "computing");
    return ready.then(function (run) {
      var result = run(search);
      plan.innerHTML = result.html; // built by the one escaping renderer (render.html)
      plan.setAttribute("data-ids", result.ids.join(" "));
      if (result.error.length) {
        say(result.error.join(" "), "error");
      } else if (result.missing.length) {
        say(status.getAttribute("data-missing") + " " + result.missing.join(", "));
      } else {
        say("");
        var heading = plan.querySelector("h2");
        if (heading && focus) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      }
      document.body.setAttribute("data-plan", "ready");
    }).catch(function (error) {
      say(status.getAttribute("data-failed") + " " + error, "error");
      document.body.setAttribute("data-plan", "failed");
    }).finally(function () { document.body.removeAttribute("aria-busy"); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // the same address a plain submit would give, without a reload
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value) query.append(name, value); });
    var search = "?" + query;
    history.pushState(null, "", search);
    showAnswers(search);
    compute(search, true);
  });
  window.addEventListener("popstate", function () {
    showAnswers(location.search);
    compute(location.search, false);
  });
  if (asked(location.search)) { compute(location.search, false); } else { say(""); }
})();
