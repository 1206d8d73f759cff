"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import re
import sys

# What multiprocessing runs its resource tracker with: `EXECUTABLE [flags] -c "<this>(FD)"`.
RESOURCE_TRACKER = re.compile(r"from multiprocessing\.resource_tracker import main;\s*main\((\d+)\)")


def run_what_multiprocessing_started() -> None:
    """The library index reads large folders in a pool of processes (the spawn method): in the
    frozen app each of them, and multiprocessing's resource tracker, is this executable again.
    Run what such a process was started for, and end. Any other start goes on, without loading
    multiprocessing (on Linux the spec leaves out PyInstaller's run-time hook, which loads it
    and subprocess in every start: about 10 ms before the window's first paint)."""
    arguments = sys.argv[1:]
    if arguments[:1] == ["--multiprocessing-fork"]:
        import multiprocessing.spawn

        multiprocessing.spawn.freeze_support()  # runs the pool worker, then exits
    if "-c" in arguments[:-1]:
        tracker = RESOURCE_TRACKER.fullmatch(arguments[arguments.index("-c") + 1])
        if tracker is not None:
            from multiprocessing import resource_tracker

            resource_tracker.main(int(tracker.group(1)))
            sys.exit()


if __name__ == "__main__":
    run_what_multiprocessing_started()
    from viewer.cli import main

    sys.exit(main())
