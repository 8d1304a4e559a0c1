"""doctools' own exceptions: each carries a one-line message meant for the user.

::

    DoctoolsError                  anything doctools refuses, with a user-facing message
    ├── InputError                 the input cannot be read (missing, binary, undecodable, empty)
    ├── ConfigError                a bad option, template, table or config file
    ├── ModelMissingError          no translation model installed (names the install command)
    ├── FaithfulnessError          a brief failed its faithfulness check
    └── OutputError                an output cannot be written

Only the CLI turns these into exit codes (1 for a document that failed, 2 for usage).
"""

from __future__ import annotations


class DoctoolsError(Exception):
    """Base class; ``str(exc)`` is the one-line message shown to the user."""


class InputError(DoctoolsError):
    """The input cannot be read or is not a document."""


class ConfigError(DoctoolsError):
    """An option, template, data table or config file is wrong."""


class ModelMissingError(DoctoolsError):
    """No translation model is installed for the language pair."""


class FaithfulnessError(DoctoolsError):
    """A generated text says something its source does not."""


class OutputError(DoctoolsError):
    """An output file or directory cannot be written."""


__all__ = [
    "ConfigError",
    "DoctoolsError",
    "FaithfulnessError",
    "InputError",
    "ModelMissingError",
    "OutputError",
]
