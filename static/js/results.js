// Draws the radars with Plotly (served by the app; shared settings in radar.js); the tables
// under each radar carry the same values for readers without JavaScript, colour or sight.
// `window.drawRadar` lets the simulation (simulate.js) redraw a radar in place, the saved shape
// kept faintly behind the simulated one.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("radar-data").textContent);
  const MAIN = { colour: "#163d6b", fill: "rgba(22, 61, 107, 0.15)", labels: true };
  const SAVED = { colour: "#6c757d", dash: "dash", symbol: "square", muted: true };

  // `simulation`, while simulating: { series, names: { saved, simulated } } (the legend).
  function draw(element, simulation) {
    const page = data[element.dataset.series];
    if (!simulation) {
      window.radar.draw(element, [window.radar.trace(page.axes, page, MAIN)], false);
      return;
    }
    window.radar.draw(element, [
      window.radar.trace(page.axes, page, Object.assign({ name: simulation.names.saved }, SAVED)),
      window.radar.trace(page.axes, simulation.series, Object.assign({ name: simulation.names.simulated }, MAIN)),
    ], true);
  }
  window.drawRadar = draw;
  document.querySelectorAll(".radar").forEach(function (element) { draw(element, null); });
})();
