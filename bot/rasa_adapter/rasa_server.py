"""`rasa run ...` as `python -m bot.rasa_adapter.rasa_server run ...`: the same command line,
with one piece of start-up work moved to where it is cheap.

Loading the model's intent classifier (Rasa's LogisticRegressionClassifier) imports
`skops.io`, whose module builds its lists of trusted types by looking every numpy and scipy
ufunc up in every module in `sys.modules` (`skops.io._utils.whichmodule`: ufuncs have no
`__module__`). By then Rasa has imported TensorFlow and ~6,000 modules and that import takes
8-12 s; imported first, in a fresh interpreter (~1,500 modules, mostly numpy, scipy and
sklearn that Rasa imports anyway), it takes ~2 s and finds the same modules (each ufunc is
found in the first module that holds it, and those are imported before the ones Rasa adds).
bench/README.md, "Cold start".
"""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    import skops.io  # noqa: F401 - see the module's docstring
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
