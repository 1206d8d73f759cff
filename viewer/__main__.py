from viewer.cli import main

# Guarded: the index's pool processes start afresh and import the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
