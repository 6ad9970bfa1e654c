"""The benchmark's old name: ``python benchmarks/bench_validate.py`` runs ``bench.py``.

Kept so that scripts and notes that name it still work; the benchmark itself, with the
same options, lives in ``bench.py``.
"""

from __future__ import annotations

import sys

from bench import main

if __name__ == "__main__":
    sys.exit(main())
