// The course theme's script. No network, no cookies; works from file:// and with
// the keyboard alone. Progress lives in this browser's localStorage only.
(function () {
  "use strict";

  // --- navigation: folded away on narrow screens, always shown on wide ones ---------
  var toggle = document.querySelector(".course-nav-toggle");
  if (toggle && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 60rem)");
    var apply = function () { toggle.open = !narrow.matches; };
    apply();
    if (narrow.addEventListener) narrow.addEventListener("change", apply);
  }

  // --- search from file://: the result summaries would be fetched, which a browser refuses
  if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  }

  // --- printing: open every folded section, then restore ----------------------------
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      reopened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  // --- code that scrolls sideways: reachable with the keyboard, and named --------------
  // A <pre> wider than its box scrolls (overflow-x: auto in course.css). Keyboard users
  // scroll it only if it can take the focus, and what takes the focus needs a name; code
  // that fits gets neither (no empty tab stops). Rechecked whenever a block's size changes:
  // a narrow window, a folded section opened, the checker showing its template. The name
  // says which block it is: a page may have several, and landmarks' names must differ.
  var LANGUAGES = { console: "console", python: "Python", yaml: "YAML", json: "JSON", toml: "TOML" };
  function codeName(pre, number) {
    var wrapper = pre.closest(".literal-block-wrapper");
    var caption = wrapper && wrapper.querySelector(".code-block-caption .caption-text");
    var title = caption ? caption.textContent.trim() : "";
    var match = /(?:^|\s)highlight-(\S+)/.exec((pre.closest("[class*='highlight-']") || pre).className);
    var language = match ? LANGUAGES[match[1]] : "";
    return "Code block " + number + (language ? " (" + language + ")" : "") +
      (title ? ": " + title : "") + ", scrolls sideways";
  }

  function markScrolling(pre, index) {
    var scrolls = pre.scrollWidth > pre.clientWidth + 1;
    if (scrolls && !pre.hasAttribute("tabindex")) {
      pre.setAttribute("tabindex", "0");
      pre.setAttribute("role", "region");
      pre.setAttribute("aria-label", codeName(pre, index + 1));
      pre.setAttribute("data-course-scrolls", "");
    } else if (!scrolls && pre.hasAttribute("data-course-scrolls")) {
      ["tabindex", "role", "aria-label", "data-course-scrolls"].forEach(function (name) {
        pre.removeAttribute(name);
      });
    }
  }

  var codeBlocks = Array.prototype.slice.call(document.querySelectorAll("main pre"));
  codeBlocks.forEach(markScrolling);
  if (window.ResizeObserver) {
    var resized = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        markScrolling(entry.target, codeBlocks.indexOf(entry.target));
      });
    });
    codeBlocks.forEach(function (pre) { resized.observe(pre); });
  } else {
    window.addEventListener("resize", function () { codeBlocks.forEach(markScrolling); });
  }

  // --- progress: stored in this browser only ------------------------------------------
  var idMeta = document.querySelector('meta[name="course-id"]');
  var KEY = "course-progress:" + (idMeta ? idMeta.content : "course");
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(KEY + ":probe", "1");
    storage.removeItem(KEY + ":probe");
  } catch (e) {
    storage = null; // private mode or disabled: the page works without progress
  }

  function load() {
    var empty = { v: 1, done: {}, quiz: {}, exercise: {}, unit: {} };
    if (!storage) return empty;
    try {
      var data = JSON.parse(storage.getItem(KEY) || "null");
      if (data && data.v === 1 && data.done && data.quiz) {
        // entries written before exercises (or units) were recorded have no map for them
        if (!data.exercise || typeof data.exercise !== "object") data.exercise = {};
        if (!data.unit || typeof data.unit !== "object") data.unit = {};
        return data;
      }
    } catch (e) { /* a damaged entry starts afresh */ }
    return empty;
  }

  function save(data) {
    if (!storage) return false;
    try {
      storage.setItem(KEY, JSON.stringify(data));
    } catch (e) {
      return false; // full or blocked since the page loaded: the page goes on working
    }
    try {
      document.dispatchEvent(new CustomEvent("course-progress-change"));
    } catch (e) { /* an old browser without CustomEvent: nobody is listening */ }
    return true;
  }

  var progress = load();

  function isDone(moduleId) { return Object.prototype.hasOwnProperty.call(progress.done, moduleId); }

  function render() {
    document.querySelectorAll(".course-done-toggle").forEach(function (button) {
      var done = isDone(button.dataset.module);
      button.setAttribute("aria-pressed", done ? "true" : "false");
      button.textContent = done ? "Done: marked as finished (select to undo)" : "Mark this module as done";
      button.parentElement.hidden = !storage;
    });
    document.querySelectorAll("tr.course-module-row").forEach(function (row) {
      var match = /(?:^|\s)course-m-(\S+)/.exec(row.className);
      if (!match) return;
      var done = isDone(match[1]);
      row.classList.toggle("course-done", done);
      var link = row.querySelector("td a");
      var cell = link ? link.closest("td") : row.querySelector("td");
      var tick = row.querySelector(".course-tick");
      if (done && !tick && cell) {
        tick = document.createElement("span");
        tick.className = "course-tick";
        tick.innerHTML = '<span aria-hidden="true">✓</span><span class="course-visually-hidden">done:</span> ';
        (cell.querySelector("p") || cell).prepend(tick);
      } else if (!done && tick) {
        tick.remove();
      }
    });
    document.querySelectorAll("li[data-module]").forEach(function (item) {
      item.classList.toggle("course-done", isDone(item.dataset.module));
    });
    document.querySelectorAll(".course-path-progress").forEach(function (box) {
      var modules = (box.dataset.modules || "").split(" ").filter(Boolean);
      var count = modules.filter(isDone).length;
      box.hidden = !storage;
      if (box.classList.contains("course-path-progress-inline")) {
        box.textContent = " (" + count + " done)";
        return;
      }
      var bar = box.querySelector("progress");
      if (bar) bar.value = count;
      var text = box.querySelector(".course-path-progress-text");
      if (text) text.textContent = count + " of " + modules.length + " modules done";
    });
    var panel = document.querySelector(".course-progress-panel");
    if (panel) {
      panel.hidden = !storage;
      var total = Object.keys(progress.done).length;
      panel.querySelector(".course-progress-summary").textContent = total
        ? total + (total === 1 ? " module" : " modules") + " marked as done."
        : "No modules marked as done yet.";
    }
    renderUnits();
    document.querySelectorAll("section.course-quiz").forEach(function (quiz) {
      var results = progress.quiz[quiz.dataset.quiz];
      var line = quiz.querySelector(".course-quiz-saved");
      if (!results) { if (line) line.remove(); return; }
      var asked = quiz.querySelectorAll("fieldset.course-quiz-question").length;
      var right = Object.keys(results).filter(function (q) { return results[q]; }).length;
      if (!line) {
        line = document.createElement("p");
        line.className = "course-quiz-saved";
        quiz.appendChild(line);
      }
      line.textContent = "Your answers so far: " + right + " of " + asked + " right.";
    });
  }

  // --- units: a unit is reached when its quick check is answered --------------------
  // progress.unit[module] = { n: the highest unit answered, of: the units, next: the
  // title of the unit after it }, so the catalogue can say where to continue
  function unitTitle(number) {
    var item = document.querySelector("ol.course-units > li.course-unit-" + number);
    if (!item) return "";
    var link = item.querySelector("a");
    return (link || item).textContent.replace(/\s*\(about .*$/, "").trim();
  }

  function recordUnit(section) {
    var module = section.dataset.module;
    var number = parseInt(section.dataset.unit, 10);
    var box = document.querySelector('.course-continue[data-module="' + module + '"]');
    var total = box ? parseInt(box.dataset.units, 10) : number;
    var known = progress.unit[module];
    if (known && known.n >= number) return;
    progress.unit[module] = { n: number, of: total, next: number < total ? unitTitle(number + 1) : "" };
    save(progress);
  }

  function continueLink(href, unit) {
    var link = document.createElement("a");
    link.href = href;
    link.textContent = "Continue at unit " + (unit.n + 1) + (unit.next ? ": " + unit.next : "");
    return link;
  }

  function renderUnits() {
    document.querySelectorAll(".course-continue[data-module]").forEach(function (box) {
      var unit = progress.unit[box.dataset.module];
      box.hidden = !unit || !storage;
      box.textContent = "";
      if (!unit) return;
      if (unit.n < unit.of) {
        box.appendChild(continueLink("#unit-" + (unit.n + 1), unit));
        box.appendChild(document.createTextNode(" (units 1 to " + unit.n + " checked in this browser)"));
      } else {
        box.textContent = "All " + unit.of + " units checked in this browser: the quiz and your artefact are next.";
      }
    });
    document.querySelectorAll("tr.course-module-row").forEach(function (row) {
      var match = /(?:^|\s)course-m-(\S+)/.exec(row.className);
      var old = row.querySelector(".course-continue-inline");
      if (old) old.remove();
      if (!match) return;
      var unit = progress.unit[match[1]];
      var page = row.querySelector("td a");
      if (!unit || unit.n >= unit.of || isDone(match[1]) || !page) return;
      var line = document.createElement("span");
      line.className = "course-continue-inline";
      line.appendChild(document.createTextNode(" "));
      line.appendChild(continueLink(page.getAttribute("href").split("#")[0] + "#unit-" + (unit.n + 1), unit));
      page.parentElement.appendChild(line);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".course-done-toggle");
    if (button) {
      var id = button.dataset.module;
      if (isDone(id)) delete progress.done[id];
      else progress.done[id] = new Date().toISOString().slice(0, 10);
      save(progress);
      render();
      return;
    }
    var reset = event.target.closest(".course-progress-reset");
    if (reset) {
      if (reset.dataset.armed !== "yes") {
        reset.dataset.armed = "yes";
        reset.textContent = "Select again to erase all progress";
        return;
      }
      progress = { v: 1, done: {}, quiz: {}, exercise: {}, unit: {} };
      if (storage) storage.removeItem(KEY);
      try {
        document.dispatchEvent(new CustomEvent("course-progress-change"));
      } catch (e) { /* nobody is listening */ }
      reset.dataset.armed = "";
      reset.textContent = "Reset my progress";
      render();
    }
  });

  // --- quizzes -------------------------------------------------------------------------
  // Quizzes are self-checks: each option says in data-right whether it is right (see
  // quiz_directive.py: the feedback would give the answer away anyway).
  function isRight(input) {
    return input.dataset.right === "true";
  }

  function checkQuestion(fieldset) {
    var section = fieldset.closest(".course-quiz");
    var quiz = section ? section.dataset.quiz : "";
    var inputs = fieldset.querySelectorAll("input");
    var result = fieldset.querySelector(".course-quiz-result");
    var question = inputs.length ? inputs[0].name.slice(("quiz-" + quiz + "-").length) : "";
    var chosen = 0;
    var allRight = true;
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var option = input.closest(".course-quiz-option");
      var feedback = option.querySelector(".course-quiz-feedback");
      var right = isRight(input);
      option.classList.remove("course-quiz-right", "course-quiz-wrong");
      if (input.checked) {
        chosen++;
        feedback.hidden = false;
        option.classList.add(right ? "course-quiz-right" : "course-quiz-wrong");
      } else {
        feedback.hidden = true;
      }
      if (input.checked !== right) allRight = false;
    }
    if (!chosen) {
      result.textContent = "Choose an answer first.";
      result.className = "course-quiz-result";
      return;
    }
    if (allRight) {
      result.textContent = "Correct. Read the feedback to see why.";
      result.className = "course-quiz-result course-quiz-result-right";
    } else {
      result.textContent = fieldset.dataset.kind === "multiple"
        ? "Not yet: read the feedback on your choices, then try again (more than one answer may be right)."
        : "Not yet: read the feedback on your choice, then try again.";
      result.className = "course-quiz-result course-quiz-result-wrong";
    }
    progress.quiz[quiz] = progress.quiz[quiz] || {};
    progress.quiz[quiz][question] = allRight;
    save(progress);
    if (section && section.dataset.unit) recordUnit(section);
    render();
  }

  document.querySelectorAll(".course-quiz-check").forEach(function (button) {
    button.addEventListener("click", function (event) {
      checkQuestion(event.target.closest("fieldset"));
    });
  });

  // --- exercises: the in-page checker (course-checker.js) records a passed check -------
  function exerciseDoneOn(exerciseId) {
    return Object.prototype.hasOwnProperty.call(progress.exercise, exerciseId)
      ? String(progress.exercise[exerciseId])
      : null;
  }

  window.CourseProgress = {
    storageAvailable: !!storage,
    // records today's date (the first pass is kept); true when it was stored
    markExercise: function (exerciseId) {
      if (!storage || !exerciseId) return false;
      if (exerciseDoneOn(exerciseId) !== null) return true;
      progress.exercise[exerciseId] = new Date().toISOString().slice(0, 10);
      if (save(progress)) return true;
      delete progress.exercise[exerciseId]; // not kept: say so rather than pretend
      return false;
    },
    isExerciseDone: function (exerciseId) { return exerciseDoneOn(exerciseId) !== null; },
    // the date (YYYY-MM-DD) the exercise was recorded as passed, or null
    exerciseDoneOn: exerciseDoneOn
  };

  render();
})();
