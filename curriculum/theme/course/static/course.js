// Fold the course navigation away on narrow screens; wide screens always show it.
(function () {
  "use strict";
  var toggle = document.querySelector(".course-nav-toggle");
  if (!toggle || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 60rem)");
  function apply() { toggle.open = !narrow.matches; }
  apply();
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
})();
