// The action form: a search box above each list of boxes, and the chips of what the link
// prefilled. Without this script, the full lists show with the prefilled boxes ticked.
(function () {
  "use strict";
  const form = document.querySelector("form.action-form");
  const textsNode = document.getElementById("action-form-texts");
  if (!form || !textsNode) return;
  const texts = JSON.parse(textsNode.textContent);
  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (all, key) => values[key]);
  // « energie » finds « Énergie »: accents and case aside.
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const problems = form.querySelector(".form-problems");
  if (problems) problems.focus();

  form.querySelectorAll("[data-choice-list]").forEach((list) => {
    const filter = list.querySelector(".choice-filter");
    const input = filter.querySelector("input");
    const count = filter.querySelector(".choice-count");
    const options = Array.from(list.querySelectorAll(".form-check"));
    const words = options.map((option) => fold(option.textContent));
    const say = () => {
      count.textContent = fill(texts.count, {
        shown: options.filter((option) => !option.hidden).length,
        total: options.length,
        ticked: options.filter((option) => option.querySelector("input").checked).length,
      });
    };
    const apply = () => {
      const wanted = fold(input.value).split(/\s+/).filter(Boolean);
      options.forEach((option, index) => {
        // A ticked box stays in view whatever is searched: nothing chosen is hidden.
        option.hidden = !option.querySelector("input").checked
          && !wanted.every((word) => words[index].includes(word));
      });
      say();
    };
    input.addEventListener("input", apply);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();  // searching is not saving
    });
    list.addEventListener("change", say);
    filter.hidden = false;
    list.classList.add("choice-list-enhanced");
    apply();
  });

  const chips = form.querySelector("[data-chips]");
  if (!chips) return;
  const status = chips.querySelector(".chip-status");
  const box = (chip) => form.querySelector(
    `input[name="${chip.dataset.field}"][value="${CSS.escape(chip.dataset.value)}"]`);
  const shown = () => Array.from(chips.querySelectorAll(".chip:not([hidden])"));
  const tidy = () => {
    const empty = shown().length === 0;
    chips.querySelector(".prefill-label").hidden = empty;
    chips.querySelector(".prefill-chips").hidden = empty;
  };
  chips.hidden = false;

  chips.addEventListener("click", (event) => {
    const button = event.target.closest(".chip-remove");
    if (!button) return;
    const chip = button.closest(".chip");
    const before = shown();
    let field;
    if (chip.dataset.value) {
      field = box(chip);
      field.checked = false;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      field = form.elements[chip.dataset.field];
      field.value = "";
    }
    chip.hidden = true;
    status.textContent = fill(texts.removed, {
      item: chip.querySelector(".chip-kind").textContent + " " + chip.querySelector(".chip-text").textContent,
    });
    tidy();
    // The focus goes to the next chip, or the one before, or the field the last one filled.
    const rest = shown();
    const next = rest[Math.min(before.indexOf(chip), rest.length - 1)];
    if (next) {
      next.querySelector(".chip-remove").focus();
    } else {
      const search = field.closest("[data-choice-list]");
      (search ? search.querySelector(".choice-filter input") : field).focus();
    }
  });

  // A box ticked or unticked in its list shows or hides its chip.
  form.addEventListener("change", (event) => {
    if (event.target.type !== "checkbox") return;
    chips.querySelectorAll(".chip").forEach((chip) => {
      if (chip.dataset.value && box(chip) === event.target) chip.hidden = !event.target.checked;
    });
    tidy();
  });
}());
