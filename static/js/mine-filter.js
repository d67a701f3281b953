// « Mes questions »: the grid shows only the questions the reader answers (rows marked
// data-mine="true" by the server), and the sections holding them. Its own class hides the
// rows, so that it combines with the grid's other filters instead of undoing them.
(function () {
  "use strict";
  function mineFilter(box) {
    const form = document.getElementById("grid-form");
    const button = box.querySelector("button");
    const status = box.querySelector("[data-mine-status]");
    const texts = JSON.parse(document.getElementById("mine-filter-texts").textContent);
    box.hidden = false;
    button.addEventListener("click", function () {
      const on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      form.querySelectorAll("fieldset.question").forEach(function (row) {
        row.classList.toggle("mine-hidden", on && row.dataset.mine !== "true");
      });
      form.querySelectorAll("section.grid-section").forEach(function (section) {
        section.classList.toggle("mine-hidden", on && !section.querySelector("[data-mine=true]"));
      });
      status.textContent = on ? texts.on : texts.off;
    });
  }
  const box = document.querySelector("[data-mine-filter]");
  if (box) mineFilter(box);
})();
