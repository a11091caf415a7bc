"""``newslint server``: a language server (LSP) that lints editor buffers as ``newslint check``
lints files, with quick fixes and hover docs. pygls runs the protocol; the modules here:

- ``app``: the handlers (open, change, save, pull diagnostics, code actions, hover, settings);
- ``linting``: a buffer through the CLI's pipeline (configuration, rules, engine, filter);
- ``diagnostics``: findings as protocol diagnostics;
- ``positions``: offsets <-> protocol positions (UTF-16 unless the client agrees another);
- ``actions``, ``suppress``, ``allow``: the quick fixes and the edits they make;
- ``hover``: rule docs and the headline's metrics.
"""

from __future__ import annotations


def serve(min_severity=None, rule_dirs=(), config=None, tcp=None) -> None:
    """Run the language server on stdio, or on ``tcp`` = (host, port)."""
    import os

    from .app import serve as run
    from .linting import ClientSettings

    base = ClientSettings(min_severity=min_severity, rule_dirs=tuple(os.path.abspath(d) for d in rule_dirs),
                          config=os.path.abspath(config) if config else None)
    run(base, tcp)
