"""``python -m newslint`` and the ``newslint`` command (see startup.py for the collector)."""


def main() -> None:
    from . import startup

    startup.pause()
    try:
        from .cli import main as cli

        cli()
    finally:
        startup.exiting()


if __name__ == "__main__":
    main()
