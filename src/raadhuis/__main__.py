from raadhuis.cli import main

main()
