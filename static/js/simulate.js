// « Simuler » (templates/reports/includes/_simulation.html): each changed answer is sent to the
// server, which scores the stored answers with the changes over them and stores nothing; the
// page's notes, gauge, tables and radars then show the simulated notes, until the reset.
(function () {
  "use strict";
  const panel = document.getElementById("simulation");
  const texts = JSON.parse(document.getElementById("simulation-texts").textContent);
  const form = document.getElementById("simulation-form");
  const selects = Array.from(form.querySelectorAll("select"));
  const status = document.getElementById("simulation-status");
  const banner = document.getElementById("simulation-banner");
  const planButton = document.getElementById("simulation-plan");
  const gauge = document.getElementById("factor-gauge");
  const gaugeSvg = document.getElementById("factor-svg");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const savedRadars = JSON.parse(document.getElementById("radar-data").textContent);
  // The panel's questions are the same for every cluster; the stored answers come apart.
  const savedAnswers = JSON.parse(document.getElementById("simulation-saved").textContent);
  selects.forEach(function (select) { select.dataset.saved = savedAnswers[select.name] || ""; });

  // The page as the server drew it from the stored answers, to come back to.
  const saved = { notes: {}, width: gauge.getAttribute("width"), label: gaugeSvg.getAttribute("aria-label"),
                  status: status.textContent };
  document.querySelectorAll("[data-note]").forEach(function (element) {
    saved.notes[element.dataset.note] = element.textContent;
  });

  // A non-modal dialog: the page stays readable and scrollable beside it, its notes moving.
  // Without a backdrop Bootstrap moves no focus into it, yet calls it modal: the focus goes in
  // here and the modal claim goes. Escape and the focus back on « Simuler » are Bootstrap's.
  panel.addEventListener("shown.bs.offcanvas", function () {
    panel.removeAttribute("aria-modal");
    panel.focus();
  });

  let timer = null;
  let sent = 0;  // answers to older requests, arriving late, are dropped

  function changes() {
    const found = {};
    selects.forEach(function (select) {
      if (select.value !== select.dataset.saved) { found[select.name] = select.value; }
    });
    return found;
  }

  // `radars`: the simulated series, drawn over the saved shape; null for the saved page.
  function show(notes, radars, width, label) {
    document.querySelectorAll("[data-note]").forEach(function (element) {
      const text = notes[element.dataset.note];
      if (text !== undefined) { element.textContent = text; }
    });
    gauge.setAttribute("width", width);
    gaugeSvg.setAttribute("aria-label", label);
    document.querySelectorAll(".radar").forEach(function (element) {
      const series = (radars || savedRadars)[element.dataset.series];
      window.drawRadar(element, radars && { series: series, names: texts.traces });
      const figure = element.closest("figure");
      figure.querySelectorAll("[data-radar-note]").forEach(function (cell, index) {
        cell.textContent = series.texts[index];
      });
      figure.querySelectorAll("[data-radar-level]").forEach(function (cell, index) {
        cell.textContent = series.names[index] || "—";
      });
    });
  }

  function setActive(active) {
    banner.classList.toggle("d-none", !active);
    if (planButton) { planButton.disabled = !active; }
  }

  function reset() {
    clearTimeout(timer);
    sent += 1;
    selects.forEach(function (select) { select.value = select.dataset.saved; });
    show(saved.notes, null, saved.width, saved.label);
    setActive(false);
    status.textContent = texts.reset;
  }

  function simulate() {
    const body = changes();
    if (Object.keys(body).length === 0) { reset(); return; }
    const number = ++sent;
    fetch(texts.url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (number !== sent) { return; }
      if (!result.ok) { status.textContent = texts.error + " " + result.data.error; return; }
      const data = result.data;
      show(data.notes, data.radars, data.factor_width, texts.gauge.replace("%(factor)s", data.notes.factor));
      setActive(true);
      status.textContent = texts.announce.replace("%(new)s", data.notes.global)
        .replace("%(old)s", saved.notes.global);
    }).catch(function () {
      if (number === sent) { status.textContent = texts.offline; }
    });
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(simulate, 200);
    });
  });
  document.querySelectorAll(".simulation-reset").forEach(function (button) {
    button.addEventListener("click", reset);
  });
  // Wide screens make room for the panel (app.css); Plotly redraws its radars to the new width.
  ["shown.bs.offcanvas", "hidden.bs.offcanvas"].forEach(function (name) {
    panel.addEventListener(name, function () {
      document.body.classList.toggle("simulation-open", name === "shown.bs.offcanvas");
      window.dispatchEvent(new Event("resize"));
    });
  });
  if (planButton) { planButton.disabled = true; }
  document.getElementById("simulation-open").classList.remove("d-none");
  // Leaving the page (or reloading it) forgets the simulation: selects start from the stored answers.
  selects.forEach(function (select) { select.value = select.dataset.saved; });
})();
