"""``python -m policykg`` runs the command line."""

from policykg.launch import main

main()
