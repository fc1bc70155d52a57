"""The in-page checker: the course's validators packed for the learner's browser.

``payload`` lays out what a check needs (the validation framework, pure-Python
dependencies, each exercise's validator and case data; never a model answer, a
marking note or a test case), ``runtime`` finds the Pyodide release and the
pydantic-core WebAssembly wheel that the Makefile installs, ``scripts`` turns both
into the plain scripts a page can load even from ``file://``, and ``sphinx`` writes
them into ``_static/checker/`` at the end of an HTML build. Only ``sphinx`` imports
Sphinx.
"""
