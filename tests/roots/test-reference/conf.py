project = "Reference course"
extensions = ["myst_parser", "curriculum"]
exclude_patterns = ["_build"]
html_theme = "course"
course_title = "Reference course"
