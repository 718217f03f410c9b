"""``python -m portfolio``: the program (portfolio.cli.entry), the one place in the package that
starts the CLI. Git runs it in every configured clone (``merge.portfolio.driver`` is
``python -P -m portfolio merge-driver ...``, portfolio.git.merge_setup), and the web UI starts its
sessions with it: it cannot move without breaking them. Nothing imports this module."""

from portfolio.cli.entry import main

main()
