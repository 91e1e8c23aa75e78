"""What the tests and the benchmarks share: servers to start (:mod:`.servers`) and Chromium to
drive offline (:mod:`.browser`).

A package of its own, beside ``tests/`` and ``bench/``, because both import it and neither should
import the other; and outside ``escape_routes/`` because it needs the development requirements
(psutil, Playwright's patterns) that the app's environment does not install, and the app never
imports it. It imports nothing from ``tests/`` or ``bench/`` (nor pytest).
"""
