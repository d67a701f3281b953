// Saves each answer of the grid as soon as it is given; the page works without it too
// (the « Enregistrer tout » button posts the whole form).
(function () {
  "use strict";
  const form = document.getElementById("grid-form");
  if (!form) return;
  const saveUrl = form.dataset.saveUrl;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const answered = document.getElementById("answered");

  // Counted on the page: concurrent saves may finish in any order on the server.
  function countAnswered() {
    return Array.from(form.querySelectorAll("fieldset[data-kind=question]")).filter(function (fieldset) {
      return fieldset.querySelector("input[type=radio]:checked") !== null;
    }).length;
  }

  function suffix(fieldset) {
    return fieldset.dataset.kind === "custom" ? "autre-" + fieldset.dataset.code : fieldset.dataset.code;
  }

  function field(fieldset, name) {
    return fieldset.querySelector("[name='" + name + "-" + suffix(fieldset) + "']");
  }

  function checkedValue(fieldset) {
    const checked = fieldset.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function setStatus(fieldset, text, kind) {
    const status = fieldset.querySelector(".save-status");
    status.textContent = text;
    status.className = "save-status small mt-1 text-" + (kind || "body-secondary");
    return status;
  }

  function payload(fieldset) {
    const data = new FormData();
    data.append("kind", fieldset.dataset.kind);
    data.append("code", fieldset.dataset.code);
    data.append("value", checkedValue(fieldset));
    data.append("revision", field(fieldset, "revision").value);
    if (fieldset.dataset.kind === "custom") {
      ["label", "level", "bareme"].forEach(function (name) {
        data.append(name, field(fieldset, name).value);
      });
    } else {
      data.append("comment", field(fieldset, "comment").value);
    }
    return data;
  }

  function showConflict(fieldset, conflict) {
    const status = setStatus(fieldset, conflict.message, "danger");
    status.setAttribute("role", "alert");
    const keepTheirs = document.createElement("button");
    keepTheirs.type = "button";
    keepTheirs.className = "btn btn-sm btn-outline-secondary ms-2";
    keepTheirs.textContent = "Garder sa réponse";
    keepTheirs.addEventListener("click", function () {
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = radio.value === conflict.value;
      });
      const comment = field(fieldset, "comment");
      if (comment) comment.value = conflict.comment;
      field(fieldset, "revision").value = conflict.revision;
      setStatus(fieldset, "Réponse de votre collègue conservée.");
    });
    const keepMine = document.createElement("button");
    keepMine.type = "button";
    keepMine.className = "btn btn-sm btn-outline-primary ms-2";
    keepMine.textContent = "Remplacer par la mienne";
    keepMine.addEventListener("click", function () {
      field(fieldset, "revision").value = conflict.revision;
      save(fieldset);
    });
    status.append(keepTheirs, keepMine);
  }

  function save(fieldset) {
    setStatus(fieldset, "Enregistrement…");
    fetch(saveUrl, {
      method: "POST",
      body: payload(fieldset),
      headers: { "X-CSRFToken": csrf },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        if (result.status === 200) {
          field(fieldset, "revision").value = result.body.revision;
          if (answered) answered.textContent = countAnswered();
          setStatus(fieldset, "✓ Enregistré", "success");
        } else if (result.status === 409) {
          showConflict(fieldset, result.body.conflict);
        } else {
          setStatus(fieldset, "Non enregistré : " + (result.body.error || "erreur"), "danger")
            .setAttribute("role", "alert");
        }
      })
      .catch(function () {
        setStatus(fieldset, "Non enregistré (connexion perdue) : votre saisie reste à l'écran, réessayez.", "danger");
      });
  }

  form.addEventListener("change", function (event) {
    const fieldset = event.target.closest("fieldset.question");
    if (fieldset) save(fieldset);
  });
})();
