// reviewlens: highlight the lines a URL fragment names (#L12, #L21-L53) and
// let shift-click on a line number extend a range. No content of any report
// reaches this script; it reads only element ids and the URL.
(function () {
  "use strict";
  // "#L12", "#L21-L53"; files after the first have a prefix: "#f2-L12", "#f2-L3-L9"
  var RANGE = /^#((?:f\d+-)?)L(\d+)(?:-L(\d+))?$/;

  function clear() {
    document.querySelectorAll(".rl-line.rl-hl").forEach(function (el) { el.classList.remove("rl-hl"); });
  }

  function highlight() {
    var m = RANGE.exec(window.location.hash);
    clear();
    if (!m) return;
    var prefix = m[1], a = parseInt(m[2], 10), b = m[3] ? parseInt(m[3], 10) : a;
    if (b < a) { var t = a; a = b; b = t; }
    var first = null;
    for (var n = a; n <= b && n - a < 100000; n++) {
      var el = document.getElementById(prefix + "L" + n);
      if (!el) continue;
      el.classList.add("rl-hl");
      if (!first) first = el;
    }
    if (first) first.scrollIntoView({ block: "center" });
  }

  var anchor = null; // the last line number clicked: {prefix, n}
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.rl-ln");
    if (!link) return;
    var m = RANGE.exec(link.getAttribute("href"));
    if (!m) return;
    var here = { prefix: m[1], n: parseInt(m[2], 10) };
    if (event.shiftKey && anchor && anchor.prefix === here.prefix && anchor.n !== here.n) {
      event.preventDefault();
      var lo = Math.min(anchor.n, here.n), hi = Math.max(anchor.n, here.n);
      history.replaceState(null, "", "#" + here.prefix + "L" + lo + "-L" + hi);
      highlight();
      return;
    }
    anchor = here;
  });

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
