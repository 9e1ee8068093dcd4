/* Long chapters a reader can narrow.
 *
 * Without this script every record is on the page, grouped in <details> sections that a reader
 * opens. With it, the chapter's filter bar (rendered hidden by the templates) narrows the
 * records marked `data-record` by their `data-<facet>` values, keeps the choice in the URL
 * query so a filtered view can be shared, and any #anchor opens its record even when it is
 * filtered out or in a closed section.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.record-filter");
  var selects = form ? Array.prototype.slice.call(form.querySelectorAll("select")) : [];
  var records = Array.prototype.slice.call(document.querySelectorAll("[data-record]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".record-group"));
  var openedByFilter = [];

  function unitOf(record) {
    // A figure is a table row: its marker is a span inside the row.
    return record.closest("tr") || record;
  }

  function valuesOf(record, key) {
    return (record.getAttribute("data-" + key) || "").split(" ");
  }

  function chosen() {
    var choice = {};
    selects.forEach(function (select) {
      if (select.value) { choice[select.name] = select.value; }
    });
    return choice;
  }

  function matches(record, choice, except) {
    return Object.keys(choice).every(function (key) {
      return key === except || valuesOf(record, key).indexOf(choice[key]) !== -1;
    });
  }

  // The page's own words (its language's), with {placeholders}: "All {records}; ...", "41 events".
  function words(name, values) {
    return form.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function counted(count) {
    var plural = count === 0 ? "zero" : count === 1 ? "one" : "many";
    return form.getAttribute("data-" + plural).replace(/\d+/, String(count));
  }

  function apply(choice) {
    var active = Object.keys(choice).length > 0;
    var shown = 0;
    records.forEach(function (record) {
      var visible = matches(record, choice);
      unitOf(record).hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      var inside = group.querySelectorAll("[data-record]");
      var visible = Array.prototype.filter.call(inside, function (record) { return !unitOf(record).hidden; });
      group.hidden = inside.length > 0 && visible.length === 0;
      var details = group.querySelector("details");
      if (!details) { return; }
      var summary = details.querySelector("summary");
      if (!summary.hasAttribute("data-label")) { summary.setAttribute("data-label", summary.textContent); }
      summary.textContent = summary.getAttribute("data-label") +
        (active && inside.length ? words("shown", { count: visible.length }) : "");
      if (active && visible.length && !details.open) {
        details.open = true;
        openedByFilter.push(details);
      }
    });
    if (!active) {
      openedByFilter.forEach(function (details) { details.open = false; });
      openedByFilter = [];
    }
    // Each option says how many records it would leave, given the other choices.
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) { return; }
        var count = records.filter(function (record) {
          return matches(record, choice, select.name) && valuesOf(record, select.name).indexOf(option.value) !== -1;
        }).length;
        if (!option.hasAttribute("data-label")) { option.setAttribute("data-label", option.textContent); }
        option.textContent = option.getAttribute("data-label") + " (" + count + ")";
        option.disabled = count === 0 && select.value !== option.value;
      });
    });
    form.querySelector(".record-filter__count").textContent = active
      ? words("showing", { shown: shown, records: counted(records.length) })
      : words("all", { records: counted(records.length) });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
      select.value = known ? value : "";
    });
  }

  function writeUrl(choice) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) { params.delete(select.name); });
    Object.keys(choice).forEach(function (key) { params.set(key, choice[key]); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function changed() {
    var choice = chosen();
    writeUrl(choice);
    apply(choice);
  }

  /* An #anchor (a citation, a link from another chapter, the table of contents) always shows its
     target: the filter is cleared if it hides it, and the closed sections around it open. */
  function reveal(id, scroll) {
    var target = id && document.getElementById(id);
    if (!target) { return; }
    if (form && target.closest("[hidden]") && !form.contains(target)) {
      form.reset();
      changed();
    }
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; }
    }
    // The heading of a group (a day, a stance, a metric) opens the records under it.
    var group = /^H[1-6]$/.test(target.tagName) && target.parentElement.classList.contains("record-group")
      ? target.parentElement.querySelector("details") : null;
    if (group) { group.open = true; }
    if (scroll) { target.scrollIntoView(); }
  }

  function hashId() {
    try { return decodeURIComponent(window.location.hash.slice(1)); } catch (error) { return ""; }
  }

  if (form) {
    form.hidden = false;
    readUrl();
    apply(chosen());
    selects.forEach(function (select) { select.addEventListener("change", changed); });
    form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  if (hashId()) { reveal(hashId(), true); }
  window.addEventListener("hashchange", function () { reveal(hashId(), true); });
  /* A link to an anchor of this page ("#x" or "./#x"): show its target first (a click on the
     anchor already in the URL fires no hashchange), and keep the filter's query in the URL. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname || url.hash.length < 2) { return; }
    var id;
    try { id = decodeURIComponent(url.hash.slice(1)); } catch (error) { return; }
    reveal(id, false);
    if (url.search !== window.location.search) {
      event.preventDefault();
      window.location.hash = url.hash;
    }
  });
})();
