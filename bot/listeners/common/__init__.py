"""What listeners of every surface share: failure reports, opening the wizard, event de-dup."""
