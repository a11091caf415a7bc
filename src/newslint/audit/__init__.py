"""``newslint audit``: a whole archive linted into two tables and one HTML report.

- ``details.py``: the per-article figures beyond ``check``'s metrics (no pyarrow needed);
- ``schema.py``: the two tables' columns, versioned;
- ``chunk.py``: the backend-neutral function, a chunk of articles in, two Arrow tables out;
- ``inputs.py``: files or table rows, cut into chunks;
- ``local.py`` and ``dask_engine.py``: the backends, thin adapters around ``audit_chunk``;
- ``store.py``: parts written as chunks finish (resume), then the outputs;
- ``report.py``: report.html; ``command.py``: the click command.
"""

#: the packages the audit needs beyond newslint's own (the ``audit`` extra)
NEEDS = {"pyarrow": "pyarrow", "matplotlib": "matplotlib", "rich": "rich"}
DASK_NEEDS = {"dask": "dask", "distributed": "distributed"}


def missing(dask: bool = False) -> list[str]:
    """The audit's packages that are not installed."""
    import importlib

    needs = {**NEEDS, **(DASK_NEEDS if dask else {})}
    lacking = []
    for module, package in needs.items():
        try:
            importlib.import_module(module)
        except ImportError:
            lacking.append(package)
    return lacking
