"""Command-line entry point: a thin click group over doctools' commands.

Sub-commands live one per module in :mod:`doctools.commands` and are imported only when
invoked (or listed by ``--help``), so ``doctools --help`` stays instant; heavy libraries
are imported inside the command functions. doctools' own errors become one line on stderr
and an exit code here and nowhere else:

  0  success
  1  a document failed (or, for batch commands, some documents failed or were partial)
  2  usage error (bad option, missing argument, unknown command, bad config, an output
     that cannot be written)
  3  internal error (a bug: please report it; DOCTOOLS_DEBUG=1 shows the traceback)
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from doctools.errors import ConfigError, DoctoolsError, OutputError

# command name → (module under doctools.commands, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "clean": ("clean", "clean", "Read and clean a document; write .json/.txt/.md."),
    "inspect": ("clean", "inspect", "Show what the reader and cleaner found and changed."),
    "convert": ("convert", "convert", "Make the Simplified (or Traditional) edition."),
    "render": ("render", "render", "Render a model or input as DOCX or PDF."),
    "fonts": ("render", "fonts", "List shipped and configured fonts and their coverage."),
    "translate": ("translate", "translate", "Translate a document offline (argostranslate)."),
    "models": ("translate", "models", "List, install and locate translation models."),
    "tm": ("tm", "tm", "Translation memory: import/export TMX, stats."),
    "brief": ("brief", "brief", "Make the summary brief (Chinese and English)."),
    "export": ("export", "export", "Batch export every edition of many documents."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [n for n in COMMANDS if self._available(n)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0]
        return importlib.util.find_spec(f"doctools.commands.{module}") is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module, attr, _ = COMMANDS[cmd_name]
        cmd: click.Command = getattr(importlib.import_module(f"doctools.commands.{module}"), attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][2]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=(
    "Exit codes: 0 ok; 1 a document failed or (batch) some failed/partial; 2 usage error; "
    "3 internal error."
))
@click.version_option(package_name="doctools")
def main() -> None:
    """doctools: clean, convert, translate and print Chinese documents."""


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code; doctools errors become one line, no traceback."""
    try:
        rv: Any = main.main(args=argv, prog_name="doctools", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("doctools: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except (ConfigError, OutputError) as exc:
        click.echo(f"doctools: error: {exc}", err=True)
        return 2
    except DoctoolsError as exc:
        click.echo(f"doctools: error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("doctools: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug: still one line for the user
        if os.environ.get("DOCTOOLS_DEBUG"):
            raise
        msg = f"doctools: internal error: {type(exc).__name__}: {exc} (DOCTOOLS_DEBUG=1 for details)"
        click.echo(msg.replace("\n", " "), err=True)
        return 3
    return int(rv) if isinstance(rv, int) else 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    entry()
