// The course theme's script: no network, works from file://, keyboard friendly.
(function () {
  "use strict";

  // Fold the course navigation away on narrow screens; wide screens always show it.
  var toggle = document.querySelector(".course-nav-toggle");
  if (toggle && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 60rem)");
    var apply = function () { toggle.open = !narrow.matches; };
    apply();
    if (narrow.addEventListener) narrow.addEventListener("change", apply);
  }

  // Quizzes. Each option carries data-k, a hash of "quiz/question/index/1" when the
  // option is right and of ".../0" when it is not (FNV-1a, as in quiz_directive.py),
  // so the page holds no readable answer key.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  function isRight(quiz, question, input) {
    return input.dataset.k === fnv1a(quiz + "/" + question + "/" + input.value + "/1");
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
      var right = isRight(quiz, question, input);
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
    fieldset.dispatchEvent(new CustomEvent("course-quiz-checked", {
      bubbles: true, detail: { quiz: quiz, question: question, correct: allRight }
    }));
  }

  var buttons = document.querySelectorAll(".course-quiz-check");
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener("click", function (event) {
      checkQuestion(event.target.closest("fieldset"));
    });
  }
})();
