/* Tables on a phone: each cell is labelled with its column, so that the stylesheet can show the
 * rows of a table as stacked cards on a narrow screen instead of cutting off the right-hand
 * columns. Without this script, narrow tables scroll sideways behind a visible shadow cue.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("article table"), function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!headings.length) { return; }
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (headings[index]) { cell.setAttribute("data-label", headings[index]); }
      });
    });
    table.classList.add("stacks-on-phone");
  });
})();
