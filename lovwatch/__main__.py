from lovwatch.cli import main

main()
