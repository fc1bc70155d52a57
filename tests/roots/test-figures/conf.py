project = "Test course"
extensions = ["myst_parser", "curriculum"]
exclude_patterns = ["_build", "exercises"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
html_theme = "course"
course_title = "Test course"
release = "9.9"
