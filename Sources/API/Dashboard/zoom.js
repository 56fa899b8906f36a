// Drag-to-zoom on a time trace: the dragged span goes to `onRange(from, to)`
// in the chart's x units, and the page reads that range again from the API
// at full resolution (the API thins long ranges to max_points, so zooming
// into thinned points would show nothing new). Pointer events, so a finger
// drags too; the canvas keeps vertical panning for the page's scroll.
"use strict";

function enableZoom(chart, onRange) {
  const canvas = chart.canvas;
  const box = canvas.parentNode.querySelector(".selection");
  let start = null;
  const place = (a, b) => {
    box.style.left = `${Math.min(a, b)}px`;
    box.style.width = `${Math.abs(b - a)}px`;
  };
  canvas.addEventListener("pointerdown", (event) => {
    start = event.offsetX;
    canvas.setPointerCapture(event.pointerId);
    place(start, start);
    box.hidden = false;
  });
  canvas.addEventListener("pointermove", (event) => { if (start != null) place(start, event.offsetX); });
  canvas.addEventListener("pointerup", (event) => {
    if (start == null) return;
    const [a, b] = [start, event.offsetX].map((pixel) => chart.scales.x.getValueForPixel(pixel));
    const wide = Math.abs(event.offsetX - start) > 8;
    start = null;
    box.hidden = true;
    if (wide) onRange(Math.min(a, b), Math.max(a, b));
  });
  canvas.addEventListener("pointercancel", () => { start = null; box.hidden = true; });
}
