"""The wizard in the terminal: a Textual app that walks a person through a draft.

Only the command line's ``open``/``new``/plain ``wizard`` import this package,
so the other commands start without loading Textual.
"""
