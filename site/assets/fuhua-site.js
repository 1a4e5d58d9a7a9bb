/* Every page of the site: search that reacts to typed Chinese, and tables readable by everyone.
 * - Material reads the search query on key events; text from an input method (IME) or a paste sends
 *   none, so the query is passed on at each input (outside a composition) and at composition end.
 * - Each data cell gets its column's heading as data-label: on phones the CSS shows every row as a
 *   card of "heading: value" lines instead of a table cut off at the screen's edge.
 * - A table wider than its column can be scrolled with the keyboard: its scroll box is focusable
 *   and named (WCAG 2.1.1). */
(function () {
  "use strict";

  function wireSearch() {
    var box = document.querySelector("input.md-search__input");
    if (!box || box.getAttribute("data-fuhua-search")) return;
    box.setAttribute("data-fuhua-search", "1");
    var pass = function () { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); };
    box.addEventListener("input", function (e) { if (!e.isComposing) pass(); });
    box.addEventListener("compositionend", pass);
  }

  function labelCells(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".md-typeset table"), function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (heads.length >= 3) table.setAttribute("data-fuhua-cards", "");  // two columns fit a phone as they are
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          if (heads[i] && !td.hasAttribute("data-label")) td.setAttribute("data-label", heads[i]);
        });
      });
    });
  }

  function scrollBoxes(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表格（可用方向键左右滚动）");
      } else if (!scrolls && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  function tidy() {
    wireSearch();
    labelCells(document);
    scrollBoxes(document);
  }
  window.fuhuaTidyTables = function (root) { labelCells(root || document); scrollBoxes(root || document); };
  if (document.readyState === "complete") setTimeout(tidy, 0);
  else window.addEventListener("load", function () { setTimeout(tidy, 0); });
  document.addEventListener("DOMContentLoaded", function () { setTimeout(tidy, 0); });
  window.addEventListener("resize", function () { scrollBoxes(document); });
})();
