"""Room 1, content: the records and how they are read. Imports no other room.

- :mod:`.model`: typed, frozen records and the immutable :class:`~.model.Atlas`;
- :mod:`.load`: ``content/`` and ``geodata/`` files -> records (never raises; a bad record is a
  :class:`~.model.Problem`);
- :mod:`.paths`: where the content, the geodata and the supplied texts are;
- :mod:`.textnorm`: folding text for the verbatim comparison, numbers in a text;
- :mod:`.geometry`: the drawn line of a segment, the Web Mercator projection, lengths.
"""
