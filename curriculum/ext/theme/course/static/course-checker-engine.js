// The in-page checker's engine: the course's own Python validators, run by Pyodide in
// a Web Worker, so the page never freezes. Nothing is fetched from the network and
// nothing leaves the browser: the runtime and the course's checker files arrive as
// two scripts beside this one (_static/checker/runtime.js and course.js, written by
// curriculum.checker), which load from file:// too, where a browser refuses fetch().
// They are loaded only when a learner first asks for a check.
//
// window.CourseChecker.check(exerciseId, filename, text) -> Promise of the report that
// `curriculum check --format json` prints. course-checker.js draws it.
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="course-checker"]');
  var base = meta ? meta.getAttribute("content") : "";
  var api = { available: !!base, status: "idle", onstatus: null, check: check };
  window.CourseChecker = api;

  var worker = null; // the running worker, or null
  var starting = null; // Promise of a started worker
  var course = null; // what course.js registered, without its payload
  var queue = Promise.resolve(); // one check at a time
  var nextId = 1;

  function tell(status, detail) {
    api.status = status;
    if (typeof api.onstatus === "function") {
      try { api.onstatus(status, detail || ""); } catch (e) { /* the page's problem, not ours */ }
    }
  }

  // a script beside this one registers its data on self.__courseChecker[name]
  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var store = (window.__courseChecker = window.__courseChecker || {});
      delete store[name];
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.async = true;
      script.onload = function () {
        script.remove();
        var data = store[name];
        delete store[name]; // the worker keeps its copy; the page lets go of this one
        if (data) resolve(data);
        else reject(new Error("The checker's file " + name + ".js is damaged in this copy of the site."));
      };
      script.onerror = function () {
        script.remove();
        reject(new Error("The checker's file " + name + ".js is missing from this copy of the site."));
      };
      document.head.appendChild(script);
    });
  }

  function start() {
    if (starting) return starting;
    tell("loading", "Starting the checker (the first time takes a few seconds)…");
    starting = Promise.all([loadScript("runtime"), loadScript("course")]).then(function (loaded) {
      var runtime = loaded[0];
      var data = loaded[1];
      course = { key: data.key, timeLimit: data.timeLimit, exercises: data.exercises };
      var source = "(" + workerMain.toString() + ")();";
      var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      // a classic worker: a page opened from file:// may not start a module worker
      var w = new Worker(url);
      URL.revokeObjectURL(url);
      return new Promise(function (resolve, reject) {
        w.onmessage = function (event) {
          var message = event.data || {};
          if (message.type === "ready") {
            w.onmessage = null;
            worker = w;
            tell("ready", "");
            resolve(w);
          } else if (message.type === "failed") {
            w.terminate();
            reject(new Error("The checker could not start in this browser (" + message.message + "). Use the command line instead, or ask your trainer."));
          }
        };
        w.onerror = function (event) {
          event.preventDefault();
          w.terminate();
          reject(new Error("The checker could not start in this browser (" + (event.message || "the worker stopped") + ")."));
        };
        w.postMessage({ type: "start", runtime: runtime, payload: data.payload });
      });
    });
    starting.catch(function (error) {
      starting = null;
      tell("failed", error.message);
    });
    return starting;
  }

  function stop() {
    if (worker) worker.terminate();
    worker = null;
    starting = null;
  }

  // what the command line reports when a check runs too long, made by the build
  function timeoutReport(exerciseId, filename, phase) {
    var known = course && course.exercises[exerciseId];
    var report = known ? JSON.parse(JSON.stringify(known.timeout[phase === "checking" ? "checking" : "reading"])) : {
      exercise: exerciseId, passed: false, review: [], checks_waiting: 0, checks: [],
      findings: [{ code: "internal-timeout", severity: "error", location: { line: null, field: "" },
                   message: "the check took too long", hint: "tell your trainer" }]
    };
    report.file = filename;
    return report;
  }

  function run(exerciseId, filename, text) {
    return start().then(function (w) {
      tell("checking", "Checking…");
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        var phase = "reading";
        var timer = null;
        var armedAt = 0;
        function arm() {
          // as on the command line, one limit covers reading and checking together
          if (timer === null) {
            armedAt = performance.now();
            timer = setTimeout(expire, course.timeLimit * 1000);
          }
        }
        function expire() {
          w.onmessage = null;
          stop(); // a runaway check cannot be interrupted: the worker goes, the next check starts afresh
          tell("ready", "");
          resolve(timeoutReport(exerciseId, filename, phase));
        }
        w.onerror = function (event) {
          // the worker itself died (out of memory, say): it goes; the page and the draft stay
          if (event.preventDefault) event.preventDefault();
          clearTimeout(timer);
          stop();
          tell("failed", "");
          reject(new Error("The checker stopped unexpectedly. Select Check again to restart it; your draft is kept."));
        };
        w.onmessage = function (event) {
          var message = event.data || {};
          if (message.id !== id) return;
          if (message.type === "phase") {
            phase = message.phase;
            arm();
          } else if (message.type === "result") {
            clearTimeout(timer);
            w.onmessage = null;
            tell("ready", "");
            // a result that comes after the limit (its message raced the timer on a busy
            // page) is late all the same: the command line would have stopped that check
            var late = timer !== null && performance.now() - armedAt > course.timeLimit * 1000;
            resolve(late ? timeoutReport(exerciseId, filename, phase) : message.report);
          } else if (message.type === "error") {
            clearTimeout(timer);
            w.onmessage = null;
            stop();
            tell("failed", message.message);
            reject(new Error("The checker stopped unexpectedly (" + message.message + "). Reload the page to try again; your draft is kept."));
          }
        };
        w.postMessage({ type: "check", id: id, exercise: exerciseId, filename: filename, text: text });
      });
    });
  }

  function check(exerciseId, filename, text) {
    if (!api.available) {
      return Promise.reject(new Error("This copy of the site was built without the in-page checker: use the command line instead."));
    }
    var result = queue.then(function () { return run(exerciseId, filename, String(text)); });
    queue = result.catch(function () { /* the next check starts anew */ });
    return result;
  }

  // ----- the worker: everything below runs in its own thread, from a blob URL ---------
  function workerMain() {
    // a name only, under a domain that never exists (RFC 2606): every request for it is
    // answered from memory below, and any other request is refused
    var ROOT = "https://course-checker.invalid/";
    var files = {};
    var inpage = null;

    function decode(entry) {
      var text = atob(entry.data);
      var bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      if (!entry.gz) return Promise.resolve(bytes);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
    }

    function moduleFrom(bytes) {
      var url = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
      return import(url).finally(function () { URL.revokeObjectURL(url); });
    }

    // Pyodide asks for its files with fetch(); they are answered here, and anything
    // else is refused: the checker makes no network request
    self.fetch = function (resource) {
      var address = String(resource && resource.url ? resource.url : resource);
      var name = address.indexOf(ROOT) === 0 ? address.slice(ROOT.length) : null;
      if (name !== null && files[name]) {
        var type = /\.wasm$/.test(name) ? "application/wasm" : "application/octet-stream";
        return Promise.resolve(new Response(files[name], { headers: { "Content-Type": type } }));
      }
      return Promise.reject(new TypeError("the in-page checker makes no network requests (" + address + ")"));
    };

    // Pyodide refuses a classic worker, detected by importScripts() working, because
    // it loads its parts with import(); this browser's classic workers can (dynamic
    // import in workers: Chromium 80, Firefox 114, Safari 15), and the parts are
    // handed over below, so importScripts is taken away before Pyodide looks
    self.importScripts = function () { throw new TypeError("importScripts is not used here"); };

    async function begin(message) {
      var runtime = message.runtime;
      var names = Object.keys(runtime.files);
      var decoded = await Promise.all(names.map(function (n) { return decode(runtime.files[n]); }));
      names.forEach(function (n, i) { files[n] = decoded[i]; });
      var payload = await decode({ gz: false, data: message.payload });
      var loader = await moduleFrom(files["pyodide.mjs"]);
      var core = await moduleFrom(files["pyodide.asm.mjs"]);
      var pyodide = await loader.loadPyodide({
        indexURL: ROOT,
        lockFileContents: new TextDecoder().decode(files["pyodide-lock.json"]),
        packageBaseUrl: ROOT,
        createPyodideModule: core.default,
        stdout: function () {},
        stderr: function () {}
      });
      pyodide.unpackArchive(files[runtime.wheel], "wheel");
      pyodide.unpackArchive(payload, "zip", { extractDir: "/checker" });
      files = {}; // all of it is in Python's memory now
      pyodide.runPython("import sys\nsys.path.insert(0, '/checker/site')");
      inpage = pyodide.pyimport("curriculum.validation.inpage");
    }

    self.onmessage = function (event) {
      var message = event.data || {};
      if (message.type === "start") {
        begin(message).then(function () {
          self.postMessage({ type: "ready" });
        }, function (error) {
          self.postMessage({ type: "failed", message: String(error && error.message || error).slice(0, 300) });
        });
      } else if (message.type === "check") {
        var id = message.id;
        try {
          var phase = function (name) { self.postMessage({ type: "phase", id: id, phase: name }); };
          var text = inpage.check(message.exercise, message.filename, message.text, phase);
          self.postMessage({ type: "result", id: id, report: JSON.parse(text) });
        } catch (error) {
          self.postMessage({ type: "error", id: id, message: String(error && error.message || error).slice(0, 300) });
        }
      }
    };
  }
})();
