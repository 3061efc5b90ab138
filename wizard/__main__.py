"""`python -m wizard` runs the command line."""

from wizard.cli import main

if __name__ == "__main__":  # not when a spelling process (spawn) imports this module
    main()
