// reviewlens: highlight the lines a URL fragment names (#L12, #L21-L53) and
// let shift-click on a line number extend a range. No content of any report
// reaches this script; it reads only element ids and the URL.
(function () {
  "use strict";
  var RANGE = /^#L(\d+)(?:-L(\d+))?$/;

  function clear() {
    document.querySelectorAll(".rl-line.rl-hl").forEach(function (el) { el.classList.remove("rl-hl"); });
  }

  function highlight() {
    var m = RANGE.exec(window.location.hash);
    clear();
    if (!m) return;
    var a = parseInt(m[1], 10), b = m[2] ? parseInt(m[2], 10) : a;
    if (b < a) { var t = a; a = b; b = t; }
    var first = null;
    for (var n = a; n <= b && n - a < 100000; n++) {
      var el = document.getElementById("L" + n);
      if (!el) continue;
      el.classList.add("rl-hl");
      if (!first) first = el;
    }
    if (first) first.scrollIntoView({ block: "center" });
  }

  var anchorLine = null;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.rl-ln");
    if (!link) return;
    var n = parseInt(link.getAttribute("href").slice(2), 10);
    if (event.shiftKey && anchorLine !== null && anchorLine !== n) {
      event.preventDefault();
      var lo = Math.min(anchorLine, n), hi = Math.max(anchorLine, n);
      history.replaceState(null, "", "#L" + lo + "-L" + hi);
      highlight();
      return;
    }
    anchorLine = n;
  });

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
