"""The ``curriculum`` command line (click): ``python -m curriculum.cli`` runs it too."""
