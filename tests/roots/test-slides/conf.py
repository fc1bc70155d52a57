project = "Test course"
extensions = ["myst_parser", "curriculum"]
exclude_patterns = ["_build", "exercises"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
html_theme = "course"
course_title = "Test course"
release = "9.9"
# the class deck's page, read only by the deck build (the real course keeps it under
# modules/programme/)
course_class_deck = "class-deck"
