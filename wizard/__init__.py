"""wizard: tjänsteutlåtanden som svar på remisser, steg för steg i terminalen."""

__version__ = "0.1.0"
