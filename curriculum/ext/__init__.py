"""The Sphinx extension: settings, warnings, the course domain, directives and nodes,
generated pages, HTML and LaTeX output, and the build-time guards."""
