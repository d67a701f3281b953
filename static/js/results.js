// Draws the radars with Plotly (served by the app); the tables under each radar carry the same
// values for readers without JavaScript, colour or sight. `window.drawRadar` lets the simulation
// (simulate.js) redraw a radar with new values in place.
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("chart-texts").textContent);
  const layout = {
    separators: texts.separators,
    polar: { radialaxis: { range: [0, 100], ticksuffix: texts.percentSuffix, angle: 45, tickangle: 45, tickfont: { size: 9 } },
             angularaxis: { tickfont: { size: 13 }, direction: "clockwise", rotation: 90 } },
    margin: { l: 40, r: 40, t: 30, b: 30 }, showlegend: false, font: { family: "DejaVu Sans, sans-serif" },
  };
  function draw(element, series) {
    const labels = series.labels.concat([series.labels[0]]);
    const values = series.values.concat([series.values[0]]);
    const text = series.texts.concat([series.texts[0]]);
    // Hovering a point names its maturity level too (the letter alone beside the point would
    // read as an enjeu's: both go from A to D).
    const cells = series.cells || series.texts;
    const hover = cells.concat([cells[0]]);
    // Plotly.react redraws in place (and draws the first time): no flicker while simulating.
    Plotly.react(element, [{
      type: "scatterpolar", r: values, theta: labels, text: text, customdata: hover,
      mode: "lines+markers+text", textposition: "top center", fill: "toself",
      line: { color: "#163d6b", width: 2 }, marker: { size: 7, symbol: "circle" },
      fillcolor: "rgba(22, 61, 107, 0.15)", hovertemplate: texts.labelValue.replace("%{text}", "%{customdata}") + "<extra></extra>",
    }], layout, { displaylogo: false, responsive: true, locale: texts.locale });
  }
  window.drawRadar = draw;
  const data = JSON.parse(document.getElementById("radar-data").textContent);
  document.querySelectorAll(".radar").forEach(function (element) {
    draw(element, data[element.dataset.series]);
  });
})();
