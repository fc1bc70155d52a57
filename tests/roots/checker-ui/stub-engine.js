// A stand-in for course-checker-engine.js in tests/test_checker_ui.py: it defines
// window.CourseChecker as the real engine does, records every call on
// window.__calls and answers with canned reports after a short wait.
// Words in the text choose the answer: WRONG (two problems, one at line 3), FAR
// (adds one at line 60), WAITING (the shape is wrong: checks wait), WARN (a pass
// with a warning), CRASH (the checker cannot start); anything else passes.
// Set window.__stubDelay (ms) or window.__stubUnavailable before it loads.
(function () {
  "use strict";
  window.__calls = [];
  var REVIEW = [
    "Is the journey something a person does, described in their words?",
    "Would a user notice the threshold that makes an event good?"
  ];
  var CHECKS = [
    { code: "SLO-TARGET-RANGE", description: "The target is a percentage strictly between 0 and 100" },
    { code: "SLO-BUDGET-MINUTES", description: "The error budget in minutes matches the target and the window" }
  ];

  function report(exercise, file, findings, waiting) {
    var failed = {};
    findings.forEach(function (f) { failed[f.code] = true; });
    return {
      exercise: exercise,
      file: file,
      passed: !findings.some(function (f) { return f.severity === "error"; }),
      findings: findings,
      review: REVIEW,
      checks_waiting: waiting,
      checks: CHECKS.map(function (c) {
        return {
          code: c.code,
          description: c.description,
          status: waiting ? "waiting" : failed[c.code] ? "failed" : "passed"
        };
      })
    };
  }

  function answer(exercise, file, text) {
    var findings = [];
    var waiting = 0;
    if (text.indexOf("WRONG") !== -1) {
      findings.push({
        code: "SLO-JOURNEY-WORDS", severity: "error",
        location: { line: 3, field: "journey" },
        message: "The journey names a component, <em>not markup</em>, not what a person does.",
        hint: "Describe what the user does, in their words."
      });
      findings.push({
        code: "SLO-BUDGET-MINUTES", severity: "error",
        location: { line: null, field: "error_budget_minutes" },
        message: "The error budget in minutes does not match the target and the window.",
        hint: "Work out (1 - target_percent / 100) x window_days x 1440."
      });
    }
    if (text.indexOf("FAR") !== -1) {
      findings.push({
        code: "SLO-FAR-AWAY", severity: "error", location: { line: 60, field: "far.away" },
        message: "Something is wrong far down the file.", hint: "Look at line 60."
      });
    }
    if (text.indexOf("WAITING") !== -1) {
      findings.push({
        code: "SHAPE-FIELD-MISSING", severity: "error", location: { line: 2, field: "service" },
        message: "The field service is missing.", hint: "Put it back as it is in the template."
      });
      waiting = 2;
    }
    if (text.indexOf("WARN") !== -1) {
      findings.push({
        code: "SLO-SLA-GAP", severity: "warning", location: { line: 4, field: "sla_target_percent" },
        message: "The SLA is very close to the SLO.", hint: "Leave the team time to react."
      });
    }
    return report(exercise, file, findings, waiting);
  }

  var engine = {
    available: !window.__stubUnavailable,
    onstatus: null,
    check: function (exercise, file, text) {
      window.__calls.push({ exercise: exercise, file: file, text: text });
      var first = window.__calls.length === 1;
      var delay = typeof window.__stubDelay === "number" ? window.__stubDelay : 150;
      if (typeof engine.onstatus === "function") {
        engine.onstatus(first ? "loading" : "checking", first ? "Starting the checker (first time only)…" : "");
      }
      return new Promise(function (resolve, reject) {
        setTimeout(function () {
          if (text.indexOf("CRASH") !== -1) {
            if (typeof engine.onstatus === "function") engine.onstatus("failed", "");
            reject(new Error("The checker could not start in this browser: use the command below."));
            return;
          }
          if (typeof engine.onstatus === "function") engine.onstatus("ready", "");
          resolve(answer(exercise, file, text));
        }, delay);
      });
    }
  };
  window.CourseChecker = engine;
})();
