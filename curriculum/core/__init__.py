"""The pure core: the course layout, YAML with lines, diagnostics, the model, quizzes,
timing, schedules and projects. It never imports Sphinx or docutils."""
