// What the Plotly radars share (results page, « Simuler », year-over-year page). The four axes
// run along the diagonals, A at the top right: their titles, which carry the enjeux' names
// (reports.presenters.axis_title), then sit at the corners, where they take less width from the
// chart than beside it (390 px phones). The radial scale's labels go up the vertical, between
// D and A; each value label sits beside its point, away from that vertical (issue #23).
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("chart-texts").textContent);
  const close = function (list) { return list.concat([list[0]]); };
  // Four axes clockwise from the top right: each value label beside its point, away from the
  // vertical; near the outer ring, where the axis title sits, under or over it instead.
  const OUTWARD = ["middle right", "middle right", "middle left", "middle left"];
  const INWARD = ["bottom center", "top center", "top center", "bottom center"];
  const TICKS = [25, 50, 75, 100];

  function layout(legend, side) {
    return {
      separators: texts.separators, font: { family: "DejaVu Sans, sans-serif", size: 12 },
      polar: {
        // Four rings, two labelled: 25 and 75 go without saying, and two labels keep apart on
        // a small chart.
        radialaxis: { range: [0, 100], tickvals: TICKS, angle: 90, tickangle: 90,
                      ticktext: TICKS.map(function (tick) { return tick % 50 ? "" : tick + texts.percentSuffix; }),
                      tickfont: { size: 9, color: "#5c636a" }, showline: false },
        angularaxis: { tickfont: { size: 12, color: "#212529" }, direction: "clockwise", rotation: 45 },
      },
      // Room for the corner titles (about 13 characters a line) and, below, the legend.
      margin: { l: side, r: side, t: 40, b: legend ? 72 : 40 },
      showlegend: legend,
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.08, yanchor: "top" },
    };
  }

  // One shape: `name` in the legend and the hover boxes; `muted` for the saved shape behind a
  // simulation (grey, dashed, no value labels); `labels` writes the values beside the points.
  function trace(axes, series, style) {
    const positions = series.values.map(function (value, index) {
      return (value >= 85 ? INWARD : OUTWARD)[index % 4];
    });
    const prefix = style.name ? style.name + " · " : "";
    return {
      type: "scatterpolar", name: style.name || "", theta: close(axes), r: close(series.values),
      // The point closing the shape is the first one again: its value is written once.
      text: style.labels ? series.texts.concat([""]) : null, textposition: close(positions),
      textfont: { size: 12, color: style.colour },
      customdata: close(series.cells || series.texts),
      mode: style.labels ? "lines+markers+text" : "lines+markers",
      fill: style.fill ? "toself" : "none", fillcolor: style.fill,
      line: { color: style.colour, width: style.muted ? 1.5 : 2.5, dash: style.dash || "solid" },
      marker: { color: style.colour, symbol: style.symbol || "circle", size: style.muted ? 6 : 8 },
      hovertemplate: prefix + texts.labelValue.replace("%{text}", "%{customdata}") + "<extra></extra>",
    };
  }

  // An axis title wider than its corner's room (a narrow chart, a long name): both side margins
  // widen by the overflow, which shrinks the circle, until every title is whole. Checked after
  // each drawing, resizes included (the « Simuler » panel narrows the page).
  function fit(element) {
    const box = element.getBoundingClientRect();
    let over = 0;
    element.querySelectorAll(".angular-axis .angularaxistick text").forEach(function (title) {
      const edges = title.getBoundingClientRect();
      over = Math.max(over, box.left - edges.left, edges.right - box.right);
    });
    const margin = element.layout.margin;
    if (over > 0 && margin.l < box.width / 3) {
      const wider = margin.l + Math.ceil(over) + 2;
      element.dataset.margin = wider;  // kept for the next drawing: no jump while simulating
      Plotly.relayout(element, { "margin.l": wider, "margin.r": wider });
    }
  }

  function draw(element, traces, legend) {
    // Plotly.react redraws in place (and draws the first time): no flicker while simulating.
    Plotly.react(element, traces, layout(legend, Number(element.dataset.margin) || 72), { displaylogo: false, responsive: true, locale: texts.locale })
      .then(function () {
        if (!element.dataset.fitted) {
          element.dataset.fitted = "true";
          element.on("plotly_afterplot", function () { fit(element); });
        }
        fit(element);
      });
  }

  window.radar = { trace: trace, draw: draw };
})();
