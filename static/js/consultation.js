// Draws the consultation's radar with Plotly (served by the app): the team's view and the
// stakeholders', told apart by colour, dash and marker; the tables below carry the same values.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("consultation-radar-data").textContent);
  const element = document.getElementById("consultation-radar");
  const french = document.documentElement.lang === "fr";
  const traces = data.traces.map(function (trace) {
    const values = trace.values.map(function (v) { return v === null ? 0 : v; });
    return {
      type: "scatterpolar", name: trace.name, r: values.concat([values[0]]),
      theta: trace.labels.concat([trace.labels[0]]), text: trace.texts.concat([trace.texts[0]]),
      mode: "lines+markers", fill: "toself", hovertemplate: trace.name + " · %{theta} : %{text}<extra></extra>",
      line: { color: trace.colour, width: 2, dash: trace.dash }, marker: { size: 7, symbol: trace.symbol },
    };
  });
  Plotly.react(element, traces, {
    separators: french ? ", " : ".,",
    polar: { radialaxis: { range: [0, 100], ticksuffix: french ? " %" : "%", angle: 45, tickangle: 45, tickfont: { size: 9 } },
             angularaxis: { tickfont: { size: 13 }, direction: "clockwise", rotation: 90 } },
    margin: { l: 40, r: 40, t: 30, b: 30 }, showlegend: false, font: { family: "DejaVu Sans, sans-serif" },
  }, { displaylogo: false, responsive: true });
})();
