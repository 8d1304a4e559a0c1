from doctools.cli import entry

entry()
