"""Files a person names on the command line or in a dialog: read and written under guard.

- :mod:`counter_app.files.paths` — the checks every given path passes first (not empty, no NUL
  character, not longer than the system allows) and the refusal that names it.
- :mod:`counter_app.files.input` — :func:`~counter_app.files.input.read_input_file` and
  :func:`~counter_app.files.input.check_input_file`: only a regular file, no larger than the
  caller's limit, checked on the open file before a byte is read (a device, a named pipe or a
  folder is refused instead of read forever or waited on).
- :mod:`counter_app.files.output` — :func:`~counter_app.files.output.write_output_file`:
  never over an existing file unless asked (``--force``), never into the data folder or the
  backup folder, written to a temporary file and moved into place in one step.
"""
