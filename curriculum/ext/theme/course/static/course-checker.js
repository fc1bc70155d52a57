// The in-page checker's controls: every exercise's editor (the textarea the build
// writes, holding the template) gets a toolbar (check, open, download, start again),
// drafts kept in this browser's localStorage as they are typed, a line-number gutter
// and the checker's findings. The checking itself is course-checker-engine.js's
// (window.CourseChecker: the course's own validators, run in this browser).
// No network, no libraries, no learner text through innerHTML; works from file://.
(function () {
  "use strict";

  var NO_CHECKER = "The in-page checker is not part of this copy of the site: use the command below.";
  var NO_STORAGE = "This browser cannot keep your draft: download it before you leave the page.";
  var SAVE_FAILED = "This browser could not save your latest changes (the text may be too large, " +
    "or the browser's storage is full): download your file before you leave the page.";
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var SAVE_DELAY_MS = 300;

  var idMeta = document.querySelector('meta[name="course-id"]');
  var COURSE = idMeta && idMeta.content ? idMeta.content : "course";

  // --- storage: every call may throw (private mode, blocked, full), none may escape ---
  var storage = (function () {
    try {
      var s = window.localStorage;
      var probe = "course-draft:" + COURSE + ":probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function readItem(key) {
    if (!storage) return null;
    try { return storage.getItem(key); } catch (e) { return null; }
  }

  function writeItem(key, value) {
    if (!storage) return false;
    try {
      storage.setItem(key, value);
      return true;
    } catch (e) {
      return false;
    }
  }

  function removeItem(key) {
    if (!storage) return;
    try { storage.removeItem(key); } catch (e) { /* nothing more to do */ }
  }

  // a stored draft: {v: 1, text, saved}; anything else is damaged (and left alone)
  function parseEntry(raw) {
    if (raw === null) return null;
    try {
      var data = JSON.parse(raw);
      if (data && data.v === 1 && typeof data.text === "string") {
        return { text: data.text, saved: typeof data.saved === "string" ? data.saved : "" };
      }
    } catch (e) { /* damaged */ }
    return null;
  }

  function entry(text) {
    return JSON.stringify({ v: 1, text: text, saved: new Date().toISOString() });
  }

  // --- small helpers ----------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function makeButton(className, text) {
    var button = el("button", className, text);
    button.type = "button";
    return button;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function formatDateTime(iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return "";
    try {
      return date.toLocaleString(undefined, {
        year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit"
      });
    } catch (e) {
      return date.toLocaleString();
    }
  }

  function formatDay(day) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    if (!match) return day || "";
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    try {
      return date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return day;
    }
  }

  function countLines(text) {
    var count = 1;
    var at = text.indexOf("\n");
    while (at !== -1) {
      count++;
      at = text.indexOf("\n", at + 1);
    }
    return count;
  }

  // A file's text, read as the command line reads it: UTF-8 (a leading byte-order
  // mark is dropped by the decoder) or refused. A browser's
  // own reading would swap bytes it cannot decode for "\ufffd" and check other text
  // than the learner saved; the error says on which line the first such byte is.
  function readFileText(file) {
    var bytes = typeof file.arrayBuffer === "function" ? file.arrayBuffer() :
      new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () { resolve(reader.result); };
        reader.onerror = function () { reject(reader.error); };
        reader.readAsArrayBuffer(file);
      });
    return bytes.then(function (buffer) {
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
      } catch (e) {
        var loose = new TextDecoder("utf-8").decode(buffer);
        var at = loose.indexOf("\ufffd");
        var error = new Error("not UTF-8");
        error.notUtf8 = true;
        error.line = at === -1 ? 0 : loose.slice(0, at).split("\n").length;
        throw error;
      }
    });
  }

  // --- the engine -------------------------------------------------------------------
  var engine = window.CourseChecker;
  var engineReady = !!(engine && engine.available && typeof engine.check === "function");
  var running = []; // the checkers waiting for the engine, told its status
  if (engineReady) {
    var previousStatus = engine.onstatus;
    try {
      engine.onstatus = function (status, detail) {
        running.slice().forEach(function (checker) { checker.engineStatus(status, detail); });
        if (typeof previousStatus === "function") {
          try { previousStatus(status, detail); } catch (e) { /* not ours */ }
        }
      };
    } catch (e) { /* a frozen engine object: the status line then says "Checking…" only */ }
  }

  var checkers = [];

  function setup(block, index) {
    var textarea = block.querySelector("textarea.course-checker-text") || block.querySelector("textarea");
    if (!textarea || block.classList.contains("course-checker-ready")) return null;
    block.classList.add("course-checker-ready");

    var exercise = block.dataset.exercise || textarea.id || "exercise-" + index;
    var artefact = block.dataset.artefact || "answer.txt";
    var format = (block.dataset.format || "").toLowerCase();
    var template = textarea.defaultValue;
    var key = "course-draft:" + COURSE + ":" + exercise;
    var backupKey = key + ":backup";
    var uid = (textarea.id || "course-checker-" + index);
    if (!textarea.id) textarea.id = uid;

    // the editor shows the template, so its code block is hidden on screen (never in print)
    var section = block.closest(".course-exercise");
    if (section) {
      section.classList.add("course-checker-on");
      section.querySelectorAll(".course-template").forEach(function (code) {
        var wrapper = code.closest(".literal-block-wrapper");
        if (!wrapper || !section.contains(wrapper)) wrapper = code;
        if (!wrapper.contains(block)) wrapper.classList.add("course-checker-template");
      });
    }

    // --- the controls, built here so that without JavaScript only the textarea shows ---
    var info = el("p", "course-checker-note");
    info.id = uid + "-note";
    info.setAttribute("aria-live", "polite");
    info.hidden = true;
    var warning = el("p", "course-checker-warning");
    warning.id = uid + "-warning";
    warning.setAttribute("aria-live", "polite");
    warning.hidden = true;

    var editor = el("div", "course-checker-editor");
    var gutter = el("div", "course-checker-gutter");
    gutter.setAttribute("aria-hidden", "true");
    var gutterLines = el("div", "course-checker-gutter-lines");
    var numbers = el("div", "course-checker-numbers");
    var flagLayer = el("div", "course-checker-flags");
    gutterLines.appendChild(numbers);
    gutterLines.appendChild(flagLayer);
    gutter.appendChild(gutterLines);
    textarea.parentNode.insertBefore(info, textarea);
    textarea.parentNode.insertBefore(warning, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
    editor.appendChild(gutter);
    editor.appendChild(textarea);
    textarea.setAttribute("wrap", "off"); // one text line per gutter line
    if (engineReady) textarea.setAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");

    var toolbar = el("div", "course-checker-toolbar");
    toolbar.setAttribute("role", "group");
    toolbar.setAttribute("aria-label", "Your " + artefact);
    var checkButton = null;
    if (engineReady) {
      checkButton = makeButton("course-checker-button course-checker-check", "Check my file");
      toolbar.appendChild(checkButton);
    }
    var openButton = makeButton("course-checker-button course-checker-open", "Open a file…");
    var downloadButton = makeButton("course-checker-button course-checker-download", "Download " + artefact);
    var resetButton = makeButton("course-checker-button course-checker-reset", "Start again from the template");
    var undoButton = makeButton("course-checker-button course-checker-undo", "Undo: bring back my draft");
    undoButton.hidden = true;
    var fileInput = el("input", "course-checker-file");
    fileInput.type = "file";
    fileInput.accept = ".yaml,.yml,.json,text/plain";
    fileInput.hidden = true;
    fileInput.tabIndex = -1;
    fileInput.setAttribute("aria-label", "Open a file for " + artefact);
    [openButton, downloadButton, resetButton, undoButton, fileInput].forEach(function (node) {
      toolbar.appendChild(node);
    });

    var hint = null;
    if (engineReady) {
      hint = el("p", "course-checker-hint", "Ctrl+Enter (⌘+Enter on a Mac) in the editor also checks it.");
      hint.id = uid + "-hint";
      textarea.setAttribute("aria-describedby", [info.id, warning.id, hint.id].join(" "));
    } else {
      textarea.setAttribute("aria-describedby", [info.id, warning.id].join(" "));
    }

    var status = el("p", "course-checker-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var results = el("div", "course-checker-results");
    results.hidden = true;
    var progressLine = el("p", "course-checker-progress");
    progressLine.setAttribute("aria-live", "polite");
    progressLine.tabIndex = -1;
    progressLine.hidden = true;

    var after = block.querySelector(".course-checker-cli");
    [toolbar, hint, status, results, progressLine].forEach(function (node) {
      if (!node) return;
      if (after && after.parentNode) after.parentNode.insertBefore(node, after);
      else block.appendChild(node);
    });
    if (!engineReady) {
      status.textContent = NO_CHECKER;
      status.classList.add("course-checker-unavailable");
    }

    // --- state ----------------------------------------------------------------------
    var dirty = false; // typed since the last save
    var timer = null;
    var backup = null; // the text "Start again" or "Open" replaced, until the next edit
    var damagedRaw = null; // a stored entry this page could not read, moved aside before a save
    var busy = false;
    var report = null; // the last report, with the text it was about
    var checkedText = null;
    var staleMark = null;
    var flagged = []; // line numbers of findings
    var currentLine = 0;
    var lineCount = 0;

    function say(text) {
      info.textContent = text || "";
      info.hidden = !text;
    }

    function warn(text) {
      if ((warning.dataset.text || "") === (text || "")) return; // said once, not at every save
      warning.dataset.text = text || "";
      warning.textContent = "";
      warning.hidden = !text;
      if (!text) return;
      var symbol = el("span", "course-checker-symbol", "⚠ ");
      symbol.setAttribute("aria-hidden", "true");
      warning.appendChild(symbol);
      warning.appendChild(document.createTextNode(text));
    }

    // --- drafts -----------------------------------------------------------------------
    function saveNow() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      if (!dirty) return;
      if (!storage) {
        warn(NO_STORAGE);
        return;
      }
      if (damagedRaw !== null) {
        writeItem(key + ":damaged", damagedRaw); // kept, not deleted
        damagedRaw = null;
      }
      if (writeItem(key, entry(textarea.value))) {
        dirty = false;
        if (!warning.hidden) warn("");
      } else {
        warn(SAVE_FAILED); // dirty stays set: the next edit or leaving the page tries again
      }
    }

    function scheduleSave() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY_MS);
    }

    function setBackup(text) {
      backup = text;
      writeItem(backupKey, entry(text)); // if it does not fit, this page still holds it
      undoButton.hidden = false;
    }

    function dropBackup() {
      if (backup === null && undoButton.hidden) return;
      backup = null;
      removeItem(backupKey);
      if (document.activeElement === undoButton) textarea.focus();
      undoButton.hidden = true;
    }

    function replaceText(text) {
      textarea.value = text;
      textarea.scrollTop = 0;
      textarea.scrollLeft = 0;
      dirty = true;
      saveNow();
      refresh();
    }

    // --- the gutter -----------------------------------------------------------------
    function metrics() {
      var style = window.getComputedStyle(textarea);
      var size = parseFloat(style.fontSize) || 16;
      var line = parseFloat(style.lineHeight);
      if (!line || isNaN(line)) line = size * 1.2;
      return { line: line, top: parseFloat(style.paddingTop) || 0, style: style };
    }

    function syncGutterStyle() {
      var m = metrics();
      gutterLines.style.fontSize = m.style.fontSize;
      gutterLines.style.lineHeight = m.line + "px";
      gutterLines.style.paddingTop = m.top + "px";
    }

    function syncScroll() {
      gutterLines.style.transform = "translateY(" + -textarea.scrollTop + "px)";
    }

    function renderFlags() {
      var m = metrics();
      flagLayer.textContent = "";
      var stale = isStale();
      flagged.forEach(function (line) {
        if (line > lineCount) return;
        var flag = el("span", "course-checker-flag", String(line));
        if (line === currentLine) flag.classList.add("course-checker-flag-current");
        flag.style.top = m.top + (line - 1) * m.line + "px";
        flag.style.height = m.line + "px";
        flagLayer.appendChild(flag);
      });
      editor.classList.toggle("course-checker-stale", stale);
    }

    function updateGutter() {
      var count = countLines(textarea.value);
      if (count !== lineCount) {
        lineCount = count;
        var lines = [];
        for (var i = 1; i <= count; i++) lines.push(i);
        numbers.textContent = lines.join("\n");
        renderFlags();
      }
      syncScroll();
    }

    function goToLine(line) {
      var text = textarea.value;
      var start = 0;
      var reached = 1;
      while (reached < line) {
        var next = text.indexOf("\n", start);
        if (next === -1) break;
        start = next + 1;
        reached++;
      }
      var end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      try {
        textarea.focus({ preventScroll: true });
      } catch (e) {
        textarea.focus();
      }
      textarea.setSelectionRange(start, end);
      var m = metrics();
      textarea.scrollTop = Math.max(0, (reached - 1) * m.line - (textarea.clientHeight - m.line) / 2);
      textarea.scrollLeft = 0;
      syncScroll();
      currentLine = reached;
      renderFlags();
      if (editor.scrollIntoView) {
        try {
          editor.scrollIntoView({ block: "nearest" });
        } catch (e) {
          editor.scrollIntoView(false);
        }
      }
    }

    // --- results --------------------------------------------------------------------
    function isStale() {
      return report !== null && textarea.value !== checkedText;
    }

    function markStale() {
      if (staleMark) staleMark.textContent = isStale() ? " (checked before your last edit)" : "";
      renderFlags();
    }

    function refresh() {
      updateGutter();
      markStale();
    }

    function setStatus(text, kind) {
      status.textContent = text;
      status.className = "course-checker-status" + (kind ? " course-checker-status-" + kind : "");
    }

    function list(className, items) {
      var ul = el("ul", className);
      items.forEach(function (text) { ul.appendChild(el("li", "", text)); });
      return ul;
    }

    function findingItem(finding) {
      var warningOnly = finding.severity === "warning";
      var item = el("li", "course-checker-finding " +
        (warningOnly ? "course-checker-finding-warning" : "course-checker-finding-error"));
      var what = el("p", "course-checker-message");
      var severity = el("strong", "course-checker-severity");
      severity.appendChild(el("span", "course-checker-symbol", warningOnly ? "!" : "✗"));
      severity.lastChild.setAttribute("aria-hidden", "true");
      severity.appendChild(document.createTextNode(warningOnly ? " Warning:" : " Problem:"));
      what.appendChild(severity);
      what.appendChild(document.createTextNode(" " + String(finding.message || "")));
      item.appendChild(what);
      if (finding.hint) {
        var fix = el("p", "course-checker-hint-text");
        fix.appendChild(el("strong", "", "How to fix: "));
        fix.appendChild(document.createTextNode(String(finding.hint)));
        item.appendChild(fix);
      }
      var where = el("p", "course-checker-where");
      if (finding.code) where.appendChild(el("code", "course-checker-code", String(finding.code)));
      var location = finding.location && typeof finding.location === "object" ? finding.location : {};
      var line = Number(location.line);
      var field = location.field ? String(location.field) : "";
      if (line >= 1 && Math.floor(line) === line) {
        var go = makeButton("course-checker-line", "Line " + line + (field ? ": " + field : ""));
        go.dataset.line = String(line);
        go.addEventListener("click", function () { goToLine(line); });
        where.appendChild(document.createTextNode(" "));
        where.appendChild(go);
        flagged.push(line);
      } else if (field) {
        where.appendChild(document.createTextNode(" Field: "));
        where.appendChild(el("span", "course-checker-field", field));
      }
      if (where.childNodes.length) item.appendChild(where);
      return item;
    }

    function showReport(data, text) {
      if (!data || typeof data !== "object") throw new Error("unreadable report");
      var findings = (Array.isArray(data.findings) ? data.findings : []).filter(function (f) {
        return f && typeof f === "object";
      });
      var warnings = findings.filter(function (f) { return f.severity === "warning"; }).length;
      var errors = findings.length - warnings;
      var passed = data.passed === true;
      var waiting = Math.max(0, Math.floor(Number(data.checks_waiting) || 0));
      var verdict;
      if (passed) {
        verdict = warnings
          ? "Passed, with " + plural(warnings, "warning", "warnings")
          : "Passed: nothing the checker can see is wrong";
      } else if (errors) {
        verdict = plural(errors, "problem", "problems") + " to fix" +
          (warnings ? ", and " + plural(warnings, "warning", "warnings") : "");
      } else {
        verdict = "Not passed yet";
      }

      report = data;
      checkedText = text;
      flagged = [];
      currentLine = 0;
      results.textContent = "";
      var head = el("p", "course-checker-verdict " +
        (passed ? (warnings ? "course-checker-verdict-warning" : "course-checker-verdict-pass")
          : "course-checker-verdict-fail"));
      var symbol = el("span", "course-checker-symbol", passed ? "✓ " : "✗ ");
      symbol.setAttribute("aria-hidden", "true");
      head.appendChild(symbol);
      head.appendChild(document.createTextNode(verdict));
      staleMark = el("span", "course-checker-stale-mark");
      head.appendChild(staleMark);
      results.appendChild(head);
      if (waiting) {
        results.appendChild(el("p", "course-checker-waiting", "Fix these first: " +
          (waiting === 1 ? "1 more check runs" : waiting + " more checks run") +
          " once every field can be read."));
      }
      if (findings.length) {
        var ol = el("ol", "course-checker-findings");
        findings.forEach(function (finding) { ol.appendChild(findingItem(finding)); });
        results.appendChild(ol);
      }
      if (passed) {
        var checks = (Array.isArray(data.checks) ? data.checks : []).filter(function (c) {
          return c && c.status === "passed" && c.description;
        }).map(function (c) { return String(c.description); });
        if (checks.length) {
          results.appendChild(el("p", "course-checker-subhead", "Checks passed:"));
          results.appendChild(list("course-checker-passed", checks));
        }
        var review = (Array.isArray(data.review) ? data.review : []).filter(Boolean).map(String);
        if (review.length) {
          results.appendChild(el("p", "course-checker-subhead", "A reviewer will also look at:"));
          results.appendChild(list("course-checker-review", review));
        }
      }
      results.hidden = false;
      // said to screen readers; on screen the verdict below says the same
      setStatus("Checked " + artefact + ". " + verdict + ".", "result");
      markStale();
      updateProgress();
    }

    // --- progress (course.js keeps it) --------------------------------------------------
    function updateProgress() {
      var progress = window.CourseProgress;
      progressLine.textContent = "";
      progressLine.hidden = true;
      if (!progress || typeof progress.isExerciseDone !== "function") return;
      var day = null;
      try {
        if (typeof progress.exerciseDoneOn === "function") day = progress.exerciseDoneOn(exercise);
        else if (progress.isExerciseDone(exercise)) day = "";
      } catch (e) {
        return;
      }
      if (day !== null) {
        var mark = el("span", "course-checker-symbol", "✓ ");
        mark.setAttribute("aria-hidden", "true");
        progressLine.appendChild(mark);
        progressLine.appendChild(document.createTextNode(
          "Done: you passed this check" + (day ? " on " + formatDay(day) : "") + "."));
        progressLine.className = "course-checker-progress course-checker-progress-done";
        progressLine.hidden = false;
        return;
      }
      if (!report || report.passed !== true) return;
      progressLine.className = "course-checker-progress";
      progressLine.hidden = false;
      if (!progress.storageAvailable) {
        progressLine.textContent = "This browser cannot keep your progress, so the exercise cannot be marked as done here.";
        return;
      }
      var mark2 = makeButton("course-checker-button course-checker-mark", "Mark this exercise as done");
      mark2.addEventListener("click", function () {
        var kept = false;
        try { kept = progress.markExercise(exercise) !== false; } catch (e) { kept = false; }
        updateProgress();
        if (!kept) {
          progressLine.textContent = "This browser could not record it: its storage is full or blocked.";
          progressLine.hidden = false;
        }
        progressLine.focus();
      });
      progressLine.appendChild(mark2);
    }

    // --- checking -------------------------------------------------------------------
    var api = {
      engineStatus: function (state, detail) {
        if (!busy) return;
        if (state === "loading") setStatus(detail ? String(detail) : "Starting the checker (first time only)…", "busy");
        else if (state === "checking") setStatus("Checking…", "busy");
        else if (state === "failed" && detail) setStatus(String(detail), "fail");
      },
      flush: saveNow,
      updateProgress: updateProgress
    };

    function finish() {
      busy = false;
      var index2 = running.indexOf(api);
      if (index2 !== -1) running.splice(index2, 1);
      var lostFocus = document.activeElement === checkButton ||
        document.activeElement === document.body || document.activeElement === null;
      checkButton.disabled = false;
      checkButton.removeAttribute("aria-busy");
      results.removeAttribute("aria-busy");
      if (lostFocus && checkButton.dataset.hadFocus === "yes") checkButton.focus();
      checkButton.dataset.hadFocus = "";
    }

    function runCheck() {
      if (!engineReady || busy) return;
      var text = textarea.value;
      busy = true;
      checkButton.dataset.hadFocus = document.activeElement === checkButton ? "yes" : "";
      checkButton.disabled = true;
      checkButton.setAttribute("aria-busy", "true");
      results.setAttribute("aria-busy", "true");
      setStatus("Checking…", "busy");
      running.push(api);
      var pending;
      try {
        pending = Promise.resolve(engine.check(exercise, artefact, text));
      } catch (e) {
        pending = Promise.reject(e);
      }
      pending.then(function (data) {
        try {
          showReport(data, text);
        } catch (e) {
          setStatus("The checker's answer could not be shown: try again, or use the command below.", "fail");
        }
      }, function (error) {
        var message = error && error.message ? String(error.message) : "The checker could not run.";
        setStatus(message, "fail");
      }).then(finish, finish);
    }

    // --- events -----------------------------------------------------------------------
    textarea.addEventListener("input", function () {
      dirty = true;
      scheduleSave();
      dropBackup();
      refresh();
    });
    textarea.addEventListener("scroll", syncScroll);
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        runCheck();
      }
    });
    if (checkButton) checkButton.addEventListener("click", runCheck);

    openButton.addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      var name = file.name || artefact;
      if (file.size > MAX_FILE_BYTES) {
        say(name + " is too large to be this exercise's file: nothing was changed.");
        fileInput.value = "";
        return;
      }
      // read first: a file that cannot be used replaces nothing, so nothing is asked
      readFileText(file).then(function (text) {
        fileInput.value = "";
        if (text.indexOf("\u0000") !== -1) {
          say(name + " does not look like a text file: nothing was changed.");
          return;
        }
        var current = textarea.value;
        var keep = current !== template && current.trim() !== "";
        if (keep && !window.confirm("Replace what is in the editor with " + name + "?\n\n" +
            "What is there now is kept: \u201cUndo: bring back my draft\u201d brings it back until you type again.")) {
          return;
        }
        if (keep) setBackup(current);
        replaceText(text);
        say("Opened " + name + (name !== artefact ? " (it is checked as " + artefact + ")" : "") + ".");
      }, function (error) {
        fileInput.value = "";
        if (error && error.notUtf8) {
          say(name + " is not UTF-8 text" + (error.line ? " (line " + error.line + ")" : "") +
            ": save it with UTF-8 encoding (most editors offer it under \u2018Save as\u2019), " +
            "then open it again. Nothing was changed.");
        } else {
          say(name + " could not be read: nothing was changed.");
        }
      });
    });

    downloadButton.addEventListener("click", function () {
      var type = format === "json" ? "application/json" : "text/plain";
      var url;
      try {
        url = URL.createObjectURL(new Blob([textarea.value], { type: type + ";charset=utf-8" }));
      } catch (e) {
        say("This browser cannot save the file: copy the text from the editor instead.");
        return;
      }
      var link = el("a");
      link.href = url;
      link.download = artefact;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      say("Saved as " + artefact + " in your browser's downloads.");
    });

    resetButton.addEventListener("click", function () {
      var current = textarea.value;
      if (current === template) {
        say("The editor already holds the template.");
        return;
      }
      if (!window.confirm("Start again from the template?\n\nWhat is in the editor now is replaced by the " +
          "template; \u201cUndo: bring back my draft\u201d brings it back until you type again.")) return;
      if (current.trim() !== "") setBackup(current);
      textarea.value = template;
      textarea.scrollTop = 0;
      textarea.scrollLeft = 0;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      dirty = false;
      removeItem(key);
      refresh();
      say(backup !== null
        ? "The template is back. Your draft is kept until you type: \u201cUndo: bring back my draft\u201d restores it."
        : "The template is back.");
    });

    undoButton.addEventListener("click", function () {
      if (backup === null) return;
      var text = backup;
      dropBackup();
      replaceText(text);
      say("Your draft is back in the editor.");
      textarea.focus();
    });

    // --- start: the stored draft, if any, replaces the template ------------------------
    if (!storage) warn(NO_STORAGE);
    var raw = readItem(key);
    var stored = parseEntry(raw);
    if (raw !== null && stored === null) damagedRaw = raw;
    if (stored && stored.text !== textarea.value) {
      textarea.value = stored.text;
      var when = formatDateTime(stored.saved);
      say("Your draft from this browser was restored" + (when ? " (saved " + when + ")" : "") + ".");
    } else if (!stored && textarea.value !== template) {
      dirty = true; // the browser brought back a form it had: keep it
      scheduleSave();
    }
    var savedBackup = parseEntry(readItem(backupKey));
    if (savedBackup && textarea.value === template && savedBackup.text !== template) {
      backup = savedBackup.text;
      undoButton.hidden = false;
    }
    syncGutterStyle();
    updateGutter();
    updateProgress();
    if (window.ResizeObserver) {
      try {
        new window.ResizeObserver(function () { syncGutterStyle(); renderFlags(); }).observe(textarea);
      } catch (e) { /* the gutter keeps its first measures */ }
    }
    return api;
  }

  function flushAll() {
    checkers.forEach(function (checker) { checker.flush(); });
  }

  function start() {
    document.querySelectorAll(".course-checker").forEach(function (block, index) {
      var checker = setup(block, index);
      if (checker) checkers.push(checker);
    });
    if (!checkers.length) return;
    window.addEventListener("pagehide", flushAll);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") flushAll();
    });
    document.addEventListener("course-progress-change", function () {
      checkers.forEach(function (checker) { checker.updateProgress(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
