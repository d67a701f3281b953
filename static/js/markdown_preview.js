// The content admin's « Aperçu » beside each Markdown field (initiatives.content_admin): the text
// is sent to the server, which renders and sanitises it as the public pages do; the HTML it sends
// back is shown below the field. While the preview is open, it follows the typing. The admin
// loads form scripts in the head: the fields are looked for once the page is read.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("button[data-markdown-preview]").forEach(function (button) {
    const textarea = document.getElementById(button.dataset.markdownPreview);
    const region = document.getElementById(button.getAttribute("aria-controls"));
    const token = textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
    let pending = null;
    function show() {
      const body = new FormData();
      body.append("text", textarea.value);
      body.append("csrfmiddlewaretoken", token.value);
      fetch(button.dataset.url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) { region.innerHTML = data.html; })  // sanitised by the server
        .catch(function () { region.textContent = button.dataset.failed; });
    }
    function toggle(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? button.dataset.hide : button.dataset.show;
      region.hidden = !open;
      if (open) { show(); }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    textarea.addEventListener("input", function () {
      if (button.getAttribute("aria-expanded") !== "true") { return; }
      clearTimeout(pending);
      pending = setTimeout(show, 400);
    });
  });
});
