// Signifying a story: place a marker in a triad's triangle (tap or drag) and its three numbers follow;
// type the numbers and the marker follows. Moving a dyad's slider means the teller answered it.
// The numbers are the form: without this script they are typed, and the server checks them.
(function () {
  "use strict";

  function corners(svg) {
    var points = svg.querySelector("polygon").getAttribute("points").trim().split(/\s+/);
    return points.map(function (p) { var xy = p.split(","); return { x: +xy[0], y: +xy[1] }; });
  }

  // Barycentric weights of a point in the triangle, clamped to it and rounded to whole percentages summing to 100.
  function weightsAt(c, x, y) {
    var d = (c[1].y - c[2].y) * (c[0].x - c[2].x) + (c[2].x - c[1].x) * (c[0].y - c[2].y);
    var a = ((c[1].y - c[2].y) * (x - c[2].x) + (c[2].x - c[1].x) * (y - c[2].y)) / d;
    var b = ((c[2].y - c[0].y) * (x - c[2].x) + (c[0].x - c[2].x) * (y - c[2].y)) / d;
    var w = [a, b, 1 - a - b].map(function (v) { return Math.max(0, v); });
    var sum = w[0] + w[1] + w[2];
    var exact = w.map(function (v) { return v / sum * 100; });
    var whole = exact.map(Math.floor);
    var left = 100 - whole[0] - whole[1] - whole[2];
    [0, 1, 2].sort(function (i, j) { return (exact[j] - whole[j]) - (exact[i] - whole[i]); })
      .slice(0, left).forEach(function (i) { whole[i] += 1; });
    return whole;
  }

  function setUpTriad(fieldset) {
    var svg = fieldset.querySelector("svg");
    var marker = svg.querySelector(".marker");
    var inputs = fieldset.querySelectorAll("[data-weight]");
    var sum = fieldset.querySelector("[data-sum]");
    var c = corners(svg);

    function showMarker(weights) {
      var total = weights[0] + weights[1] + weights[2];
      if (!(total > 0) || weights.some(function (w) { return isNaN(w) || w < 0; })) { marker.classList.add("unplaced"); return; }
      marker.setAttribute("cx", (weights[0] * c[0].x + weights[1] * c[1].x + weights[2] * c[2].x) / total);
      marker.setAttribute("cy", (weights[0] * c[0].y + weights[1] * c[1].y + weights[2] * c[2].y) / total);
      marker.classList.remove("unplaced");
    }

    function showSum() {
      var values = Array.prototype.map.call(inputs, function (i) { return i.value.trim() === "" ? NaN : parseFloat(i.value); });
      var total = values.reduce(function (s, v) { return s + (isNaN(v) ? 0 : v); }, 0);
      sum.textContent = values.every(isNaN) ? "" : "Adds up to " + Math.round(total * 10) / 10 + " %" + (Math.abs(total - 100) <= 1 ? "." : " — it needs to be 100 %.");
      showMarker(values);
    }

    function place(event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX; point.y = event.clientY;
      var at = point.matrixTransform(svg.getScreenCTM().inverse());
      var weights = weightsAt(c, at.x, at.y);
      inputs.forEach(function (input, i) { input.value = weights[i]; });
      showSum();
    }

    svg.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      svg.setPointerCapture(event.pointerId);
      place(event);
    });
    svg.addEventListener("pointermove", function (event) { if (svg.hasPointerCapture(event.pointerId)) place(event); });
    inputs.forEach(function (input) { input.addEventListener("input", showSum); });
    showSum();
  }

  function setUpDyad(fieldset) {
    var slider = fieldset.querySelector("input[type=range]");
    var skip = fieldset.querySelector("input[type=checkbox]");
    slider.addEventListener("input", function () { skip.checked = false; });
  }

  document.querySelectorAll("[data-triad]").forEach(setUpTriad);
  document.querySelectorAll("[data-dyad]").forEach(setUpDyad);
})();
