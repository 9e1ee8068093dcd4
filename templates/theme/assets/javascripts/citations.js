/* Citations readable in place: hovering, focusing or tapping a citation number shows its source
 * (from the page's own reference list) in a small popover. Without this script the number is a
 * plain link to the bibliography entry; with it, a mouse click or Enter still follows that link,
 * and a first tap on a touch screen shows the source, a second tap follows the link.
 */
(function () {
  "use strict";

  var SOURCE = /(?:^|\/)sources\/(?:index\.html)?#source-([a-z0-9-]+)$/;
  var popover = null;
  var owner = null;
  var hideTimer = 0;
  var openBeforeTap = false;

  function referenceFor(link) {
    var match = SOURCE.exec(link.getAttribute("href") || "");
    return match ? document.getElementById("ref-" + match[1]) : null;
  }

  function ensurePopover() {
    if (popover) { return popover; }
    popover = document.createElement("div");
    popover.id = "citation-popover";
    popover.className = "citation-popover md-typeset";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    popover.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(popover);
    return popover;
  }

  function show(link) {
    var reference = referenceFor(link);
    if (!reference) { return false; }
    window.clearTimeout(hideTimer);
    var box = ensurePopover();
    box.innerHTML = "";
    var copy = reference.cloneNode(true);
    copy.removeAttribute("id");
    box.appendChild(copy);
    box.hidden = false;
    if (owner && owner !== link) { owner.removeAttribute("aria-describedby"); }
    owner = link;
    link.setAttribute("aria-describedby", box.id);
    place(link, box);
    return true;
  }

  function place(link, box) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    var below = rect.bottom + window.scrollY + 6;
    box.style.top = below + "px";
    var height = box.offsetHeight;
    if (rect.bottom + height + 6 > window.innerHeight && rect.top > height + 6) {
      box.style.top = (rect.top + window.scrollY - height - 6) + "px";
    }
  }

  function hide() {
    if (!popover) { return; }
    popover.hidden = true;
    if (owner) { owner.removeAttribute("aria-describedby"); }
    owner = null;
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 300);
  }

  function citationOf(target) {
    var link = target && target.closest ? target.closest("a[href]") : null;
    if (!link || link.closest(".reference, .citation-popover")) { return null; }
    return referenceFor(link) ? link : null;
  }

  document.addEventListener("pointerover", function (event) {
    var link = citationOf(event.target);
    if (link && event.pointerType === "mouse") { show(link); }
  });
  document.addEventListener("pointerout", function (event) {
    var link = citationOf(event.target);
    if (link && event.pointerType === "mouse" && !link.contains(event.relatedTarget)) { scheduleHide(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = citationOf(event.target);
    if (link) { show(link); }
  });
  document.addEventListener("focusout", function (event) {
    if (citationOf(event.target)) { scheduleHide(); }
  });
  document.addEventListener("pointerdown", function (event) {
    // A tap focuses the link (which shows the popover) before its click: remember the state before.
    var link = citationOf(event.target);
    openBeforeTap = Boolean(link && owner === link && popover && !popover.hidden);
  });
  document.addEventListener("click", function (event) {
    var link = citationOf(event.target);
    var touch = event.pointerType === "touch" || event.pointerType === "pen";
    if (link && touch && !openBeforeTap) {
      // The first tap shows the source; the link is followed by a second tap.
      if (show(link)) { event.preventDefault(); }
    } else if (!link && popover && !popover.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
  window.addEventListener("resize", hide);
})();
