"""Print the pinned dependencies declared in pyproject.toml, one per line.

The Makefile feeds this to pip together with requirements.lock (as constraints),
so the project is installed from exactly one list and never from a guess.
"""

import argparse
import pathlib
import tomllib

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--extra", action="append", default=[], help="optional group to include")
args = parser.parse_args()

project = tomllib.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
)["project"]
requirements = list(project["dependencies"])
for extra in args.extra:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
