from curriculum.cli.main import main

main()
