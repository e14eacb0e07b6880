"""The ``policykg`` console script (and ``python -m policykg``): the command line, with the
workers' fork server started first for ``policykg build --jobs N``.

The fork server builds the NLP pipeline (≈ 0.9 s, ``build.fork_server``); started here, before
the command line is imported, it builds while this process imports the commands and reads the
documents. A command that raises ``cli.quick_exit.Finished`` (``policykg build`` and ``extract``, once
their outputs are in place) is left without the interpreter's teardown of its objects. Importing this module
does nothing else: a fork server that imports the console script
again as its main module imports only this.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Start the fork server if the command line asks for a build on workers, then run it; a
    command that says it is done (``cli.quick_exit``) is left without tearing down its objects."""
    from policykg.build import fork_server

    fork_server.start_for(sys.argv[1:])
    from policykg.cli import main as run_command_line
    from policykg.cli.quick_exit import Finished, leave

    try:
        run_command_line()
    except Finished as done:
        leave(done.code)
