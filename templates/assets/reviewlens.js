// reviewlens: highlight the lines a URL fragment names (#L12, #L21-L53), let
// shift-click on a line number extend a range, copy links to lines and claims,
// show a claim's note beside its badge, show or hide notes by status, step
// through problems with j / k, expand folded lines in place, and sort and
// filter the comparison tables. Text that came from a report (a badge's
// title) is only ever set as textContent, never parsed as HTML.
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
    // Only lines the file has: a pasted #L9007199254740992 names nothing (past 2^53, n++ stands still).
    var source = document.querySelector('.rl-source[data-prefix="' + prefix + '"]');
    var last = source ? parseInt(source.getAttribute("data-lines"), 10) : 0;
    if (!(a >= 1 && a <= last)) return;
    b = Math.min(b, last);
    var first = null;
    for (var n = a; n <= b && n - a < 100000; n++) {
      var el = document.getElementById(prefix + "L" + n);
      if (!el) continue;
      el.classList.add("rl-hl");
      if (!first) first = el;
    }
    if (first) {
      first.scrollIntoView({ block: "center" });
      return;
    }
    // The line is folded away here: its lines are unfolded in place, from the page that shows them
    // (this report's notes stay in view); where that cannot be done, that page opens at the line.
    // Failing a gap, a part page's lines are found from the case page.
    var gaps = source.querySelectorAll(".rl-gap a[data-lines]");
    for (var i = 0; i < gaps.length; i++) {
      var span = /^(\d+)-(\d+)$/.exec(gaps[i].getAttribute("data-lines"));
      if (span && a >= parseInt(span[1], 10) && a <= parseInt(span[2], 10)) {
        var gap = gaps[i];
        unfold(gap).then(highlight, function () { window.location.replace(gap.href.split("#")[0] + window.location.hash); });
        return;
      }
    }
    var caseHref = source.getAttribute("data-case-href");
    if (caseHref) window.location.replace(caseHref + window.location.hash);
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
    offerCopy(link.parentNode, function () { return window.location.href.split("#")[0] + link.getAttribute("href"); });
  });

  // "Copy link": one small button, shown beside what was clicked.
  function copyText(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function copyButton(label, url) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rl-copy";
    button.textContent = label;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var link = url();
      copyText(link, function (ok) {
        button.textContent = ok ? "Copied" : "Copy failed: " + link;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
    return button;
  }

  var lineCopy = null;
  function offerCopy(line, url) {
    if (lineCopy && lineCopy.parentNode) lineCopy.parentNode.removeChild(lineCopy);
    lineCopy = copyButton("Copy link", url);
    line.appendChild(lineCopy);
  }

  // A claim's badge in the report text: a click (or Enter) opens its note beside
  // the text, with a link to its lines and one to copy; a second click closes it.
  document.addEventListener("click", function (event) {
    var badge = event.target.closest && event.target.closest("a.rl-badge");
    if (!badge || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var after = badge.closest("code") || badge;  // a badge inside inline code: its note goes after the code
    var open = after.nextElementSibling;
    if (open && open.classList.contains("rl-pop")) {
      open.parentNode.removeChild(open);
      badge.setAttribute("aria-expanded", "false");
      return;
    }
    var id = badge.textContent.replace(/[^0-9]/g, "");  // the claim number after its status glyph
    var pop = document.createElement("span");
    pop.className = "rl-pop " + badge.className.replace("rl-badge", "").trim();
    pop.setAttribute("role", "note");
    var text = document.createElement("span");
    text.className = "rl-pop-text";
    // `code` in the note shows as code; every piece is set as text, none parsed.
    (badge.getAttribute("data-note") || ("Claim " + id)).split("`").forEach(function (piece, i) {
      var part = document.createElement(i % 2 ? "code" : "span");
      part.textContent = piece;
      text.appendChild(part);
    });
    pop.appendChild(text);
    var go = document.createElement("a");
    go.href = badge.getAttribute("href");
    go.textContent = RANGE.test(go.getAttribute("href")) ? "Show on the code" : "Its row in the claims table";
    pop.appendChild(go);
    pop.appendChild(copyButton("Copy link", function () { return window.location.href.split("#")[0] + "#claim-" + id; }));
    after.parentNode.insertBefore(pop, after.nextSibling);
    badge.setAttribute("aria-expanded", "true");
  });

  // Notes on the code: show or hide them by status; j / k (or the buttons) go to
  // the next / previous note that reports a problem, among those shown.
  // One stop per problem: a wrong-line claim's second note (where its code really is) is not another.
  var PROBLEMS = [".rl-note.rl-st-wrong_line:not(.rl-role-actual)", ".rl-note.rl-st-not_in_source:not(.rl-role-actual)",
                  ".rl-note.rl-st-out_of_range:not(.rl-role-actual)", ".rl-note.rl-st-missed"];

  function applyNoteFilter(bar) {
    var shown = {};
    bar.querySelectorAll("input[data-status]").forEach(function (box) { shown[box.getAttribute("data-status")] = box.checked; });
    document.querySelectorAll(".rl-notes").forEach(function (block) {
      var any = false;
      Array.prototype.forEach.call(block.children, function (note) {
        var status = (note.className.match(/rl-st-(\w+)/) || [])[1];
        var visible = !(status in shown) || shown[status];
        note.hidden = !visible;
        any = any || visible;
      });
      block.hidden = !any;
    });
  }

  function stepProblem(step) {
    var notes = Array.prototype.filter.call(document.querySelectorAll(PROBLEMS.join(",")), function (n) {
      return !n.hidden && !n.parentNode.hidden;
    });
    if (!notes.length) return;
    var current = document.querySelector(".rl-note.rl-current"), at = notes.indexOf(current), target = null;
    if (at >= 0) {
      target = notes[(at + step + notes.length) % notes.length];  // from the last one visited, wrapping round
    } else {
      var middle = window.innerHeight / 2;  // else from the middle of the screen
      notes.forEach(function (n) {
        var box = n.getBoundingClientRect(), centre = (box.top + box.bottom) / 2;
        if (step > 0 && centre > middle && !target) target = n;
        if (step < 0 && centre < middle) target = n;
      });
      if (!target) target = step > 0 ? notes[0] : notes[notes.length - 1];
    }
    if (current) current.classList.remove("rl-current");
    target.classList.add("rl-current");
    target.scrollIntoView({ block: "center" });
    var link = target.querySelector("a.rl-note-claim");
    if (link) link.focus({ preventScroll: true });
  }

  function enhanceNotes() {
    var bar = document.querySelector(".rl-notes-bar");
    if (!bar) return;
    bar.hidden = false;
    bar.addEventListener("change", function () { applyNoteFilter(bar); });
    bar.querySelectorAll("button[data-step]").forEach(function (button) {
      button.addEventListener("click", function () { stepProblem(parseInt(button.getAttribute("data-step"), 10)); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var t = event.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (event.key === "j") stepProblem(1);
      else if (event.key === "k") stepProblem(-1);
    });
  }

  // Folded lines: fetch them from the page that shows them (the case page, or a long file's part
  // page) and put them in place (the link still opens that page where fetching cannot work).
  // Resolves once the rows stand where the gap was.
  function unfold(link) {
    var span = /^(\d+)-(\d+)$/.exec(link.getAttribute("data-lines"));
    var m = RANGE.exec("#" + (link.getAttribute("href").split("#")[1] || ""));
    if (!span || !m || !window.fetch || !window.DOMParser) return Promise.reject(new Error("cannot unfold"));
    var gap = link.parentNode;
    return fetch(link.href.split("#")[0], { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");  // parsed inert: no script runs
      var lines = [];
      for (var n = parseInt(span[1], 10); n <= parseInt(span[2], 10); n++) {
        var line = doc.getElementById(m[1] + "L" + n);
        if (!line) throw new Error("line " + n + " missing");
        var row = document.importNode(line, true);
        var cells = row.querySelector(".rl-cells");  // the case page's column per report: kept on a grid
        if (cells && !gap.closest(".rl-source").hasAttribute("data-grid")) {
          var mark = document.createElement("span");
          mark.className = "rl-mark";
          mark.setAttribute("aria-hidden", "true");
          row.replaceChild(mark, cells);
        }
        lines.push(row);
      }
      lines.forEach(function (row) { gap.parentNode.insertBefore(row, gap); });
      gap.parentNode.removeChild(gap);
      return lines;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".rl-gap a[data-lines]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    unfold(link).then(function (lines) {
      if (lines.length) lines[0].querySelector("a.rl-ln").focus({ preventScroll: true });
    }, function () { window.location.href = link.href; });
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
          var who = row.querySelector(".rl-who");
          var text = who ? who.textContent : row.textContent;
          row.hidden = q !== "" && text.toLowerCase().indexOf(q) === -1;
        });
        retotal(table, body);
      });
    }
  }

  // The totals row of the rows a filter leaves: each row carries its counts
  // (data-summed), in the order the totals row names them (data-summed-keys).

  // As the site prints a ratio (vocabulary.pct): ten-thousandths, then whole percents rounded half up.
  function pct(k, n) { return n ? Math.floor((Math.round(k / n * 10000) + 50) / 100) + "%" : "n/a"; }

  function retotal(table, body) {
    var foot = table.querySelector("tfoot .rl-totals[data-summed-keys]");
    if (!foot) return;
    var keys = foot.getAttribute("data-summed-keys").split(" "), sum = {};
    keys.forEach(function (key) { sum[key] = 0; });
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.hidden || !row.hasAttribute("data-summed")) return;
      row.getAttribute("data-summed").split(" ").forEach(function (v, i) { sum[keys[i]] += parseInt(v, 10) || 0; });
    });
    // The claims that count: the names any reader finds (trivial) are left out, as the site counts them.
    var counted = sum.correct + sum.wrong_line + sum.not_in_source + sum.out_of_range - (sum.trivial || 0);
    var right = sum.correct - (sum.trivial || 0);
    var judged = sum.judged > 0;
    var values = {
      reports: sum.reports === 1 ? "The one report" : "All " + sum.reports + " reports",
      accuracy: pct(right, counted) + (counted ? " " + right + "/" + counted : ""),
      precision: judged ? pct(sum.tp, sum.tp + sum.fp) : "n/a",
      recall: judged ? pct(sum.tp, sum.tp + sum.fn) : "n/a",
      f1: judged ? pct(2 * sum.tp, 2 * sum.tp + sum.fp + sum.fn) : "n/a"
    };
    var shownRows = Array.prototype.filter.call(body.rows, function (row) { return !row.hidden; }).length;
    if (shownRows !== body.rows.length) values.reports = sum.reports + " of " + body.rows.length + " reports (filtered)";
    foot.querySelectorAll("[data-total]").forEach(function (cell) {
      var key = cell.getAttribute("data-total");
      cell.textContent = key in values ? values[key] : String(sum[key]);
    });
  }

  // The claims table by status: the counts at the top of a report page and the buttons above the
  // table show only the claims of one status ("" shows all).
  function filterClaims(status) {
    var bar = document.querySelector(".rl-status-filter");
    document.querySelectorAll(".rl-claims tbody tr").forEach(function (row) {
      row.hidden = Boolean(status) && !row.classList.contains("rl-st-" + status);
    });
    if (bar) bar.querySelectorAll("button[data-status]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-status") === status));
    });
  }

  function enhanceClaims() {
    var bar = document.querySelector(".rl-status-filter");
    if (!bar) return;
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-status]");
      if (button) filterClaims(button.getAttribute("data-status"));
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.rl-count[data-status]");
      if (link) filterClaims(link.getAttribute("data-status"));  // and the link goes to the table
    });
  }

  function enhanceAll() { document.querySelectorAll(".rl-sortable").forEach(enhance); enhanceNotes(); enhanceClaims(); }

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
