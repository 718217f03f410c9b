from portfolio.cli.app import main

main()
