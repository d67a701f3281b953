// Overlays the years on the three radars with Plotly (served by the app; shared settings in
// radar.js). Each year has its own colour, dash and marker; the tables under the radars carry
// the same values without JavaScript.
(function () {
  "use strict";
  const radars = JSON.parse(document.getElementById("evolution-radars").textContent);
  radars.forEach(function (radar) {
    const element = document.getElementById("radar-" + radar.key);
    if (!element || !radar.traces.length) { return; }
    window.radar.draw(element, radar.traces.map(function (trace) {
      return window.radar.trace(radar.axes, trace, {
        name: trace.name, colour: trace.colour, dash: trace.dash, symbol: trace.symbol,
      });
    }), true);
  });
})();
