// The questionnaire: the answers are in the address (the command line's names), the form
// shows them, and the plan is the project's own engine's, run by Pyodide in the browser
// (toolbox_cli.cli.web). No second implementation of the advice lives here.
"use strict";
(function () {
  var params = new URLSearchParams(location.search);
  var here = document.documentElement.lang;
  var wanted = params.get("lang");
  if (wanted && wanted !== here && (wanted === "fr" || wanted === "en")) {
    location.replace("recommend" + (wanted === "en" ? ".en" : "") + ".html" + location.search);
    return;
  }
  var form = document.getElementById("answers");
  var status = document.getElementById("status");
  var plan = document.getElementById("plan");
  params.forEach(function (value, name) {
    form.querySelectorAll('input[name="' + CSS.escape(name) + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && input.value === value) {
        input.checked = true;
      }
    });
  });
  var switcher = document.querySelector(".lang-switch");
  if (switcher && location.search) {
    var other = new URLSearchParams(location.search);
    other.set("lang", here === "fr" ? "en" : "fr");
    switcher.setAttribute("href", switcher.getAttribute("href").split("?")[0] + "?" + other);
  }
  if (plan.getAttribute("data-live") !== "1") return;
  var asked = ["actor", "maturity", "goal"].some(function (name) { return params.has(name); });
  if (!asked) { status.hidden = true; return; }
  status.textContent = status.getAttribute("data-computing") || document.body.getAttribute("data-computing");
  document.body.setAttribute("aria-busy", "true");
  function text(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    });
  }
  loadPyodide({ indexURL: "pyodide/", fullStdLib: false }).then(function (pyodide) {
    return text("py/files.json").then(function (listed) {
      var names = JSON.parse(listed);
      return Promise.all(names.map(function (name) {
        return text("py/" + name).then(function (source) {
          var path = "/home/pyodide/site-py/" + name;
          pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
          pyodide.FS.writeFile(path, source);
        });
      }));
    }).then(function () { return text("data/catalogue.json"); }).then(function (catalogue) {
      pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/site-py')");
      var web = pyodide.pyimport("toolbox_cli.cli.web");
      var result = JSON.parse(web.page_json(catalogue, location.search));
      if (result.error.length) {
        status.className = "status error";
        status.textContent = result.error.join(" ");
      } else if (result.missing.length) {
        status.textContent = status.getAttribute("data-missing") + " " + result.missing.join(", ");
      } else {
        status.hidden = true;
        plan.innerHTML = result.html; // built by the one escaping renderer (render.html)
        plan.setAttribute("data-ids", result.ids.join(" "));
        var heading = plan.querySelector("h2");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      }
      document.body.setAttribute("data-plan", "ready");
    });
  }).catch(function (error) {
    status.className = "status error";
    status.textContent = status.getAttribute("data-failed") + " " + error;
    document.body.setAttribute("data-plan", "failed");
  }).finally(function () { document.body.removeAttribute("aria-busy"); });
})();
