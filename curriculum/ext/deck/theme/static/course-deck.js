/* The course's decks: reveal.js with speaker notes (press S), from disk, nothing
   fetched. Print one slide a page with ?print-pdf (curriculum slides --pdf). */
(function () {
  "use strict";
  var WIDTH = 1280;
  var HEIGHT = 720;
  var SMALLEST = 60; // per cent: below this a slide is too full to read; lint warns earlier

  /* A slide whose content is taller than the slide gets smaller text, step by step. */
  function fit(slide, again) {
    if (!slide || (slide.dataset.fitted && !again)) return;
    var size = 100;
    slide.style.fontSize = "";
    while (slide.scrollHeight > HEIGHT && size > SMALLEST) {
      size -= 5;
      slide.style.fontSize = size + "%";
    }
    slide.dataset.fitted = String(size);
  }

  function slides() {
    return Array.prototype.slice.call(document.querySelectorAll(".reveal .slides section[id]"));
  }

  var printing = /print-pdf/i.test(window.location.search);
  if (printing) {
    // reveal.js lays out the pages between animation frames; headless Chromium, which
    // prints the deck (curriculum slides --pdf), gives a page it is about to print no
    // frames, only (virtual) time: so frames become timers, and the layout always ends
    window.requestAnimationFrame = function (callback) {
      return window.setTimeout(function () { callback(window.performance.now()); }, 16);
    };
  }

  Reveal.initialize({
    hash: true,
    width: WIDTH,
    height: HEIGHT,
    margin: 0.04,
    center: false,
    controls: true,
    progress: true,
    slideNumber: "c/t",
    transition: "none",
    // a PDF has one page a slide, the answer of a quiz question already shown
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins: [RevealNotes]
  }).then(function () {
    if (!printing) fit(Reveal.getCurrentSlide());
  });
  Reveal.on("slidechanged", function (event) { fit(event.currentSlide); });
  // once the slides are laid out as pages (their width and fonts as printed)
  Reveal.on("pdf-ready", function () {
    slides().forEach(function (slide) { fit(slide, true); });
  });
})();
