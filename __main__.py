"""Allow ``python -m matchdesk``."""

from matchdesk.tui.cli import main

if __name__ == "__main__":
    main()
