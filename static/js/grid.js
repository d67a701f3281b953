// Saves each answer of the grid as soon as it is given; the page works without it too
// (the « Enregistrer tout » button posts the whole form). Every field of a row is named
// « <prefix>-<field> », the prefix being the question code or « autre-<enjeu> ».
(function () {
  "use strict";
  const form = document.getElementById("grid-form");
  if (!form) return;
  const saveUrl = form.dataset.saveUrl;
  const texts = JSON.parse(document.getElementById("grid-texts").textContent);
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const answered = document.getElementById("answered");

  // Counted on the page: concurrent saves may finish in any order on the server.
  function countAnswered(selector) {
    return Array.from(form.querySelectorAll("fieldset[data-kind=question]" + (selector || ""))).filter(function (fieldset) {
      return fieldset.querySelector("input[type=radio]:checked") !== null;
    }).length;
  }

  // The notes come computed by the server (the `scores` of grid_score); the page only prints them.
  function percent(value) {
    if (value === null || value === undefined) return "—";
    return texts.percent.replace("%(number)s", (value * 100).toFixed(1).replace(".", texts.decimal))
      .replace("%%", "%");
  }

  function showNotes(scores, fieldset) {
    document.querySelectorAll("[data-note]").forEach(function (element) {
      element.textContent = percent(scores[element.dataset.note]);
    });
    document.querySelectorAll("[data-axis]").forEach(function (element) {
      element.textContent = percent(scores.axes[element.dataset.axis]);
    });
    document.querySelectorAll("[data-bar]").forEach(function (bar) {
      bar.setAttribute("width", ((scores.axes[bar.dataset.bar] || 0) * 100).toFixed(1));
    });
    const provisional = document.querySelector("[data-provisional]");
    if (provisional) provisional.hidden = !scores.provisional;
    const section = fieldset.dataset.section;
    const answeredThere = countAnswered("[data-section='" + section + "']");
    document.querySelectorAll("[data-count='" + section + "']").forEach(function (count) {
      count.textContent = answeredThere;
    });
    const live = document.getElementById("notes-live");
    if (live) live.textContent = texts.notesNow.replace("%(note)s", percent(scores.global));
  }

  function field(fieldset, name) {
    return fieldset.querySelector("[name='" + fieldset.dataset.prefix + "-" + name + "']");
  }

  function checkedValue(fieldset) {
    const checked = fieldset.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  // The submit section's list of questions left (grid.rules.missing_answers at page load):
  // a saved row leaves it once answered, « na » with its justification.
  function updateMissing(fieldset) {
    const link = document.querySelector(".missing-questions a[href='#q-" + fieldset.dataset.code + "']");
    if (!link) return;
    const value = checkedValue(fieldset);
    const comment = field(fieldset, "comment");
    link.parentElement.hidden = value !== "" && (value !== "na" || comment.value.trim() !== "");
    const left = document.querySelectorAll(".missing-questions li:not([hidden])").length;
    document.getElementById("missing-count").textContent = left;
    document.getElementById("missing").hidden = left === 0;
  }

  function setStatus(fieldset, text, kind) {
    const status = fieldset.querySelector(".save-status");
    status.textContent = text;
    status.className = "save-status small mt-1 text-" + (kind || "body-secondary");
    status.removeAttribute("role");
    return status;
  }

  function payload(fieldset) {
    const data = new FormData();
    data.append("kind", fieldset.dataset.kind);
    data.append("code", fieldset.dataset.code);
    data.append("value", checkedValue(fieldset));
    data.append("revision", field(fieldset, "revision").value);
    const names = fieldset.dataset.kind === "custom" ? ["label", "level", "bareme"] : ["comment"];
    names.forEach(function (name) { data.append(name, field(fieldset, name).value); });
    return data;
  }

  function showConflict(fieldset, conflict) {
    const status = setStatus(fieldset, conflict.message, "danger");
    status.setAttribute("role", "alert");
    const keepTheirs = document.createElement("button");
    keepTheirs.type = "button";
    keepTheirs.className = "btn btn-sm btn-outline-secondary ms-2";
    keepTheirs.textContent = texts.keepTheirs;
    keepTheirs.addEventListener("click", function () {
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = radio.value === conflict.value;
      });
      const comment = field(fieldset, "comment");
      if (comment) comment.value = conflict.comment;
      const label = field(fieldset, "label");
      if (label) label.value = conflict.label;
      field(fieldset, "revision").value = conflict.revision;
      setStatus(fieldset, texts.keptTheirs);
    });
    const keepMine = document.createElement("button");
    keepMine.type = "button";
    keepMine.className = "btn btn-sm btn-outline-primary ms-2";
    keepMine.textContent = texts.keepMine;
    keepMine.addEventListener("click", function () {
      field(fieldset, "revision").value = conflict.revision;
      save(fieldset);
    });
    status.append(keepTheirs, keepMine);
  }

  // A refused answer never looks saved: the answer the server kept is checked again (what was
  // typed stays, to be corrected), and a « na » refused for want of its justification opens the
  // comment box with the focus (in the compact display it sits in the closed « Détails »).
  function refused(fieldset, body) {
    const status = setStatus(fieldset, texts.notSaved + " " + (body.error || texts.serverError), "danger");
    status.setAttribute("role", "alert");
    if (body.stored) {
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = radio.value === body.stored.value;
      });
      field(fieldset, "revision").value = body.stored.revision;
    }
    if (body.wantsComment) {
      const comment = field(fieldset, "comment");
      const details = comment.closest("details");
      if (details) details.open = true;
      comment.setAttribute("aria-describedby", status.id);
      comment.focus();
    }
  }

  // One save at a time per row, each sent with the revision the previous one returned: typing
  // a comment then picking an answer changes the row twice, and two posts from one revision
  // would make the second look like a colleague's conflict.
  const pending = new WeakMap();

  function save(fieldset) {
    const previous = pending.get(fieldset) || Promise.resolve();
    pending.set(fieldset, previous.then(function () { return send(fieldset); }));
  }

  function send(fieldset) {
    setStatus(fieldset, texts.saving);
    return fetch(saveUrl, {
      method: "POST",
      body: payload(fieldset),
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        // Every answer of the server is JSON; anything else (a proxy's page) says its status.
        return response.json().then(
          function (body) { return { status: response.status, body: body }; },
          function () { return { status: response.status, body: { error: texts.serverError + " (" + response.status + ")" } }; }
        );
      })
      .then(function (result) {
        if (result.status === 200) {
          field(fieldset, "revision").value = result.body.revision;
          if (answered) answered.textContent = countAnswered();
          showNotes(result.body.scores, fieldset);
          if (fieldset.dataset.kind === "question") updateMissing(fieldset);
          setStatus(fieldset, texts.saved, "success");
        } else if (result.status === 409) {
          showConflict(fieldset, result.body.conflict);
        } else {
          refused(fieldset, result.body);
        }
      })
      .catch(function () {
        setStatus(fieldset, texts.offline, "danger");
      })
      .then(function () {  // the bar and the filters follow the row (static/js/grid-bar.js)
        fieldset.dispatchEvent(new CustomEvent("grid:row-saved", { bubbles: true }));
      });
  }

  form.addEventListener("change", function (event) {
    if (event.target.form !== form) return; // a « Confier » control: not an answer
    const fieldset = event.target.closest("fieldset.question");
    if (fieldset) save(fieldset);
  });
})();
