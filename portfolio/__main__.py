from portfolio.cli.entry import main

main()
