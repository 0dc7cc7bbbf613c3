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
    if (first) {
      first.scrollIntoView({ block: "center" });
    } else {
      // A report page folds uncited lines away: the case page shows every line.
      var block = document.querySelector(".rl-source[data-case-href]");
      var caseHref = block && block.getAttribute("data-case-href");
      if (caseHref && b <= 1000000) window.location.replace(caseHref + window.location.hash);
    }
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

  // Comparison tables: click a header to sort by it, type to filter rows.
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    if (!cell) return numeric ? -Infinity : "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw.replace("%", ""));
    return isNaN(n) ? -Infinity : n;
  }

  function enhance(wrap) {
    var table = wrap.querySelector("table");
    if (!table || !table.tBodies.length) return;
    var body = table.tBodies[0];
    table.querySelectorAll("thead th[data-sort-type]").forEach(function (th, index) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var numeric = th.getAttribute("data-sort-type") === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
    var filter = wrap.querySelector("input.rl-filter");
    if (filter) {
      filter.addEventListener("input", function () {
        var q = filter.value.trim().toLowerCase();
        Array.prototype.forEach.call(body.rows, function (row) {
          var text = (row.cells[0] ? row.cells[0].textContent : "") + " " + (row.cells[1] ? row.cells[1].textContent : "");
          row.hidden = q !== "" && text.toLowerCase().indexOf(q) === -1;
        });
      });
    }
  }

  function enhanceAll() { document.querySelectorAll(".rl-sortable").forEach(enhance); }

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
