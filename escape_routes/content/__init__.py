"""Room 1, content: the records and how they are read. Imports no other room.

- :mod:`.model`: typed, frozen records, the immutable :class:`~.model.Atlas` and
  :class:`~.model.Problem`;
- :mod:`.load`: ``content/`` and ``geodata/`` files -> records (never raises; a bad record is a
  Problem), with :mod:`.syntax` (a file that cannot be parsed, in plain words) and
  :mod:`.schema` (a record that does not fit, in a teacher's words);
- :mod:`.tables`: which file holds which table, and problems named after them;
- :mod:`.report`: problems in a teacher's words, one line per cause (no rule imported: a
  server shows them from a checked atlas);
- :mod:`.paths`: where the content, the geodata and the supplied texts are;
- :mod:`.textnorm`: folding text for the verbatim comparison, numbers in a text;
- :mod:`.geometry`: the drawn line of a segment, the Web Mercator projection, lengths;
- :mod:`.addquote`: the ``add-quote`` helper (a passage found in its text, drafted, attached).
"""
