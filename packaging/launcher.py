"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import re
import sys

# What multiprocessing runs its resource tracker with: `EXECUTABLE [its flags] -c "<this>(FD)"`.
RESOURCE_TRACKER = re.compile(r"from multiprocessing\.resource_tracker import main;\s*main\((\d+)\)")
# And a pool worker (the spawn method): `EXECUTABLE --multiprocessing-fork NAME=VALUE…`.
WORKER_ARGUMENT = re.compile(r"(tracker_fd|pipe_handle|parent_pid)=(\d+|None)")


def run_what_multiprocessing_started() -> None:
    """The library index reads large folders in a pool of processes (the spawn method): in the
    frozen app each of them, and multiprocessing's resource tracker, is this executable again,
    with arguments of multiprocessing's own making. Run what such a process was started for,
    and end. Any other start goes on, without loading multiprocessing (on Linux the spec leaves
    out PyInstaller's run-time hook, which loads it and subprocess in every start: about 10 ms
    before the window's first paint)."""
    arguments = sys.argv[1:]
    if arguments[:1] == ["--multiprocessing-fork"]:
        given = [WORKER_ARGUMENT.fullmatch(argument) for argument in arguments[1:]]
        handles = {match.group(1): match.group(2) for match in given if match is not None}
        if None in given or not handles.get("pipe_handle", "0").isdigit() or int(handles["pipe_handle"]) <= 2:
            sys.exit("note-viewer: --multiprocessing-fork is for the processes the library index starts")
        import multiprocessing.spawn

        multiprocessing.spawn.freeze_support()  # runs the pool worker, then exits
    tracker = RESOURCE_TRACKER.fullmatch(arguments[-1]) if arguments[-2:-1] == ["-c"] else None
    if tracker is not None and int(tracker.group(1)) > 2:
        from multiprocessing import resource_tracker, util

        # Exactly as multiprocessing starts it (its interpreter flags before -c), nothing else.
        if arguments[:-2] == util._args_from_interpreter_flags():  # type: ignore[attr-defined]
            try:
                resource_tracker.main(int(tracker.group(1)))
            except (OSError, ValueError) as error:  # not a pipe multiprocessing made
                sys.exit(f"note-viewer: {error}")
            sys.exit()


if __name__ == "__main__":
    run_what_multiprocessing_started()
    from viewer.cli import main

    sys.exit(main())
