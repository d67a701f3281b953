// Draws the consultation's radar with the radars' shared settings (radar.js): the team's view
// and the stakeholders', told apart by colour, dash and marker (the key under the chart); the
// tables below carry the same values.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("consultation-radar-data").textContent);
  const traces = data.traces.map(function (series, index) {
    return window.radar.trace(data.axes, series, {
      name: series.name, colour: series.colour, dash: series.dash, symbol: series.symbol,
      fill: index === 0 ? "rgba(22, 61, 107, 0.12)" : null,
    });
  });
  window.radar.draw(document.getElementById("consultation-radar"), traces, false);
})();
