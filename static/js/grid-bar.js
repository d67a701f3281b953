// The grid's bar and filters (templates/grid/includes/_bar.html and _filters.html): the bar
// names the section in view and opens the next unanswered question; the filters show the rows
// that carry `data-filter-<key>` for every checked filter (declared in grid.filters). Without
// this script the bar keeps its menu of sections and its note, and every row stays in view.
(function () {
  "use strict";
  const bar = document.getElementById("grid-bar");
  const form = document.getElementById("grid-form");
  if (!bar || !form) return;
  const texts = JSON.parse(document.getElementById("grid-bar-texts").textContent);
  const sections = Array.from(form.querySelectorAll("[data-grid-section]"));
  const menu = bar.querySelector(".grid-bar-sections");
  const current = bar.querySelector("[data-current-section]");
  const status = bar.querySelector("[data-bar-status]");
  const next = bar.querySelector("[data-next-unanswered]");

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) { return values[key]; });
  }

  // The focus and the links scroll clear of the bar (app.css says it roughly, without script).
  function fitScrollPadding() {
    document.documentElement.style.scrollPaddingTop = (bar.offsetHeight + 8) + "px";
  }

  function say(text) {
    status.textContent = text;
    fitScrollPadding();
  }

  function barBottom() {
    return bar.getBoundingClientRect().bottom;
  }

  // The section in view: the last one whose top has reached the bar (a link to a section stops
  // it just below), or, at the foot of the page, the last one on screen.
  function showSection() {
    const atFoot = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    const line = atFoot ? window.innerHeight : barBottom() + 40;
    let found = null;
    sections.forEach(function (section) {
      if (found === null || section.getBoundingClientRect().top <= line) found = section;
    });
    if (found === null) return;
    const code = found.dataset.gridSection;
    bar.querySelectorAll("[data-section-link]").forEach(function (link) {
      if (link.dataset.sectionLink === code) {
        link.setAttribute("aria-current", "location");
        current.textContent = link.querySelector("[data-section-name]").textContent;
      } else {
        link.removeAttribute("aria-current");
      }
    });
  }

  let scheduled = false;
  window.addEventListener("scroll", function () {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; showSection(); });
  }, { passive: true });
  window.addEventListener("resize", fitScrollPadding);

  // The menu closes once a section is chosen, on Escape (back to its button) and outside it.
  menu.addEventListener("click", function (event) {
    if (event.target.closest("a")) {
      menu.open = false;
      say("");
    }
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });

  function questionRows() {
    return Array.from(form.querySelectorAll("fieldset[data-kind=question]")).filter(function (row) {
      return !row.hidden;
    });
  }

  function isUnanswered(row) {
    return row.querySelector("input[type=radio]:checked") === null;
  }

  function inView(element) {
    const box = element.getBoundingClientRect();
    return box.bottom > barBottom() && box.top < window.innerHeight;
  }

  // Where the person is: the question last used if it is still on screen, otherwise the first
  // question below the bar.
  let lastRow = null;
  form.addEventListener("focusin", function (event) {
    const row = event.target.closest("fieldset[data-kind=question]");
    if (row) lastRow = row;
  });

  function nextUnanswered() {
    const rows = questionRows();
    let start;
    if (lastRow && !lastRow.hidden && inView(lastRow)) {
      start = rows.indexOf(lastRow) + 1;
    } else {
      const line = barBottom();
      start = rows.findIndex(function (row) { return row.getBoundingClientRect().bottom > line; });
      if (start < 0) start = rows.length;
    }
    for (let step = 0; step < rows.length; step += 1) {
      const index = (start + step) % rows.length;
      if (isUnanswered(rows[index])) return { row: rows[index], wrapped: start + step >= rows.length };
    }
    return null;
  }

  if (next) {
    next.hidden = false;
    next.addEventListener("click", function () {
      const found = nextUnanswered();
      if (found === null) {
        say(texts.noneLeft);
        return;
      }
      const code = found.row.dataset.code;
      say(found.wrapped ? format(texts.wrapped, { code: code }) : "");
      found.row.scrollIntoView({ block: "start" });
      found.row.querySelector("input[type=radio]").focus({ preventScroll: true });
      lastRow = found.row;
    });
  }

  // A saved (or refused) answer: the row's own filters and its mark follow it (grid.js sends
  // the event once the server has answered).
  form.addEventListener("grid:row-saved", function (event) {
    const row = event.target;
    say("");  // what the bar said of the question opened is past
    if (row.dataset.kind !== "question") return;
    const checked = row.querySelector("input[type=radio]:checked");
    const value = checked ? checked.value : "";
    const changed = row.dataset.previous !== undefined && value !== "" && value !== row.dataset.previous;
    row.toggleAttribute("data-filter-unanswered", value === "");
    row.toggleAttribute("data-filter-changed", changed);
    const mark = row.querySelector("[data-previous-mark]");
    if (mark) mark.hidden = !changed;
  });

  // Filters apply when one is checked or unchecked: a row answered meanwhile stays in view
  // rather than slipping away under the person's finger.
  const filters = document.querySelector("[data-grid-filters]");
  if (filters) {
    const count = filters.querySelector("[data-filter-count]");
    filters.hidden = false;
    filters.addEventListener("change", function () {
      const keys = Array.from(filters.querySelectorAll("[data-row-filter]:checked")).map(function (box) {
        return box.value;
      });
      let shown = 0;
      let total = 0;
      sections.forEach(function (section) {
        let visible = 0;
        section.querySelectorAll("fieldset.question").forEach(function (row) {
          if (row.dataset.kind !== "question") {  // an « autre action » row: no filter keeps it
            row.hidden = keys.length > 0;
            return;
          }
          const kept = keys.every(function (key) { return row.hasAttribute("data-filter-" + key); });
          row.hidden = !kept;
          total += 1;
          if (kept) visible += 1;
        });
        shown += visible;
        section.querySelector("[data-section-empty]").hidden = visible > 0;
      });
      count.textContent = format(texts.shown, { shown: shown, total: total });
      say("");
      showSection();
    });
  }

  fitScrollPadding();
  showSection();
})();
