"""Approval chains each agency sets for itself: the shape (``spec``), the transition table it
becomes (``build``), the checks before publishing (``validation``), drafts and versions
(``store``), which definition a request runs (``resolve``), the diff and the dry run."""
