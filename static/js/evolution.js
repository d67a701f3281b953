// Overlays the years on the three radars with Plotly (served by the app). Each year has its own
// colour, dash and marker; the tables under the radars carry the same values without JavaScript.
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("chart-texts").textContent);
  const radars = JSON.parse(document.getElementById("evolution-radars").textContent);
  const close = function (list) { return list.concat([list[0]]); };
  radars.forEach(function (radar) {
    const element = document.getElementById("radar-" + radar.key);
    if (!element || !radar.traces.length) { return; }
    const traces = radar.traces.map(function (trace) {
      return {
        type: "scatterpolar", name: trace.name, theta: close(radar.labels),
        r: close(trace.values), text: close(trace.cells || trace.texts), mode: "lines+markers",
        line: { color: trace.colour, dash: trace.dash, width: 2.5 },
        marker: { color: trace.colour, symbol: trace.symbol, size: 9 },
        hovertemplate: trace.name + " · " + texts.labelValue + "<extra></extra>",
      };
    });
    Plotly.newPlot(element, traces, {
      separators: texts.separators,
      polar: { radialaxis: { range: [0, 100], ticksuffix: texts.percentSuffix, angle: 45, tickangle: 45, tickfont: { size: 9 } },
               angularaxis: { tickfont: { size: 13 }, direction: "clockwise", rotation: 90 } },
      // The legend sits below the bottom axis label, never on it.
      margin: { l: 40, r: 40, t: 24, b: 56 }, font: { family: "DejaVu Sans, sans-serif" },
      showlegend: true, legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.14, yanchor: "top" },
    }, { displaylogo: false, responsive: true, locale: texts.locale });
  });
})();
