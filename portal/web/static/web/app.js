// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function drawCharts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      canvas.dataset.drawn = "1";
      var spec = JSON.parse(canvas.dataset.chart);
      var colours = ["#0b5cab", "#1e6b35", "#a4161a", "#7a4a00"];
      new window.Chart(canvas, {
        type: spec.type || "bar",
        data: {
          labels: spec.labels,
          datasets: spec.series.map(function (s, i) {
            return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length],
                     borderColor: colours[i % colours.length] };
          }),
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          indexAxis: spec.horizontal ? "y" : "x",
          scales: spec.max ? (spec.horizontal ? { x: { min: 0, max: spec.max } } : { y: { min: 0, max: spec.max } }) : {},
        },
      });
    });
  }

  // A one-time password link carries its token after "#token=": copy it into the form.
  function tokenFromFragment() {
    var field = document.querySelector("input[data-from-fragment=token]");
    var match = /^#token=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (field && match && !field.value) field.value = match[1];
  }

  document.addEventListener("DOMContentLoaded", function () {
    tokenFromFragment();
    drawCharts(document);
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
