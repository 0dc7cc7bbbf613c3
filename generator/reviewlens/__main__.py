from reviewlens.cli import main

main()
