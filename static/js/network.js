// Draws the network page's box plots and trend with Plotly (served by the app). The boxes come
// with their quartiles computed by the server (10th to 90th percentile as whiskers); the tables of
// the page carry the same values for readers without JavaScript, colour or sight.
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("chart-texts").textContent);
  const data = JSON.parse(document.getElementById("network-charts").textContent);
  const config = { displaylogo: false, responsive: true, locale: texts.locale };
  const font = { family: "DejaVu Sans, sans-serif" };
  function percent(value) { return value === null ? null : Math.round(value * 1000) / 10; }
  function boxes(series) {
    return series.map(function (box) {
      return {
        type: "box", name: box.name, x: [box.name], q1: [percent(box.q1)], median: [percent(box.median)],
        q3: [percent(box.q3)], lowerfence: [percent(box.lowerfence)], upperfence: [percent(box.upperfence)],
        marker: { color: "#163d6b" }, line: { color: "#163d6b" }, fillcolor: "rgba(22, 61, 107, 0.15)",
        hoverinfo: "y",
      };
    });
  }
  const layout = {
    separators: texts.separators,
    yaxis: { range: [0, 100], ticksuffix: texts.percentSuffix }, showlegend: false, font: font,
    margin: { l: 50, r: 10, t: 10, b: 110 }, xaxis: { tickangle: -35, automargin: true },
  };
  document.querySelectorAll(".network-chart").forEach(function (element) {
    const name = element.dataset.chart;
    if (name === "trend") {
      Plotly.newPlot(element, [{
        type: "scatter", mode: "lines+markers", x: data.trend.years, y: data.trend.medians.map(percent),
        name: data.texts.median, line: { color: "#163d6b" }, connectgaps: false,
      }], { yaxis: layout.yaxis, font: font, separators: texts.separators, margin: { l: 50, r: 10, t: 10, b: 40 },
            xaxis: { dtick: 1 } }, config);
    } else {
      Plotly.newPlot(element, boxes(data[name]), layout, config);
    }
  });
})();
