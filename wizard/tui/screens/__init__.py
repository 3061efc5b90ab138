"""The wizard's screens: start, editor, help and dialogs."""
